# Read-ahead of Get-ApifyBuild lists in a real pwsh: order and count unchanged, -First/-Skip respected, and the page
# read ahead is cancelled the moment the pipeline stops (Select-Object -First, Ctrl+C).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator
    Use-ApifyEmulator $script:Emu
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'read-ahead' -Builds 1234
    # Builds made up on the fly; every page from offset 100 on is held by the server for a minute.
    $script:Slow = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'slow-pages' -Extra @{
        generatedBuilds = 1000; generatedDelayMs = 60000; generatedDelayFromOffset = 100
    }

    function Wait-Condition([scriptblock] $Condition, [int] $Seconds = 30) {
        $deadline = [datetime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([datetime]::UtcNow -gt $deadline) { return $false }
            Start-Sleep -Milliseconds 20
        }
        $true
    }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Get-ApifyBuild reads one page ahead' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'returns every build once, in order, with the requests of a lazy walk' {
        $builds = @(Get-ApifyBuild -Actor $script:Seed.actor -PageSize 100)
        $builds.BuildNumber | Should -Be (1..1234 | ForEach-Object { "0.0.$_" })
        $queries = @(Get-ApifyEmulatorRequest $script:Emu).query
        $queries.Count | Should -Be 13
        $queries[12] | Should -Match '(^|&)offset=1200(&|$)'
    }

    It 'works with -Skip and -First and asks for nothing past -First' {
        $builds = @(Get-ApifyBuild -Actor $script:Seed.actor -Skip 150 -First 420 -PageSize 100)
        $builds.BuildNumber | Should -Be (151..570 | ForEach-Object { "0.0.$_" })
        @(Get-ApifyEmulatorRequest $script:Emu).query | Should -Be @(
            'offset=150&limit=100', 'offset=250&limit=100', 'offset=350&limit=100', 'offset=450&limit=100', 'offset=550&limit=20')
    }

    It 'works with -Descending' {
        $builds = @(Get-ApifyBuild -Actor $script:Seed.actor -Descending -PageSize 500)
        $builds.BuildNumber | Should -Be (1234..1 | ForEach-Object { "0.0.$_" })
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 3
    }

    It 'cancels the page read ahead when Select-Object -First stops the pipeline' {
        $emu = $script:Emu
        $taken = @(Get-ApifyBuild -Actor $script:Slow.actor -PageSize 100 | ForEach-Object -Begin { $n = 0 } -Process {
                $n++
                if ($n -eq 60) {
                    # Page 2 is asked for at item 51 (never before 50 items): wait until it is in flight (held by the server) before stopping.
                    if (-not (Wait-Condition { @(Get-ApifyEmulatorActiveRequest $emu | Where-Object query -Match 'offset=100').Count -eq 1 })) {
                        throw 'the read-ahead of page 2 never reached the server'
                    }
                }
                $_
            } | Select-Object -First 60)
        $taken.Count | Should -Be 60
        Wait-Condition { @(Get-ApifyEmulatorActiveRequest $script:Emu).Count -eq 0 } | Should -BeTrue -Because 'the page read ahead must be cancelled'
        @(Get-ApifyEmulatorRequest $script:Emu).query | Should -Be @('limit=100', 'offset=100&limit=100')
    }

    It 'makes no request a lazy walk would not for Select-Object -First 50 or fewer (100 with full pages)' {
        $null = Get-ApifyBuild -Actor $script:Seed.actor | Select-Object -First 3
        $null = Get-ApifyBuild -Actor $script:Seed.actor | Select-Object -First 100
        $null = Get-ApifyBuild -Actor $script:Seed.actor -PageSize 100 | Select-Object -First 50
        @(Get-ApifyEmulatorRequest $script:Emu).query | Should -Be @('', '', 'limit=100')
    }

    It 'stops at once on Ctrl+C while waiting for a page read ahead, and cancels it' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Actor)
                    Import-Module $ModulePath
                    Get-ApifyBuild -Actor $Actor -PageSize 100 | Measure-Object
                }).AddArgument((Join-Path $script:RepoRoot 'out/ApifyPS/ApifyPS.psd1')).AddArgument($script:Slow.actor)
            $async = $ps.BeginInvoke()
            Wait-Condition { @(Get-ApifyEmulatorActiveRequest $script:Emu | Where-Object query -Match 'offset=100').Count -eq 1 } | Should -BeTrue
            $ps.Stop()
            $async.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Wait-Condition { @(Get-ApifyEmulatorActiveRequest $script:Emu).Count -eq 0 } | Should -BeTrue -Because 'Ctrl+C must cancel the request'
            @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 2
        }
        finally { $ps.Dispose() }
    }
}
