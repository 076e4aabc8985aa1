#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates ApifyPS.
.DESCRIPTION
    Tasks:
      Build  stage the module into out/ApifyPS (Import-Module ./out/ApifyPS/ApifyPS.psd1) and the local
             Apify-compatible server into out/emulator.
      Test   Build, then run every xunit and Pester test, and the desktop harness (the module on Mono's .NET Framework
             profile through the loader's Windows PowerShell path; skipped when mono is not on the PATH); ends with
             "N passed, N failed"; non-zero exit on failure.
      Demo   Build, start the local server with seeded data, and run docs/examples/Get-BuildReport.ps1 and
             docs/examples/Invoke-ScraperRun.ps1 against it.
      Docs   Build, then bring the help pages docs/cmdlets/*.md up to date with the cmdlets (syntax, parameter
             facts, a page outline for a new cmdlet) and rewrite the reference index docs/cmdlets/README.md.
      Package  Build, then publish the staged module with Publish-PSResource to the local folder repository
             out/gallery (the .nupkg the PowerShell Gallery would get).
      Bench  Build, then run bench/Invoke-Benchmark.ps1 (ApifyPS against the official JS client and Invoke-RestMethod;
             needs Node.js and npm); prints the table of docs/performance.md and writes out/bench/latest.md.
      Clean  remove out/ and the projects' bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Docs', 'Package', 'Bench', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run only the test files/classes whose name matches (xunit, Pester; -Filter DesktopHarness: the desktop harness).
    [string] $Filter
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:POWERSHELL_UPDATECHECK = 'Off'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'ApifyPS'
$EmulatorOut = Join-Path $Out 'emulator'
$ResultsDir = Join-Path $Out 'test-results'
$PesterVersion = '5.7.1'
$Dotnet = (Get-Process -Id $PID).Path
if ((Split-Path $Dotnet -Leaf) -notmatch '^dotnet(\.exe)?$') { $Dotnet = 'dotnet' }

function Invoke-Dotnet {
    # A simple function on purpose: its arguments ($args) go to dotnet as they are, -c and -o included.
    & $Dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-ProjectVersion {
    ([xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))).Project.PropertyGroup.Version | Select-Object -First 1
}

function Invoke-BuildTask {
    $version = Get-ProjectVersion
    Write-Host "Building ApifyPS $version ($Configuration)"
    $publish = Join-Path $Out "publish/ApifyPS"
    $loaderPublish = Join-Path $Out "publish/ApifyPS.Loader"
    foreach ($dir in $publish, $loaderPublish) { if (Test-Path $dir) { Remove-Item -Recurse -Force $dir } }
    Invoke-Dotnet publish (Join-Path $Root 'src/ApifyPS/ApifyPS.csproj') -c $Configuration -o $publish --nologo -v quiet
    Invoke-Dotnet publish (Join-Path $Root 'src/ApifyPS.Loader/ApifyPS.Loader.csproj') -c $Configuration -o $loaderPublish --nologo -v quiet

    # The module: the root script and the loader, ApifyPS.dll beside them, the third-party assemblies in
    # dependencies/ (loaded privately: docs/design.md, "Dependency isolation"), views, help, licence.
    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    $dependencies = Join-Path $ModuleOut 'dependencies'
    $null = New-Item -ItemType Directory -Path $ModuleOut, $dependencies
    Copy-Item (Join-Path $publish 'ApifyPS.dll'), (Join-Path $publish 'ApifyPS.pdb') -Destination $ModuleOut
    Copy-Item (Join-Path $loaderPublish 'ApifyPS.Loader.dll') -Destination $ModuleOut
    Get-ChildItem $publish -File -Filter *.dll | Where-Object Name -ne 'ApifyPS.dll' | Copy-Item -Destination $dependencies
    # The loader reads the dependencies' names from this list instead of opening every file at each import; it falls
    # back to the files when the list does not match them (ModuleLoader.ReadDependencyList).
    $list = foreach ($file in Get-ChildItem $dependencies -File -Filter *.dll | Sort-Object Name) {
        "$([System.Reflection.AssemblyName]::GetAssemblyName($file.FullName).FullName)`t$($file.Name)`t$($file.Length)"
    }
    [IO.File]::WriteAllLines((Join-Path $dependencies 'dependencies.txt'), [string[]] $list)
    Copy-Item (Join-Path $Root 'ApifyPS.psm1'), (Join-Path $Root 'LICENSE') -Destination $ModuleOut
    Join-FormatFile -Source (Join-Path $Root 'src/ApifyPS/Formats') -Destination (Join-Path $ModuleOut 'ApifyPS.Format.ps1xml')
    # The manifest at the root is the source; the staged copy gets the version from the one version source and
    # the release notes of that version from CHANGELOG.md.
    $manifest = Get-Content -Raw (Join-Path $Root 'ApifyPS.psd1')
    $manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    $notes = Get-ReleaseNote $version
    if ($notes) { $manifest = $manifest -replace "ReleaseNotes\s*=\s*'[^']*'", "ReleaseNotes = '$($notes -replace "'", "''")'" }
    Set-Content -Path (Join-Path $ModuleOut 'ApifyPS.psd1') -Value $manifest -NoNewline

    Invoke-HelpBuild

    if (Test-Path $EmulatorOut) { Remove-Item -Recurse -Force $EmulatorOut }
    Invoke-Dotnet publish (Join-Path $Root 'tests/ApifyPS.Emulator/ApifyPS.Emulator.csproj') -c $Configuration -o $EmulatorOut --nologo -v quiet
    Write-Host "Staged the module in $ModuleOut and the local server in $EmulatorOut"
}

function Join-FormatFile([string] $Source, [string] $Destination) {
    # The views are written one file per type (src/ApifyPS/Formats/<Type>.Format.ps1xml) and shipped as one file:
    # PowerShell reads, resolves and loads every file in FormatsToProcess on its own, and one file of the same views
    # imports about 50 ms faster than 26 (docs/performance.md, "Import"). Each file's views keep their order (the
    # first view of a type is its default); files are taken in name order so the result is the same on every machine.
    # Their comments are left out: PowerShell's loader reads every node, and four comparisons of the same views with
    # and without them gave 2-24 ms less without (docs/performance.md, "Import").
    $sections = 'ViewDefinitions', 'SelectionSets', 'Controls'
    $merged = [xml]::new()
    $null = $merged.AppendChild($merged.CreateXmlDeclaration('1.0', 'utf-8', $null))
    $configuration = $merged.AppendChild($merged.CreateElement('Configuration'))
    $targets = @{}
    $files = @(Get-ChildItem $Source -Filter *.Format.ps1xml -File | Sort-Object { $_.Name } -Culture ([cultureinfo]::InvariantCulture))
    if ($files.Count -eq 0) { throw "No views in $Source." }
    foreach ($file in $files) {
        $document = [xml](Get-Content -Raw $file.FullName)
        if ($document.DocumentElement.Name -ne 'Configuration') { throw "$($file.Name): the root element is not <Configuration>." }
        foreach ($section in $document.DocumentElement.ChildNodes) {
            if ($section.NodeType -ne [System.Xml.XmlNodeType]::Element) { continue }
            if ($section.Name -notin $sections) { throw "$($file.Name): <$($section.Name)> cannot be merged; a view file holds only $($sections -join ', ')." }
            if (-not $targets.ContainsKey($section.Name)) { $targets[$section.Name] = $configuration.AppendChild($merged.CreateElement($section.Name)) }
            foreach ($node in $section.ChildNodes) { $null = $targets[$section.Name].AppendChild($merged.ImportNode($node, $true)) }
        }
    }
    foreach ($comment in @($merged.SelectNodes('//comment()'))) { $null = $comment.ParentNode.RemoveChild($comment) }
    $null = $merged.InsertBefore($merged.CreateComment(' Made by build.ps1 from src/ApifyPS/Formats/*.Format.ps1xml: edit those. '), $configuration)
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $writer = [System.Xml.XmlWriter]::Create($Destination, $settings)
    try { $merged.Save($writer) } finally { $writer.Dispose() }
}

function Get-ReleaseNote([string] $Version) {
    # The CHANGELOG.md section of this version ("## [0.1.0] ..." up to the next "## "), as plain text.
    $path = Join-Path $Root 'CHANGELOG.md'
    if (-not (Test-Path $path)) { return $null }
    $text = (Get-Content -Raw $path) -replace "`r`n", "`n"
    $m = [regex]::Match($text, "(?ms)^## \[?$([regex]::Escape($Version))\]?[^\n]*\n(.*?)(?=^## |\z)")
    if ($m.Success) { $m.Groups[1].Value.Trim() } else { $null }
}

function Invoke-HelpBuild([string] $IndexPath) {
    # MAML help for Get-Help from docs/cmdlets/*.md and the cmdlets' own metadata, in a fresh pwsh that imports the
    # staged module the way a user would. Incomplete help is reported here and fails the tests (Help.Tests.ps1).
    $helpArgs = @('-ModuleManifest', (Join-Path $ModuleOut 'ApifyPS.psd1'), '-SourceDirectory', (Join-Path $Root 'docs/cmdlets'),
        '-HelpPath', (Join-Path $ModuleOut 'en-US/ApifyPS.dll-Help.xml'), '-AboutDirectory', (Join-Path $Root 'docs/about'))
    if ($IndexPath) { $helpArgs += @('-IndexPath', $IndexPath) }
    & $Dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Build-ApifyHelp.ps1') @helpArgs
    if ($LASTEXITCODE -ne 0) { throw "Building the help failed (exit code $LASTEXITCODE)." }
}

function Get-PesterModulePath {
    $packages = Join-Path $Out 'packages'
    $path = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $path) -or -not (Test-Path (Join-Path $packages 'polly.core/8.1.0'))) {
        Write-Host "Restoring Pester $PesterVersion from NuGet"
        Invoke-Dotnet restore (Join-Path $Root 'tests/Pester/Pester.Restore.csproj') --packages $packages --nologo -v quiet
    }
    if (-not (Test-Path $path)) { throw "Pester was restored but $path is missing." }
    $path
}

# The test runners run at once, each in its own process writing to its own log (printed whole when it ends, in a
# fixed order): xunit, Pester in two groups (the help examples, which start a fresh pwsh per example, apart from the
# rest), and the desktop harness. The suite's wall time is then its longest runner's, not the sum. Each runner is
# a [pscustomobject] with Name, the command (File, Arguments), and Result (a scriptblock that reads its counts).

function New-XunitRunner {
    $trx = Join-Path $ResultsDir 'xunit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    $project = Join-Path $Root 'tests/ApifyPS.Tests/ApifyPS.Tests.csproj'
    # Built first, alone: the runners then share no build output.
    Invoke-Dotnet build $project -c $Configuration --nologo -v quiet | Out-Host
    $testArgs = @('test', $project, '-c', $Configuration, '--no-build', '--nologo',
        '--logger', 'trx;LogFileName=xunit.trx', '--logger', 'console;verbosity=normal', '--results-directory', $ResultsDir)
    if ($Filter) { $testArgs += @('--filter', "FullyQualifiedName~$Filter") }
    [pscustomobject]@{
        Name = 'xunit'; File = $Dotnet; Arguments = $testArgs
        Result = {
            param($exit)
            if (-not (Test-Path $trx)) { throw "xunit produced no results (dotnet test exit code $exit)." }
            $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
            [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; ExitCode = $exit }
        }.GetNewClosure()
    }
}

function New-PesterRunner([string] $Name, [string[]] $Include, [string[]] $Exclude) {
    $pester = Get-PesterModulePath
    $summary = Join-Path $ResultsDir "$Name-summary.json"
    if (Test-Path $summary) { Remove-Item $summary }
    # A fresh pwsh: the tests import the staged module the way a user would.
    $pesterArgs = @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tests/Pester/Invoke-PesterTests.ps1'),
        '-PesterPath', $pester, '-SummaryPath', $summary, '-ResultsDir', $ResultsDir, '-RunName', $Name)
    if ($Filter) { $pesterArgs += @('-Filter', $Filter) }
    if ($Include) { $pesterArgs += @('-Include', ($Include -join ',')) }
    if ($Exclude) { $pesterArgs += @('-Exclude', ($Exclude -join ',')) }
    [pscustomobject]@{
        Name = $Name; File = $Dotnet; Arguments = $pesterArgs
        Result = {
            param($exit)
            if (-not (Test-Path $summary)) { throw "Pester ($Name) produced no results (exit code $exit)." }
            $s = Get-Content -Raw $summary | ConvertFrom-Json
            [pscustomobject]@{ Passed = [int]$s.Passed; Failed = [int]$s.Failed; ExitCode = $exit }
        }.GetNewClosure()
    }
}

function New-DesktopHarnessRunner {
    # The Windows PowerShell 5.1 stand-in (docs/windows-powershell.md): a .NET Framework 4.7.2 harness run under Mono
    # that loads the staged module through ApifyPS.Loader's Desktop path and drives the client core against the local
    # server. Needs mono on the PATH (Debian: apt-get install mono-devel; .ci/run installs it); skipped otherwise.
    if ($Filter -and 'DesktopHarness' -notlike "*$Filter*") { return }
    $mono = Get-Command mono -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $mono) {
        Write-Host 'Desktop harness skipped: mono is not on the PATH (install mono-devel to run the Windows PowerShell stand-in; docs/windows-powershell.md).'
        return
    }
    $project = Join-Path $Root 'tests/ApifyPS.DesktopHarness/ApifyPS.DesktopHarness.csproj'
    Invoke-Dotnet build $project -c $Configuration --nologo -v quiet | Out-Host
    $exe = Join-Path $Root "tests/ApifyPS.DesktopHarness/bin/$Configuration/net472/ApifyPS.DesktopHarness.exe"
    $summary = Join-Path $ResultsDir 'desktop-harness-summary.json'
    if (Test-Path $summary) { Remove-Item $summary }
    [pscustomobject]@{
        Name = 'desktop harness'; File = $mono.Source
        Arguments = @($exe, '--module', $ModuleOut, '--server', (Join-Path $EmulatorOut 'ApifyPS.Emulator.dll'), '--dotnet', $Dotnet, '--summary', $summary)
        Result = {
            param($exit)
            if (-not (Test-Path $summary)) { throw "The desktop harness produced no results (exit code $exit)." }
            $s = Get-Content -Raw $summary | ConvertFrom-Json
            [pscustomobject]@{ Passed = [int]$s.Passed; Failed = [int]$s.Failed; ExitCode = $exit }
        }.GetNewClosure()
    }
}

function Invoke-Runners($Runners) {
    # Starts every runner at once, waits for all, prints each log whole, and returns each runner's counts (or the
    # error that it could not be read).
    $started = foreach ($r in $Runners) {
        $log = Join-Path $ResultsDir (($r.Name -replace '\W', '-') + '.log')
        # One argument string, each argument quoted as the process's C runtime parses it back.
        $arguments = ($r.Arguments | ForEach-Object {
                $a = [string]$_
                if ($a -match '[\s"]' -or $a -eq '') { '"' + ($a -replace '(\\*)"', '$1$1\"' -replace '(\\+)$', '$1$1') + '"' } else { $a }
            }) -join ' '
        $process = Start-Process -FilePath $r.File -ArgumentList $arguments -NoNewWindow -PassThru `
            -RedirectStandardOutput $log -RedirectStandardError "$log.err"
        Write-Host "Started $($r.Name) (log: $log)"
        [pscustomobject]@{ Runner = $r; Process = $process; Log = $log }
    }
    foreach ($s in $started) {
        $s.Process.WaitForExit()
        Write-Host "`n######## $($s.Runner.Name): exit code $($s.Process.ExitCode)`n"
        Get-Content $s.Log | Out-Host
        if ((Test-Path "$($s.Log).err") -and (Get-Item "$($s.Log).err").Length -gt 0) { Get-Content "$($s.Log).err" | Out-Host }
    }
    foreach ($s in $started) {
        try { & $s.Runner.Result $s.Process.ExitCode }
        catch { [pscustomobject]@{ Passed = 0; Failed = 0; ExitCode = $s.Process.ExitCode; Error = "$($s.Runner.Name): $_" } }
    }
}

# Written into the test run's own home; the isolation tests (TestIsolation*) look for it.
$TestHomeMarker = '.apifyps-test-home'

function Enter-TestRunHome {
    # The whole test run -- the xunit and Pester processes and everything they start -- gets a fresh home, so no test
    # can read the developer's credentials: no stored profile, no ~/.apify/auth.json, no APIFY_* variables, none of
    # the developer's PowerShell modules (vault extensions). The dotnet CLI keeps the developer's own home
    # (DOTNET_CLI_HOME), where its NuGet configuration, package cache and local-tool cache live: builds and restores
    # stay no-ops and `dotnet pwsh` still starts. Returns what Exit-TestRunHome needs to undo it.
    Import-Module (Join-Path $Root 'tests/TestSupport/IsolatedPwsh.psm1') -Force
    $sandbox = New-ApifySandbox -Prefix 'apifyps-testrun-'
    $variables = [ordered]@{}
    foreach ($name in $sandbox.Environment.Keys) { $variables[$name] = $sandbox.Environment[$name] }
    $variables.XDG_CONFIG_HOME = Join-Path $sandbox.Path '.config'
    $variables.DOTNET_CLI_HOME = if ($env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME } else { [Environment]::GetFolderPath('UserProfile') }
    foreach ($name in 'APIFY_TOKEN', 'APIFY_PROFILE', 'APIFY_CLIENT_BASE_URL') { $variables[$name] = $null }
    Set-Content -Path (Join-Path $sandbox.Path $TestHomeMarker) -Value 'The home of one build.ps1 Test run; removed when it ends.'
    $saved = @{}
    foreach ($name in $variables.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $variables[$name])
    }
    Write-Host "Tests run with HOME=$($sandbox.Path)"
    [pscustomobject]@{ Sandbox = $sandbox; Saved = $saved }
}

function Exit-TestRunHome($RunHome) {
    foreach ($name in $RunHome.Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $RunHome.Saved[$name]) }
    Remove-ApifySandbox $RunHome.Sandbox
}

function Invoke-TestTask {
    Invoke-PackageTask # builds, and makes the package the install round-trip test installs
    $null = New-Item -ItemType Directory -Force -Path $ResultsDir
    $runHome = Enter-TestRunHome
    try {
        $helpTests = 'Help.Tests.ps1'
        $runners = @(New-XunitRunner) + @(New-PesterRunner 'pester-help' -Include $helpTests) +
            @(New-PesterRunner 'pester' -Exclude $helpTests) + @(New-DesktopHarnessRunner)
        $results = @(Invoke-Runners $runners)
    }
    finally { Exit-TestRunHome $runHome }
    $errors = @($results | Where-Object { $_.PSObject.Properties['Error'] })
    foreach ($e in $errors) { Write-Host "ERROR $($e.Error)" }
    $passed = ($results | Measure-Object -Property Passed -Sum).Sum
    $failed = ($results | Measure-Object -Property Failed -Sum).Sum + $errors.Count
    $exitCodes = @($results | Where-Object ExitCode -ne 0)
    Write-Host "xunit, Pester and the desktop harness: $($results.Count - $errors.Count) runner(s) completed$(if ($errors) { ", $($errors.Count) failed to run" })"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0 -or $exitCodes) { exit 1 }
}

function Invoke-PackageTask {
    # The Gallery package: Publish-PSResource (PSResourceGet ships with pwsh) to a local folder repository, in a
    # pwsh whose profile folders are a sandbox so no repository is registered in the user's own settings.
    Invoke-BuildTask
    $gallery = Join-Path $Out 'gallery'
    if (Test-Path $gallery) { Remove-Item -Recurse -Force $gallery }
    $null = New-Item -ItemType Directory -Path $gallery
    Import-Module (Join-Path $Root 'tests/TestSupport/IsolatedPwsh.psm1') -Force
    $sandbox = New-ApifySandbox -Prefix 'apifyps-package-'
    try {
        $script = "`$ErrorActionPreference = 'Stop'; Register-PSResourceRepository -Name ApifyPSLocal -Uri '$gallery' -Trusted; " +
        "Publish-PSResource -Path '$ModuleOut' -Repository ApifyPSLocal"
        $run = Invoke-ApifyPwsh -Sandbox $sandbox -ArgumentList @('-Command', $script) -WorkingDirectory $sandbox.Path -TimeoutSeconds 300
        if ($run.ExitCode -ne 0) { throw "Publish-PSResource failed (exit code $($run.ExitCode)): $($run.Output)" }
    }
    finally { Remove-ApifySandbox $sandbox }
    $package = Get-ChildItem $gallery -Filter 'ApifyPS.*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Publish-PSResource wrote no ApifyPS package to $gallery." }
    Write-Host "Published $($package.Name) to the local repository $gallery"
}

function Invoke-DemoTask {
    Invoke-BuildTask
    Import-Module (Join-Path $Root 'tests/TestSupport/ApifyEmulator.psm1') -Force
    $emulator = Start-ApifyEmulator -Token ('demo_' + [guid]::NewGuid().ToString('N')) -ArgumentList '--username', 'janedoe'
    try {
        $seed = Add-ApifyEmulatorSeed -Emulator $emulator -Actor 'web-scraper' -Builds 240 -Runs 40 `
            -Extra @{ buildStatuses = @('SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'SUCCEEDED', 'TIMED-OUT', 'SUCCEEDED', 'SUCCEEDED') }
        $null = Add-ApifyEmulatorSeed -Emulator $emulator -Actor 'price-monitor' -Builds 30 -Runs 10
        # How the Actor's new runs behave: a few seconds of work with a progress line every half second, 250 items.
        $null = Add-ApifyEmulatorSeed -Emulator $emulator -Actor 'web-scraper' -Extra @{ runDurationMs = 3000; logIntervalMs = 500; datasetItemCount = 250 }
        Write-Host "Local Apify-compatible server at $($emulator.BaseUri), seeded Actor $($seed.actor)"
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $env:APIFY_TOKEN = $emulator.Token
        $env:APIFY_CLIENT_BASE_URL = $emulator.BaseUri
        try {
            # As an administrator would: a fresh pwsh that imports the module and runs the script.
            $demos = @(
                @{ Title = 'Build report'; Script = 'docs/examples/Get-BuildReport.ps1'; Csv = Join-Path $Out 'demo/failed-builds.csv' }
                @{ Title = 'A scraper run and its results'; Script = 'docs/examples/Invoke-ScraperRun.ps1'; Csv = Join-Path $Out 'demo/products.csv' }
            )
            foreach ($demo in $demos) {
                Write-Host "`n######## $($demo.Title): $($demo.Script)`n"
                $script = Join-Path $Root $demo.Script
                & $Dotnet $pwshDll -NoProfile -NonInteractive -Command "Import-Module '$ModuleOut/ApifyPS.psd1'; & '$script' -Actor '$($seed.actor)' -CsvPath '$($demo.Csv)'"
                if ($LASTEXITCODE -ne 0) { throw "The demo script $($demo.Script) failed (exit code $LASTEXITCODE)." }
                Write-Host "`nThe CSV the script wrote ($($demo.Csv)):"
                Get-Content $demo.Csv | Select-Object -First 4 | Out-Host
            }
        }
        finally {
            Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
        }
    }
    finally {
        Stop-ApifyEmulator -Emulator $emulator
    }
}

function Invoke-CleanTask {
    foreach ($path in @($Out) + (Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Recurse -Directory -Include bin, obj).FullName) {
        if ($path -and (Test-Path $path)) { Remove-Item -Recurse -Force $path }
    }
}

foreach ($t in $Task) {
    switch ($t) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Demo' { Invoke-DemoTask }
        'Docs' { Invoke-BuildTask; Invoke-HelpBuild -IndexPath (Join-Path $Root 'docs/cmdlets/README.md') }
        'Package' { Invoke-PackageTask }
        'Bench' { Invoke-BuildTask; & (Join-Path $Root 'bench/Invoke-Benchmark.ps1') -Root $Root }
        'Clean' { Invoke-CleanTask }
    }
}
