# The module as the PowerShell Gallery ships it: the manifest, dependency isolation and the install round trip
# (build.ps1 Package -> local repository -> Install-PSResource -> a fresh pwsh imports it by name). The views and
# ToString of the output types: Views.Tests.ps1.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Join-Path $script:RepoRoot 'tests/TestSupport/IsolatedPwsh.psm1') -Force
    $script:ModuleDir = Join-Path $script:RepoRoot 'out/ApifyPS'
    $script:Manifest = Join-Path $script:ModuleDir 'ApifyPS.psd1'
    $script:Version = ([xml](Get-Content -Raw (Join-Path $script:RepoRoot 'Directory.Build.props'))).Project.PropertyGroup.Version | Select-Object -First 1
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 25 -Runs 5
    $script:ServerEnv = @{ APIFY_TOKEN = $script:Emu.Token; APIFY_CLIENT_BASE_URL = $script:Emu.BaseUri }
    Use-ApifyEmulator $script:Emu
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'The manifest' {
    BeforeAll {
        $script:Data = Import-PowerShellDataFile $script:Manifest
        $script:Source = Import-PowerShellDataFile (Join-Path $script:RepoRoot 'ApifyPS.psd1')
    }

    It 'passes Test-ModuleManifest, with the version from Directory.Build.props' {
        $m = Test-ModuleManifest $script:Manifest -ErrorAction Stop
        $m.Version | Should -Be ([version]$script:Version)
        $m.Name | Should -Be 'ApifyPS'
    }

    It 'exports every cmdlet of ApifyPS.dll, named one by one' {
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            @($script:Source[$key]) -join ',' | Should -Not -Match '\*' -Because "$key is explicit"
        }
        $cmdlets = @((Get-Command Get-ApifyBuild).ImplementingType.Assembly.GetExportedTypes() |
                Where-Object { -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" })
        @($script:Data.CmdletsToExport | Sort-Object) | Should -Be @($cmdlets | Sort-Object)
        @(Get-Command -Module ApifyPS).Count | Should -Be $cmdlets.Count
    }

    It 'ships every view of src/ApifyPS/Formats in the one file FormatsToProcess names, each type''s views in their order' {
        # One file imports faster than one per type (docs/performance.md); the sources stay one file per type.
        @($script:Data.FormatsToProcess) | Should -Be @('ApifyPS.Format.ps1xml')
        $shipped = [xml](Get-Content -Raw (Join-Path $script:ModuleDir 'ApifyPS.Format.ps1xml'))
        $sources = @(Get-ChildItem (Join-Path $script:RepoRoot 'src/ApifyPS/Formats') -Filter *.Format.ps1xml)
        $sources.Count | Should -BeGreaterThan 0
        # Each view as the build ships it: without the sources' comments.
        $expected = @($sources | ForEach-Object { ([xml](Get-Content -Raw $_.FullName)).Configuration.ViewDefinitions.View } |
                ForEach-Object { foreach ($comment in @($_.SelectNodes('.//comment()'))) { $null = $comment.ParentNode.RemoveChild($comment) }; $_ } |
                ForEach-Object { "$($_.ViewSelectedBy.TypeName) $($_.Name) $($_.OuterXml.Length)" })
        $shipped.SelectNodes('//comment()').Count | Should -Be 1 -Because 'only the line that says where the views come from is kept'
        $actual = @($shipped.Configuration.ViewDefinitions.View | ForEach-Object { "$($_.ViewSelectedBy.TypeName) $($_.Name) $($_.OuterXml.Length)" })
        @($actual | Sort-Object) | Should -Be @($expected | Sort-Object)
        foreach ($type in @($expected | ForEach-Object { ($_ -split ' ')[0] } | Select-Object -Unique)) {
            @($actual | Where-Object { $_.StartsWith("$type ") }) | Should -Be @($expected | Where-Object { $_.StartsWith("$type ") }) -Because "the first view of $type is its default"
        }
        (Get-Module ApifyPS).ExportedFormatFiles | Should -Be @(Join-Path $script:ModuleDir 'ApifyPS.Format.ps1xml')
    }

    It 'has what the Gallery shows: editions, PowerShell 5.1, tags, project, licence, release notes' {
        $script:Data.PowerShellVersion | Should -Be '5.1'
        @($script:Data.CompatiblePSEditions | Sort-Object) | Should -Be @('Core', 'Desktop')
        $psData = $script:Data.PrivateData.PSData
        foreach ($tag in 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS') { $psData.Tags | Should -Contain $tag }
        $psData.ProjectUri | Should -Match '^https://'
        $psData.LicenseUri | Should -Match '^https://'
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $script:Data.Description | Should -Not -BeNullOrEmpty
        Test-Path (Join-Path $script:ModuleDir 'LICENSE') | Should -BeTrue
        Get-Content -Raw (Join-Path $script:RepoRoot 'LICENSE') | Should -Match 'MIT License'
    }

    It 'carries the CHANGELOG section of this version as release notes' {
        (Get-Content -Raw (Join-Path $script:RepoRoot 'CHANGELOG.md')) | Should -Match "(?m)^## \[$([regex]::Escape($script:Version))\]"
        $script:Data.PrivateData.PSData.ReleaseNotes | Should -Not -Be 'See CHANGELOG.md.'
    }
}

Describe 'Dependency isolation' {
    BeforeAll {
        $script:OtherPolly = Join-Path $script:RepoRoot 'out/packages/polly.core/8.1.0/lib/netstandard2.0/Polly.Core.dll'
        if (-not (Test-Path $script:OtherPolly)) { throw "Polly.Core 8.1.0 is missing at $script:OtherPolly; build.ps1 Test restores it." }
        $script:Sandbox = New-ApifySandbox -Prefix 'apifyps-isolation-'
        # What ApifyPS's own context resolves Polly.Core to, and what the process's default context holds.
        $script:Probe = @'
$apify = (Get-Command Get-ApifyBuild).ImplementingType.Assembly
$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($apify)
$polly = [System.Reflection.AssemblyName]::new('Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken=c8a3ffc3f8f825cc')
"apifyContextIsDefault=$($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default)"
"apifyPolly=$($context.LoadFromAssemblyName($polly).Location)"
"defaultPolly=$(@([System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { $_.GetName().Name -eq 'Polly.Core' } | ForEach-Object Location) -join ';')"
"defaultApify=$(@([System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { $_.GetName().Name -eq 'ApifyPS' }).Count)"
$json = $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('System.Text.Json'))
"jsonShared=$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($json) -eq [System.Runtime.Loader.AssemblyLoadContext]::Default)"
'@
        # The other module's Polly at work: a pipeline from its own copy runs a callback.
        $script:UseOther = @'
$builderType = $other.GetType('Polly.ResiliencePipelineBuilder', $true)
$pipeline = $builderType::new().Build()
"otherPolly=$($pipeline.GetType().Assembly.Location)"
'@
    }
    AfterAll { Remove-ApifySandbox $script:Sandbox }

    It 'keeps its own Polly when another module loaded a different Polly.Core first, and both work' {
        $script = @"
`$ErrorActionPreference = 'Stop'
`$other = [System.Reflection.Assembly]::LoadFrom('$script:OtherPolly')
Import-Module '$script:Manifest'
"builds=`$(@(Get-ApifyBuild -Actor '$($script:Seed.actor)').Count)"
$script:Probe
$script:UseOther
"@
        $run = Invoke-ApifyPwsh -Sandbox $script:Sandbox -Environment $script:ServerEnv -ArgumentList @('-Command', $script) -TimeoutSeconds 120
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match '(?m)^builds=25\s*$'
        $run.Output | Should -Match '(?m)^apifyContextIsDefault=False\s*$'
        $run.Output | Should -Match "(?m)^apifyPolly=$([regex]::Escape((Join-Path $script:ModuleDir 'dependencies/Polly.Core.dll')))\s*$"
        $run.Output | Should -Match "(?m)^defaultPolly=$([regex]::Escape($script:OtherPolly))\s*$"
        $run.Output | Should -Match "(?m)^otherPolly=$([regex]::Escape($script:OtherPolly))\s*$"
        $run.Output | Should -Match '(?m)^defaultApify=0\s*$'
        # On .NET 8+ the platform's System.Text.Json is newer than ours and is shared (docs/design.md).
        $run.Output | Should -Match '(?m)^jsonShared=True\s*$'
    }

    It 'leaves the default context free for a module that loads a different Polly.Core after ApifyPS' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:Manifest'
"builds=`$(@(Get-ApifyBuild -Actor '$($script:Seed.actor)' -First 3).Count)"
`$other = [System.Reflection.Assembly]::LoadFrom('$script:OtherPolly')
$script:UseOther
$script:Probe
"@
        $run = Invoke-ApifyPwsh -Sandbox $script:Sandbox -Environment $script:ServerEnv -ArgumentList @('-Command', $script) -TimeoutSeconds 120
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match '(?m)^builds=3\s*$'
        $run.Output | Should -Match "(?m)^otherPolly=$([regex]::Escape($script:OtherPolly))\s*$"
        $run.Output | Should -Match "(?m)^apifyPolly=$([regex]::Escape((Join-Path $script:ModuleDir 'dependencies/Polly.Core.dll')))\s*$"
    }

    It 'is imported once per process: Import-Module -Force and Remove-Module keep one set of types' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$script:Manifest'
`$first = (Get-Command Get-ApifyBuild).ImplementingType.Assembly
Import-Module '$script:Manifest' -Force
Remove-Module ApifyPS
Import-Module '$script:Manifest'
"same=`$([object]::ReferenceEquals(`$first, (Get-Command Get-ApifyBuild).ImplementingType.Assembly))"
"typed=`$((Get-ApifyBuild -Actor '$($script:Seed.actor)' -First 1) -is [ApifyPS.Models.ApifyBuild])"
"@
        $run = Invoke-ApifyPwsh -Sandbox $script:Sandbox -Environment $script:ServerEnv -ArgumentList @('-Command', $script) -TimeoutSeconds 120
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match '(?m)^same=True\s*$'
        $run.Output | Should -Match '(?m)^typed=True\s*$'
    }

    It 'names every dependency in dependencies.txt with its assembly name and length, so an import opens none of them' {
        $dependencies = Join-Path $script:ModuleDir 'dependencies'
        $listed = @(Get-Content (Join-Path $dependencies 'dependencies.txt') | Where-Object { $_ })
        $actual = @(Get-ChildItem $dependencies -Filter *.dll | Sort-Object Name | ForEach-Object {
                "$([System.Reflection.AssemblyName]::GetAssemblyName($_.FullName).FullName)`t$($_.Name)`t$($_.Length)" })
        $actual.Count | Should -BeGreaterThan 0
        $listed | Should -Be $actual
    }

    It 'reads the dependencies from the list only when it matches the files, and from the files otherwise' {
        # System.Text.Json is the platform's (newer) on .NET 8+, so ApifyPS shares it; a list that claimed a version
        # no platform has would make the loader load its own copy. With the true length the loader trusts the list
        # (the own copy proves the list was read); with any other length, or no list, it reads the files and shares.
        $json = Get-Item (Join-Path $script:ModuleDir 'dependencies/System.Text.Json.dll')
        $cases = [ordered]@{ trusted = $json.Length; stale = $json.Length + 1; missing = $null }
        foreach ($case in $cases.Keys) {
            $copy = Join-Path $TestDrive "$case/ApifyPS"
            $null = New-Item -ItemType Directory -Force -Path (Split-Path $copy)
            Copy-Item -Recurse $script:ModuleDir $copy
            $list = Join-Path $copy 'dependencies/dependencies.txt'
            if ($null -eq $cases[$case]) { Remove-Item $list }
            else {
                $lines = @(Get-Content $list | ForEach-Object {
                        if ($_ -like 'System.Text.Json,*') { "System.Text.Json, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51`tSystem.Text.Json.dll`t$($cases[$case])" } else { $_ } })
                [IO.File]::WriteAllLines($list, [string[]] $lines)
            }
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $copy 'ApifyPS.psd1')'
"builds=`$(@(Get-ApifyBuild -Actor '$($script:Seed.actor)' -First 2).Count)"
`$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-Command Get-ApifyBuild).ImplementingType.Assembly)
`$json = `$context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('System.Text.Json'))
"jsonShared=`$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$json) -eq [System.Runtime.Loader.AssemblyLoadContext]::Default)"
"@
            $run = Invoke-ApifyPwsh -Sandbox $script:Sandbox -Environment $script:ServerEnv -ArgumentList @('-Command', $script) -TimeoutSeconds 120
            $run.ExitCode | Should -Be 0 -Because "$case`: $($run.Output)"
            $run.Output | Should -Match '(?m)^builds=2\s*$' -Because $case
            $run.Output | Should -Match "(?m)^jsonShared=$($case -ne 'trusted')\s*$" -Because $case
        }
    }
}

Describe 'The Windows PowerShell 5.1 loading path' {
    BeforeAll { $script:Sandbox = New-ApifySandbox -Prefix 'apifyps-sidebyside-' }
    AfterAll { Remove-ApifySandbox $script:Sandbox }

    # No Windows PowerShell here: this runs the loader's .NET Framework path (LoadFrom + an AssemblyResolve handler
    # serving dependencies/) on .NET, where the same APIs exist, so at least its logic is exercised.
    It 'loads ApifyPS with LoadFrom and serves its dependencies from the dependencies folder' {
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$(Join-Path $script:ModuleDir 'ApifyPS.Loader.dll')'
`$loader = [ApifyPS.Loader.ModuleLoader].Assembly.GetType('ApifyPS.Loader.SideBySideLoader', `$true)
`$assembly = `$loader.GetMethod('Load', [System.Reflection.BindingFlags]'Static, Public, NonPublic').Invoke(`$null,
    @('$(Join-Path $script:ModuleDir 'ApifyPS.dll')', '$(Join-Path $script:ModuleDir 'dependencies')'))
Import-Module -Assembly `$assembly
# A request that does not come from ApifyPS's assemblies (here: from PowerShell itself, before
# ApifyPS loaded Polly) is not served.
try { `$null = [System.Reflection.Assembly]::Load('Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken=c8a3ffc3f8f825cc'); 'others=served' } catch { 'others=refused' }
"builds=`$(@(Get-ApifyBuild -Actor '$($script:Seed.actor)' -First 4).Count)"
"polly=`$(@([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Polly.Core' } | ForEach-Object Location) -join ';')"
"@
        $run = Invoke-ApifyPwsh -Sandbox $script:Sandbox -Environment $script:ServerEnv -ArgumentList @('-Command', $script) -TimeoutSeconds 120
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match '(?m)^builds=4\s*$'
        # The client core's requests go through Polly: loaded from dependencies/.
        $run.Output | Should -Match "(?m)^polly=$([regex]::Escape((Join-Path $script:ModuleDir 'dependencies/Polly.Core.dll')))\s*$"
        $run.Output | Should -Match '(?m)^others=refused\s*$'
    }
}

Describe 'The install round trip' {
    BeforeAll {
        $script:Gallery = Join-Path $script:RepoRoot 'out/gallery'
        $script:Package = Get-ChildItem $script:Gallery -Filter "ApifyPS.$($script:Version).nupkg" -ErrorAction SilentlyContinue | Select-Object -First 1
        $script:Sandbox = New-ApifySandbox -Prefix 'apifyps-install-'
    }
    AfterAll { Remove-ApifySandbox $script:Sandbox }

    It 'has the package build.ps1 Package made' {
        $script:Package | Should -Not -BeNullOrEmpty -Because 'build.ps1 Package (run by build.ps1 Test) publishes it to out/gallery'
    }

    It 'installs with Install-PSResource and imports by name in a fresh pwsh, help and all' {
        $install = Invoke-ApifyPwsh -Sandbox $script:Sandbox -WorkingDirectory $script:Sandbox.Path -TimeoutSeconds 300 -ArgumentList @('-Command', @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name ApifyPSLocal -Uri '$script:Gallery' -Trusted
Install-PSResource -Name ApifyPS -Repository ApifyPSLocal -TrustRepository -Scope CurrentUser
"@)
        $install.ExitCode | Should -Be 0 -Because $install.Output

        $use = Invoke-ApifyPwsh -Sandbox $script:Sandbox -WorkingDirectory $script:Sandbox.Path -Environment $script:ServerEnv -TimeoutSeconds 120 -ArgumentList @('-Command', @"
`$ErrorActionPreference = 'Stop'
Import-Module ApifyPS
`$m = Get-Module ApifyPS
"base=`$(`$m.ModuleBase)"
"version=`$(`$m.Version)"
"commands=`$(@(Get-Command -Module ApifyPS).Count)"
"builds=`$(@(Get-ApifyBuild -Actor '$($script:Seed.actor)').Count)"
"examples=`$(@((Get-Help Get-ApifyBuild -Examples).examples.example).Count)"
"dependency=`$(Test-Path (Join-Path `$m.ModuleBase 'dependencies/Polly.Core.dll'))"
"@)
        $use.ExitCode | Should -Be 0 -Because $use.Output
        $base = [regex]::Match($use.Output, '(?m)^base=(.*?)\s*$').Groups[1].Value
        $base | Should -BeLike "$($script:Sandbox.Path)*" -Because 'the module comes from the installed package, not out/'
        $use.Output | Should -Match "(?m)^version=$([regex]::Escape($script:Version))\s*$"
        $use.Output | Should -Match "(?m)^commands=$(@((Import-PowerShellDataFile $script:Manifest).CmdletsToExport).Count)\s*$"
        $use.Output | Should -Match '(?m)^builds=25\s*$'
        $use.Output | Should -Match '(?m)^examples=([2-9]|\d\d+)\s*$'
        $use.Output | Should -Match '(?m)^dependency=True\s*$'
    }
}
