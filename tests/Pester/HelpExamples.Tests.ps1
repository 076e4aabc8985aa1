# The examples of the Actor, version, webhook and run-results cmdlets' help (docs/cmdlets/<Name>.md) run, as written, against the
# local server started with --username janedoe and the Actor web-scraper seeded (builds, runs, webhooks): the rule of
# docs/design.md ("Help examples"). Each help file gets a fresh server and an empty working folder; its examples run
# in order and must not prompt. Only these files: examples that store credentials need a sandboxed home, which this
# in-process runner does not give.
BeforeDiscovery {
    $docs = Join-Path (Split-Path (Split-Path $PSScriptRoot -Parent) -Parent) 'docs/cmdlets'
    $names = 'Get-ApifyBuild', 'Get-ApifyActor', 'New-ApifyActor', 'Set-ApifyActor', 'Remove-ApifyActor', 'Get-ApifyActorVersion',
        'New-ApifyActorVersion', 'Set-ApifyActorVersion', 'Remove-ApifyActorVersion', 'Get-ApifyWebhook',
        'Get-ApifyDatasetItem', 'Get-ApifyRecord', 'Get-ApifyRecordKey', 'Get-ApifyLog'
    $script:HelpFiles = foreach ($file in $names | ForEach-Object { Get-Item (Join-Path $docs "$_.md") }) {
        $text = Get-Content -Raw $file.FullName
        $section = ($text -split '(?m)^## ')| Where-Object { $_ -like 'EXAMPLES*' } | Select-Object -First 1
        $examples = foreach ($m in [regex]::Matches("$section", '(?ms)^### (?<title>[^\r\n]+)\r?\n```powershell\r?\n(?<code>.*?)\r?\n```')) {
            @{ Title = $m.Groups['title'].Value; Code = $m.Groups['code'].Value }
        }
        @{ Name = $file.BaseName; Examples = @($examples) }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'The help examples of <Name>' -ForEach $script:HelpFiles {
    BeforeAll {
        $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
        Use-ApifyEmulator $script:Emu
        $null = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 24 -Runs 12 -Extra @{
            buildStatuses = @('SUCCEEDED', 'SUCCEEDED', 'FAILED', 'SUCCEEDED', 'TIMED-OUT', 'SUCCEEDED')
            runStatuses   = @('SUCCEEDED', 'FAILED', 'SUCCEEDED', 'ABORTED')
            webhooks      = 3
        }
        $script:Scratch = Join-Path ([IO.Path]::GetTempPath()) ('apifyps-examples-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Scratch
    }

    AfterAll {
        if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
        Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
        if ($script:Scratch -and (Test-Path $script:Scratch)) { Remove-Item -Recurse -Force $script:Scratch }
    }

    It 'has at least two examples' {
        $Examples.Count | Should -BeGreaterOrEqual 2
    }

    It '<Title> runs without errors' -ForEach $Examples {
        $example = [scriptblock]::Create($Code)
        Push-Location $script:Scratch
        try {
            $null = & {
                $ErrorActionPreference = 'Stop'
                . $example
            } 2>&1 | Out-String -Width 200
        }
        finally { Pop-Location }
    }
}
