BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator
    Use-ApifyEmulator $script:Emu
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'resilience' -Builds 3
    $script:BuildId = (Get-ApifyBuild -Actor $script:Seed.actor -First 1).Id
    $script:BuildPath = "/v2/actor-builds/$($script:BuildId)"
    function Get-RequestCount { @(Get-ApifyEmulatorRequest $script:Emu | Where-Object path -EQ $script:BuildPath).Count }
}

AfterAll {
    Set-ApifyRetryPolicy -Default
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Set-ApifyRetryPolicy and Get-ApifyRetryPolicy' {
    AfterEach { Set-ApifyRetryPolicy -Default }

    It 'starts at the documented defaults: 8 retries from 500 ms' {
        $policy = Get-ApifyRetryPolicy
        $policy | Should -BeOfType ([ApifyPS.Client.ApifyRetryPolicy])
        $policy.MaxRetries | Should -Be 8
        $policy.BaseDelay | Should -Be ([timespan]::FromMilliseconds(500))
        ($policy | Format-Table | Out-String) | Should -Match '8\s+500 ms\s+30 s'
    }

    It 'changes only what is given, and -Default goes back' {
        Set-ApifyRetryPolicy -MaxRetries 3
        (Get-ApifyRetryPolicy).MaxRetries | Should -Be 3
        (Get-ApifyRetryPolicy).BaseDelay.TotalMilliseconds | Should -Be 500
        $p = Set-ApifyRetryPolicy -BaseDelayMilliseconds 50 -PassThru
        $p.MaxRetries | Should -Be 3
        $p.BaseDelay.TotalMilliseconds | Should -Be 50
        Set-ApifyRetryPolicy -Default
        (Get-ApifyRetryPolicy).MaxRetries | Should -Be 8
    }

    It 'changes nothing with -WhatIf' {
        Set-ApifyRetryPolicy -MaxRetries 0 -WhatIf
        (Get-ApifyRetryPolicy).MaxRetries | Should -Be 8
    }

    It 'rejects out-of-range values before changing anything' {
        { Set-ApifyRetryPolicy -MaxRetries -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Set-ApifyRetryPolicy -BaseDelayMilliseconds 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        (Get-ApifyRetryPolicy).MaxRetries | Should -Be 8
    }
}

Describe 'Retries as a cmdlet user sees them' {
    BeforeAll { Set-ApifyRetryPolicy -BaseDelayMilliseconds 1 }
    AfterAll { Set-ApifyRetryPolicy -Default }
    BeforeEach {
        Clear-ApifyEmulatorFault $script:Emu
        Clear-ApifyEmulatorRequest $script:Emu
    }

    It 'recovers from two 503s and shows each attempt in -Verbose without the token' {
        $null = Add-ApifyEmulatorFault $script:Emu -Path $script:BuildPath -Status 503 -Count 2
        $out = Get-ApifyBuild -Id $script:BuildId -Verbose 4>&1
        $builds = @($out | Where-Object { $_ -is [ApifyPS.Models.ApifyBuild] })
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $builds.Count | Should -Be 1
        $verbose.Count | Should -Be 3
        $verbose[0] | Should -Match "^GET $([regex]::Escape($script:BuildPath)) -> 503 Service Unavailable in \d+ ms \(attempt 1 of 9\); retrying in \d+ ms$"
        $verbose[1] | Should -Match '\(attempt 2 of 9\); retrying in \d+ ms$'
        $verbose[2] | Should -Match '-> 200 OK in \d+ ms \(attempt 3 of 9\)$'
        ($verbose -join "`n") | Should -Not -Match $script:Emu.Token
        Get-RequestCount | Should -Be 3
    }

    It 'turns an HTML 502 that persists into an error record naming the request and the status' {
        Set-ApifyRetryPolicy -MaxRetries 2
        try {
            $null = Add-ApifyEmulatorFault $script:Emu -Path $script:BuildPath -Action html -Count 10
            $err = $null
            Get-ApifyBuild -Id $script:BuildId -ErrorVariable err -ErrorAction SilentlyContinue
        }
        finally { Set-ApifyRetryPolicy -MaxRetries 8 }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'http-502,*'
        $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $err[0].TargetObject | Should -Be $script:BuildId
        $err[0].Exception | Should -BeOfType ([ApifyPS.Client.ApifyApiException])
        $err[0].Exception.Message | Should -Match "GET $([regex]::Escape($script:BuildPath)) answered 502 Bad Gateway"
        $err[0].Exception.Message | Should -Match 'gave up after 3 attempts'
        $err[0].Exception.Attempts | Should -Be 3
        Get-RequestCount | Should -Be 3
    }

    It 'tries a whole 200 HTML page (a captive portal) twice, not nine times, then says what came back' {
        $null = Add-ApifyEmulatorFault $script:Emu -Path $script:BuildPath -Action html -Status 200 -Count 100
        $err = $null
        $out = Get-ApifyBuild -Id $script:BuildId -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1
        $verbose = @(@($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message)
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'invalid-response,*'
        $err[0].Exception.Message | Should -Match 'answered 200 \(text/html\) with JSON that could not be read'
        $err[0].Exception.Attempts | Should -Be 2
        Get-RequestCount | Should -Be 2
        $verbose | Should -HaveCount 2
        $verbose[1] | Should -Match '\(attempt 2 of 9\); giving up after 2 attempts$'
    }

    It 'does not retry a 404' {
        $err = $null
        Get-ApifyBuild -Id 'NoSuchBuild12345' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'record-not-found,*'
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 1
    }

    It 'sends once with -MaxRetries 0' {
        Set-ApifyRetryPolicy -MaxRetries 0
        try {
            $null = Add-ApifyEmulatorFault $script:Emu -Path $script:BuildPath -Status 503 -Count 5
            Get-ApifyBuild -Id $script:BuildId -ErrorAction SilentlyContinue
        }
        finally { Set-ApifyRetryPolicy -MaxRetries 8 }
        Get-RequestCount | Should -Be 1
    }
}

Describe 'Starts are never sent twice' {
    BeforeAll {
        Set-ApifyRetryPolicy -BaseDelayMilliseconds 1
        $script:StartActor = (Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'starts' -Builds 1 -Extra @{ runDurationMs = 60000 }).actor
        $script:RunsPath = "/v2/actors/$($script:StartActor)/runs"
        function Get-StartCount { @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { $_.method -eq 'POST' -and $_.path -eq $script:RunsPath }).Count }
    }
    AfterAll {
        Set-ApifyRetryPolicy -Default
        Get-ApifyRun -Actor $script:StartActor -Status READY, RUNNING | Stop-ApifyRun | Out-Null
    }
    BeforeEach {
        Clear-ApifyEmulatorFault $script:Emu
        Clear-ApifyEmulatorRequest $script:Emu
    }

    It 'a connection reset after the start was sent is an error that says how to check, and the run exists once' {
        $before = (Get-ApifyEmulatorJobsStarted $script:Emu).runs
        $null = Add-ApifyEmulatorFault $script:Emu -Method POST -Path $script:RunsPath -Action reset-after -Count 5
        $err = $null
        $run = Start-ApifyRun -Actor $script:StartActor -ErrorVariable err -ErrorAction SilentlyContinue
        $run | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'start-outcome-unknown,*'
        $err[0].TargetObject | Should -Be $script:StartActor
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike "*Get-ApifyRun -Actor '$($script:StartActor)' -Descending -First 5*"
        $err[0].Exception.Message | Should -Match 'may have happened'
        Get-StartCount | Should -Be 1
        (Get-ApifyEmulatorJobsStarted $script:Emu).runs | Should -Be ($before + 1)
        @(Get-ApifyRun -Actor $script:StartActor -Descending -First 5 | Where-Object Status -in READY, RUNNING).Count | Should -Be 1
    }

    It 'a 429 on a start is retried and starts exactly one run' {
        $before = (Get-ApifyEmulatorJobsStarted $script:Emu).runs
        $null = Add-ApifyEmulatorFault $script:Emu -Method POST -Path $script:RunsPath -Status 429 -Count 2
        $run = Start-ApifyRun -Actor $script:StartActor -Input @{ shard = 1 } -Verbose 4>&1
        $verbose = @($run | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        @($run | Where-Object { $_ -is [ApifyPS.Models.ApifyRun] }).Count | Should -Be 1
        $verbose | Where-Object { $_ -match '^POST .*/runs -> 429 ' } | Should -HaveCount 2
        Get-StartCount | Should -Be 3
        (Get-ApifyEmulatorJobsStarted $script:Emu).runs | Should -Be ($before + 1)
    }

    It '-WaitForCapacity waits out a memory-limit refusal; without it the refusal is an error at once' {
        $before = (Get-ApifyEmulatorJobsStarted $script:Emu).runs
        $null = Add-ApifyEmulatorFault $script:Emu -Method POST -Path $script:RunsPath -Status 402 -ErrorType actor-memory-limit-exceeded
        $err = $null
        Start-ApifyRun -Actor $script:StartActor -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'actor-memory-limit-exceeded,*'
        Get-StartCount | Should -Be 1

        $null = Add-ApifyEmulatorFault $script:Emu -Method POST -Path $script:RunsPath -Status 402 -ErrorType concurrent-runs-limit-exceeded -Count 2
        $out = Start-ApifyRun -Actor $script:StartActor -WaitForCapacity -Verbose 4>&1
        @($out | Where-Object { $_ -is [ApifyPS.Models.ApifyRun] }).Count | Should -Be 1
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match 'concurrent-runs-limit-exceeded: waiting for capacity until'
        Get-StartCount | Should -Be 4
        (Get-ApifyEmulatorJobsStarted $script:Emu).runs | Should -Be ($before + 1)
    }

    It '-CapacityTimeout bounds the wait and implies -WaitForCapacity' {
        $null = Add-ApifyEmulatorFault $script:Emu -Method POST -Path $script:RunsPath -Status 402 -ErrorType actor-memory-limit-exceeded -RetryAfter 1 -Count 100
        $err = $null
        Start-ApifyRun -Actor $script:StartActor -CapacityTimeout 1 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'actor-memory-limit-exceeded,*'
        # The server asks for 1 s between tries; the next try would come at the 1 s deadline, so there is none.
        Get-StartCount | Should -Be 1
    }
}

Describe 'A clean close (FIN) after the request was read: a start is sent once, a read is retried by the module' {
    # .NET's connection pool re-sends a request without a body on its own when the connection closes cleanly before
    # any answer; each start below has no body (no -Input), and a read comes first so that a pooled connection exists.
    BeforeAll {
        Set-ApifyRetryPolicy -BaseDelayMilliseconds 1
        $script:FinActor = (Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'fin-starts' -Builds 1 -Extra @{ runDurationMs = 60000; buildDurationMs = 60000 }).actor
        $script:FinQuick = (Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'fin-sync' -Builds 1 -Extra @{ runDurationMs = 50 }).actor
        $script:FinTarget = (Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'fin-target' -Builds 1).actor
        function Get-SentCount([string] $Method, [string] $Path) {
            @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { $_.method -eq $Method -and $_.path -eq $Path }).Count
        }
    }
    AfterAll {
        Set-ApifyRetryPolicy -Default
        Get-ApifyRun -Actor $script:FinActor -Status READY, RUNNING | Stop-ApifyRun | Out-Null
        Get-ApifyBuild -Actor $script:FinActor | Where-Object Status -in READY, RUNNING | Stop-ApifyBuild | Out-Null
    }
    BeforeEach {
        Clear-ApifyEmulatorFault $script:Emu
        Clear-ApifyEmulatorRequest $script:Emu
    }

    It '<Cmdlet> without input, processed: <Processed>' -TestCases @(
        foreach ($processed in $true, $false) {
            @{ Cmdlet = 'Start-ApifyBuild'; Processed = $processed; Method = 'POST'; Counter = 'builds' }
            @{ Cmdlet = 'Start-ApifyRun'; Processed = $processed; Method = 'POST'; Counter = 'runs' }
            @{ Cmdlet = 'Invoke-ApifyActor'; Processed = $processed; Method = 'GET'; Counter = 'runs' }
            @{ Cmdlet = 'Convert-ApifyRun'; Processed = $processed; Method = 'POST'; Counter = 'metamorphs' }
        }
    ) {
        param($Cmdlet, $Processed, $Method, $Counter)
        switch ($Cmdlet) {
            'Start-ApifyBuild' { $path = "/v2/actors/$($script:FinActor)/builds"; $check = "Get-ApifyBuild -Actor '$($script:FinActor)' -Descending -First 5"
                                 $params = @{ Actor = $script:FinActor; Version = '0.0' } }
            'Start-ApifyRun' { $path = "/v2/actors/$($script:FinActor)/runs"; $check = "Get-ApifyRun -Actor '$($script:FinActor)' -Descending -First 5"
                               $params = @{ Actor = $script:FinActor } }
            'Invoke-ApifyActor' { $path = "/v2/actors/$($script:FinQuick)/run-sync"; $check = "Get-ApifyRun -Actor '$($script:FinQuick)' -Descending -First 5"
                                  $params = @{ Actor = $script:FinQuick } }
            'Convert-ApifyRun' {
                $run = Start-ApifyRun -Actor $script:FinActor
                $deadline = [datetime]::UtcNow.AddSeconds(30)
                while ((Get-ApifyRun -Id $run.Id).Status -ne 'RUNNING') {
                    if ([datetime]::UtcNow -gt $deadline) { throw "run $($run.Id) did not get to RUNNING" }
                    Start-Sleep -Milliseconds 20
                }
                $path = "/v2/actor-runs/$($run.Id)/metamorph"; $check = "Get-ApifyRun -Id '$($run.Id)'"
                $params = @{ Id = $run.Id; TargetActor = $script:FinTarget }
            }
        }
        $null = Get-ApifyActor -Id $script:FinActor # a pooled connection for the start to reuse
        $before = (Get-ApifyEmulatorJobsStarted $script:Emu).$Counter
        $null = Add-ApifyEmulatorFault $script:Emu -Method $Method -Path $path -Action close-after -Process:$Processed -Count 5
        $err = $null
        $out = & $Cmdlet @params -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -BeNullOrEmpty
        $verbose = @(@($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Where-Object { $_ -like "$Method $path*" })
        Get-SentCount $Method $path | Should -Be 1
        (Get-ApifyEmulatorJobsStarted $script:Emu).$Counter | Should -Be ($before + [int]$Processed)
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'start-outcome-unknown,*'
        $err[0].ErrorDetails.Message | Should -BeLike "*Check with $check before trying again*"
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike "*$check*"
        $verbose | Should -HaveCount 1
        $verbose[0] | Should -Match '-> connection failed .*\(attempt 1 of 9\); not repeated: the start may have happened$'
    }

    It 'a read after a clean close is answered (a GET carries no body, so .NET may repeat it: harmless for a read)' {
        $null = Get-ApifyActor -Id $script:FinActor
        $null = Add-ApifyEmulatorFault $script:Emu -Method GET -Path $script:BuildPath -Action close-after
        $out = Get-ApifyBuild -Id $script:BuildId -Verbose 4>&1
        @($out | Where-Object { $_ -is [ApifyPS.Models.ApifyBuild] }).Count | Should -Be 1
        $verbose = @(@($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message)
        Get-RequestCount | Should -Be 2
        $verbose[-1] | Should -Match '-> 200 OK in \d+ ms \(attempt \d of 9\)$'
    }
}

Describe 'Load: 1,000 Get-ApifyRun -Id calls against a server limited to 60 requests/s' {
    # The figures are printed, not asserted tightly: the machine is shared. What must hold: no failure, no 429 storm.
    BeforeAll {
        $script:LoadEmu = Start-ApifyEmulator
        $script:LoadSeed = Add-ApifyEmulatorSeed -Emulator $script:LoadEmu -Actor 'load' -Builds 1 -Runs 1
        $env:APIFY_TOKEN = $script:LoadEmu.Token
        $env:APIFY_CLIENT_BASE_URL = $script:LoadEmu.BaseUri
        $script:LoadId = (Get-ApifyRun -Actor $script:LoadSeed.actor).Id
        $script:Limit = 60
        $script:Module = Join-Path $script:RepoRoot 'out/ApifyPS/ApifyPS.psd1'
    }
    AfterAll {
        if ($script:LoadEmu) { Stop-ApifyEmulator $script:LoadEmu }
        Use-ApifyEmulator $script:Emu
    }

    It 'sequential: 1,000 Get-ApifyRun -Id calls, no failure' {
        $null = Set-ApifyEmulatorRateLimit $script:LoadEmu -Limit $script:Limit
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $errs = $null
        $runs = @(foreach ($i in 1..1000) { Get-ApifyRun -Id $script:LoadId -ErrorVariable +errs })
        $watch.Stop()
        $stats = Get-ApifyEmulatorRateLimit $script:LoadEmu
        $rate = 1000 / $watch.Elapsed.TotalSeconds
        $figures = @($watch.Elapsed.TotalSeconds, $rate, (100 * $rate / $script:Limit), $script:Limit, $stats.limited)
        Write-Host ("    load, sequential: 1000 calls in {0:0.0} s = {1:0.0}/s ({2:0}% of the {3}/s limit), {4} x 429 seen" -f $figures)
        @($errs).Count | Should -Be 0
        $runs.Count | Should -Be 1000
        $runs[999].Id | Should -Be $script:LoadId
        $stats.allowed | Should -Be 1000
        $stats.limited | Should -BeLessOrEqual 50
        $rate | Should -BeGreaterThan (0.5 * $script:Limit)
    }

    It 'parallel: 8 runspaces x 125 Get-ApifyRun -Id calls, no failure' {
        $null = Set-ApifyEmulatorRateLimit $script:LoadEmu -Limit $script:Limit
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $results = @(1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:Module
                $errs = $null
                $n = @(foreach ($i in 1..125) { Get-ApifyRun -Id $using:LoadId -ErrorVariable +errs }).Count
                [pscustomobject]@{ Count = $n; Errors = @($errs).Count; FirstError = "$(@($errs)[0])" }
            })
        $watch.Stop()
        $stats = Get-ApifyEmulatorRateLimit $script:LoadEmu
        $rate = 1000 / $watch.Elapsed.TotalSeconds
        $figures = @($watch.Elapsed.TotalSeconds, $rate, (100 * $rate / $script:Limit), $script:Limit, $stats.limited)
        Write-Host ("    load, 8 runspaces: 1000 calls in {0:0.0} s = {1:0.0}/s ({2:0}% of the {3}/s limit), {4} x 429 seen" -f $figures)
        ($results | Measure-Object Errors -Sum).Sum | Should -Be 0 -Because ($results.FirstError -join ' ')
        ($results | Measure-Object Count -Sum).Sum | Should -Be 1000
        $stats.allowed | Should -Be 1000
        $stats.limited | Should -BeLessOrEqual 50
        $rate | Should -BeGreaterThan (0.5 * $script:Limit)
    }
}
