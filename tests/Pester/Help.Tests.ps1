# Every exported cmdlet has complete help, built from docs/cmdlets/<Verb-Noun>.md, that Get-Help shows, and every
# example in it runs against the local server (tests/TestSupport/Invoke-HelpExamples.ps1 says how).
BeforeDiscovery {
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    Import-Module (Join-Path $root 'out/ApifyPS/ApifyPS.psd1') -Force
    $script:Commands = @(Get-Command -Module ApifyPS | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
    $script:Examples = @(foreach ($c in $script:Commands) {
            $i = 0
            foreach ($e in @((Get-Help $c.Name -Full).examples.example | Where-Object { $_ })) {
                $i++
                @{ Command = $c.Name; Index = $i; Title = ($e.title -replace '^-+\s*|\s*-+$', '').Trim() }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Join-Path $script:RepoRoot 'tools/ApifyHelp.psm1') -Force
    $script:Source = Join-Path $script:RepoRoot 'docs/cmdlets'
    $script:Manifest = Join-Path $script:RepoRoot 'out/ApifyPS/ApifyPS.psd1'

    # All examples in one fresh pwsh whose home and profile folders are a temporary sandbox.
    Import-Module (Join-Path $script:RepoRoot 'tests/TestSupport/IsolatedPwsh.psm1') -Force
    $script:Sandbox = New-ApifySandbox -Prefix 'apifyps-help-'
    $resultPath = Join-Path $script:Sandbox.Path 'results.json'
    $run = Invoke-ApifyPwsh -Sandbox $script:Sandbox -TimeoutSeconds 1800 -ArgumentList @('-File',
        (Join-Path $script:RepoRoot 'tests/TestSupport/Invoke-HelpExamples.ps1'), '-ModuleManifest', $script:Manifest, '-ResultPath', $resultPath)
    Write-Host $run.Output
    $script:ExampleResults = if (Test-Path $resultPath) { @(Get-Content -Raw $resultPath | ConvertFrom-Json) } else { @() }
}

AfterAll {
    Remove-ApifySandbox $script:Sandbox
}

Describe 'The help source of every exported cmdlet' {
    It 'finds the cmdlets' {
        @(Get-Command -Module ApifyPS).Count | Should -BeGreaterThan 0
    }

    It '<Name>: docs/cmdlets/<Name>.md is complete and matches the cmdlet' -ForEach $script:Commands {
        $file = Join-Path $script:Source "$Name.md"
        $markdown = if (Test-Path $file) { Read-ApifyHelpMarkdown -Path $file } else { $null }
        @(Test-ApifyHelpSource -Command (Get-Command $Name) -Markdown $markdown) | Should -BeNullOrEmpty
    }

    It '<Name>: Get-Help shows a synopsis, a description, two examples and a description for every parameter' -ForEach $script:Commands {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))"
        $help.description | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        $command = Get-Command $Name
        $documented = @($help.parameters.parameter | Where-Object { $_ -and $_.name } | ForEach-Object name)
        foreach ($p in @(Get-ApifyParameterInfo -Command $command)) {
            $documented | Should -Contain $p.Name -Because "-$($p.Name) is a parameter of $Name"
        }
        foreach ($p in @($help.parameters.parameter | Where-Object { $_ -and $_.name })) {
            ($p.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($p.name) needs a description"
        }
        @($help.relatedLinks.navigationLink).Count | Should -BeGreaterThan 0
        @($help.returnValues.returnValue).Count | Should -BeGreaterThan 0
    }

    It '<Name>: the help takes parameter facts from the cmdlet (mandatory, position, pipeline input, type)' -ForEach $script:Commands {
        $help = Get-Help $Name -Full
        foreach ($p in @(Get-ApifyParameterInfo -Command (Get-Command $Name))) {
            $h = @($help.parameters.parameter | Where-Object name -eq $p.Name)[0]
            $h.required | Should -Be $p.Mandatory.ToString().ToLowerInvariant()
            $h.position | Should -Be $p.Position.ToLowerInvariant()
            $h.pipelineInput | Should -Be $p.Pipeline
            $h.type.name | Should -Be $p.Type.FullName
        }
        # One syntax item per parameter set.
        @($help.syntax.syntaxItem).Count | Should -Be @((Get-Command $Name).ParameterSets).Count
    }

    It '<Name>: the page''s SYNTAX and parameter yaml match the cmdlet (./build.ps1 Docs rewrites them)' -ForEach $script:Commands {
        $file = Join-Path $script:Source "$Name.md"
        if (-not (Test-Path $file)) { Set-ItResult -Skipped -Because 'the page is missing (reported above)'; return }
        $text = [System.IO.File]::ReadAllText($file) -replace "`r`n", "`n"
        Update-ApifyHelpMarkdown -Command (Get-Command $Name) -Text $text | Should -Be $text
    }

    It '<Name> uses an approved verb' -ForEach $script:Commands {
        (Get-Verb).Verb | Should -Contain (Get-Command $Name).Verb
    }

    It 'has a help source only for cmdlets the module exports' {
        $exported = @(Get-Command -Module ApifyPS).Name
        foreach ($file in Get-ChildItem $script:Source -Filter '*-*.md') {
            $exported | Should -Contain $file.BaseName -Because "$($file.Name) documents a cmdlet"
        }
    }

    It 'keeps the cmdlet reference index docs/cmdlets/README.md current (./build.ps1 Docs writes it)' {
        $entries = @(Get-ApifyHelpEntry -Module ApifyPS -SourceDirectory $script:Source)
        $expected = Get-ApifyReferenceIndex -Entry $entries
        $actual = (Get-Content -Raw (Join-Path $script:Source 'README.md')) -replace "`r`n", "`n"
        $actual | Should -Be $expected
    }
}

Describe 'About topics' {
    It 'shows every docs/about page with Get-Help' {
        $pages = @(Get-ChildItem (Join-Path $script:RepoRoot 'docs/about') -Filter 'about_*.md' -ErrorAction SilentlyContinue)
        foreach ($page in $pages) {
            $text = Get-Help $page.BaseName | Out-String
            $text | Should -Match 'SHORT DESCRIPTION' -Because "Get-Help $($page.BaseName) shows the topic"
            $text | Should -Not -Match '(?m)^#{1,6} ' -Because 'Markdown headings are made plain'
        }
    }
}

Describe 'The help source checks' {
    BeforeAll {
        $script:Temp = Join-Path ([System.IO.Path]::GetTempPath()) ('apifyps-helpcheck-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Temp
        $script:Good = Get-Content -Raw (Join-Path $script:Source 'Get-ApifyBuild.md')
        function Test-Variant([string] $Text) {
            $path = Join-Path $script:Temp 'Get-ApifyBuild.md'
            Set-Content -LiteralPath $path -Value $Text
            @(Test-ApifyHelpSource -Command (Get-Command Get-ApifyBuild) -Markdown (Read-ApifyHelpMarkdown -Path $path))
        }
    }
    AfterAll { Remove-Item -Recurse -Force -LiteralPath $script:Temp -ErrorAction SilentlyContinue }

    It 'accepts the complete page' {
        Test-Variant $script:Good | Should -BeNullOrEmpty
    }

    It 'reports a missing synopsis' {
        Test-Variant ($script:Good -replace '(?s)(## SYNOPSIS\n).*?(\n## SYNTAX)', '$1$2') | Should -Match 'no SYNOPSIS'
    }

    It 'reports a missing description' {
        Test-Variant ($script:Good -replace '(?s)(## DESCRIPTION\n).*?(\n## EXAMPLES)', '$1$2') | Should -Match 'no DESCRIPTION'
    }

    It 'reports fewer than two examples' {
        Test-Variant ($script:Good -replace '(?s)### Example 2.*?(\n## PARAMETERS)', '$1') | Should -Match 'at least 2'
    }

    It 'reports an undescribed parameter' {
        Test-Variant ($script:Good -replace '(?s)(### -PageSize\n).*?(\n```yaml)', '$1$2') | Should -Match '-PageSize has an empty description'
        Test-Variant ($script:Good -replace '(?s)### -PageSize\n.*?(\n### -Skip)', '$1') | Should -Match '-PageSize is not described'
    }

    It 'reports a parameter the cmdlet does not have' {
        Test-Variant ($script:Good -replace '### -Skip', "### -Wait`nWaits.`n`n### -Skip") | Should -Match '-Wait, which the cmdlet does not have'
    }

    It 'reports a synopsis that is the syntax' {
        Test-Variant ($script:Good -replace '(?s)(## SYNOPSIS\n).*?(\n## SYNTAX)', "`$1Get-ApifyBuild [-Id] <String[]>`n`$2") | Should -Match 'is the syntax'
    }
}

Describe 'The help examples run against the local server' {
    It 'ran every example' {
        $expected = (Get-Command -Module ApifyPS | ForEach-Object { @((Get-Help $_.Name -Full).examples.example | Where-Object { $_ }).Count } |
                Measure-Object -Sum).Sum
        $expected | Should -BeGreaterThan 0
        @($script:ExampleResults).Count | Should -Be $expected
    }

    It '<Command> <Title>' -ForEach $script:Examples {
        $result = @($script:ExampleResults | Where-Object { $_.Command -eq $Command -and $_.Index -eq $Index })
        $result.Count | Should -Be 1 -Because 'the runner reports every example'
        $result[0].Error | Should -BeNullOrEmpty -Because "the example is:`n$($result[0].Code)`n"
        $result[0].Passed | Should -BeTrue
    }
}
