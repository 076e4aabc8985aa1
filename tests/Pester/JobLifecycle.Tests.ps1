BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Long polls held at most 1 s and run-sync giving up after 3 s: wait loops and 408s happen in seconds.
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe', '--max-wait-for-finish', '1', '--run-sync-timeout', '3'
    Use-ApifyEmulator $script:Emu
    function script:New-Actor([int] $Builds = 1, [int] $Runs = 0, [hashtable] $Extra = @{}) {
        Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor ('p' + [guid]::NewGuid().ToString('N').Substring(0, 10)) -Builds $Builds -Runs $Runs -Extra $Extra
    }
    function script:Get-Posts { @(Get-ApifyEmulatorRequest $script:Emu | Where-Object method -eq 'POST') }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Start-ApifyBuild, Wait-ApifyBuild, Stop-ApifyBuild' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'starts a build of the highest version and waits for it to succeed' {
        $a = New-Actor -Extra @{ versions = @('0.2', '0.10'); buildDurationMs = 1500 }
        $b = Start-ApifyBuild -Actor $a.actor -Wait
        $b | Should -BeOfType ([ApifyPS.Models.ApifyBuild])
        $b.Status | Should -Be 'SUCCEEDED'
        $b.BuildNumber | Should -BeLike '0.10.*'
        $b.Duration | Should -BeOfType ([timespan])
        $requests = @(Get-ApifyEmulatorRequest $script:Emu)
        $requests[0].path | Should -Be "/v2/actors/$($a.actor)/versions"
        $requests[1].method | Should -Be 'POST'
        $requests[1].query | Should -Be 'version=0.10'
        @($requests | Select-Object -Skip 2).query | Sort-Object -Unique | Should -Be 'waitForFinish=60'
    }

    It 'emits the READY build at once without -Wait, and -Version, -Tag, -UseCache reach the API' {
        $a = New-Actor
        $b = Start-ApifyBuild $a.actor -Version 0.0 -Tag beta -UseCache -BetaPackages
        $b.Status | Should -BeIn 'READY', 'RUNNING'
        (Get-Posts)[0].query | Should -Be 'version=0.0&useCache=true&betaPackages=true&tag=beta'
        ($b | Wait-ApifyBuild).Status | Should -Be 'SUCCEEDED'
    }

    It 'writes the failed build and an ApifyBuildFailed error; -ErrorAction Stop throws it' {
        $a = New-Actor -Extra @{ buildOutcome = 'FAILED'; buildDurationMs = 200 }
        $b = Start-ApifyBuild -Actor $a.actor -Wait -ErrorVariable err -ErrorAction SilentlyContinue
        $b.Status | Should -Be 'FAILED'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ApifyBuildFailed,*'
        $err[0].TargetObject.Id | Should -Be $b.Id
        { Start-ApifyBuild -Actor $a.actor -Wait -ErrorAction Stop } | Should -Throw -ErrorId 'ApifyBuildFailed,*'
    }

    It 'aborts a running build and leaves a finished one unchanged without an error' {
        $a = New-Actor -Extra @{ buildDurationMs = 60000 }
        $running = Start-ApifyBuild -Actor $a.actor
        $stopped = $running | Stop-ApifyBuild
        $stopped.Status | Should -BeIn 'ABORTING', 'ABORTED'
        $final = Wait-ApifyBuild -Id $running.Id -ErrorVariable err -ErrorAction SilentlyContinue
        $final.Status | Should -Be 'ABORTED'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ApifyBuildAborted,*'
        $seeded = Get-ApifyBuild -Actor $a.actor -First 1
        $again = Stop-ApifyBuild -Id $seeded.Id -ErrorVariable err2
        $err2.Count | Should -Be 0
        $again.Status | Should -Be 'SUCCEEDED'
    }

    It 'builds a piped build again at its own version, not the highest' {
        $a = New-Actor -Extra @{ versions = @('0.0', '1.2'); buildDurationMs = 200 }
        $old = Start-ApifyBuild -Actor $a.actor -Version 0.0 -Wait
        $old.BuildNumber | Should -BeLike '0.0.*'
        Clear-ApifyEmulatorRequest $script:Emu
        $again = $old | Start-ApifyBuild -Confirm:$false
        $again.ActorId | Should -Be $old.ActorId
        (Get-Posts)[0].query | Should -Be 'version=0.0'
        # Strings, Actors and runs still pick the highest version.
        Clear-ApifyEmulatorRequest $script:Emu
        $null = $a.actor | Start-ApifyBuild -Confirm:$false
        (Get-Posts)[0].query | Should -Be 'version=1.2'
    }

    It 'waits for many builds from the pipeline' {
        $a = New-Actor -Extra @{ buildDurationMs = 800 }
        $ids = 1..3 | ForEach-Object { (Start-ApifyBuild -Actor $a.actor -Version 0.0).Id }
        $done = @($ids | Wait-ApifyBuild)
        # Written in the order they finish, which for builds of the same length can differ from the order given.
        $done.Id | Sort-Object | Should -Be ($ids | Sort-Object)
        $done.Status | Sort-Object -Unique | Should -Be 'SUCCEEDED'
    }
}

Describe 'Waiting: long poll, -Timeout, request count' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'waits with few requests: a job of T s costs at most ceil(T / held poll) + 1 polls' {
        $a = New-Actor -Extra @{ runDurationMs = 3000 }
        $run = Start-ApifyRun -Actor $a.actor
        Clear-ApifyEmulatorRequest $script:Emu
        $final = Wait-ApifyRun -Id $run.Id
        $final.Status | Should -Be 'SUCCEEDED'
        $polls = @(Get-ApifyEmulatorRequest $script:Emu)
        $polls.path | Sort-Object -Unique | Should -Be "/v2/actor-runs/$($run.Id)"
        $seconds = ($final.FinishedAt - $final.StartedAt).TotalSeconds
        # This server holds a poll at most 1 s.
        $polls.Count | Should -BeLessOrEqual ([math]::Ceiling($seconds) + 1)
        $polls.Count | Should -BeGreaterThan 1
    }

    It 'gives up at -Timeout with ApifyRunWaitTimeout, writes the run, and the run keeps running' {
        $a = New-Actor -Extra @{ runDurationMs = 120000 }
        $run = Start-ApifyRun -Actor $a.actor
        $last = Wait-ApifyRun -Id $run.Id -Timeout 2 -ErrorVariable err -ErrorAction SilentlyContinue
        $last.Status | Should -BeIn 'READY', 'RUNNING'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ApifyRunWaitTimeout,*'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        (Get-ApifyRun -Id $run.Id).Status | Should -Be 'RUNNING'
        @(Get-Posts | Where-Object path -like '*/abort').Count | Should -Be 0
        $null = Stop-ApifyRun -Id $run.Id
    }

    It 'tells the platform''s TIMED-OUT apart: ApifyRunTimedOut' {
        $a = New-Actor -Extra @{ runDurationMs = 60000 }
        $null = Start-ApifyRun -Actor $a.actor -TimeoutSecs 1 -Wait -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ApifyRunTimedOut,*'
    }
}

Describe 'Waiting for many jobs at once' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'writes runs in the order they finish, each within ceil(T / held poll) + 1 polls' {
        $runs = 3500, 400, 2000 | ForEach-Object { Start-ApifyRun -Actor (New-Actor -Extra @{ runDurationMs = $_ }).actor }
        Clear-ApifyEmulatorRequest $script:Emu
        $done = @($runs | Wait-ApifyRun)
        $done.Id | Should -Be $runs[1].Id, $runs[2].Id, $runs[0].Id
        $log = @(Get-ApifyEmulatorRequest $script:Emu)
        foreach ($run in $done) {
            $polls = @($log | Where-Object path -eq "/v2/actor-runs/$($run.Id)")
            # This server holds a poll at most 1 s; the wait for each began when the first run's did, at the latest.
            $polls.Count | Should -BeLessOrEqual ([math]::Ceiling(($run.FinishedAt - $run.StartedAt).TotalSeconds) + 1)
        }
        @($log | Where-Object path -notlike '/v2/actor-runs/*').Count | Should -Be 0
    }

    It '-Any writes only the first build to end; the others go on' {
        $slow = New-Actor -Extra @{ buildDurationMs = 120000 }
        $quick = New-Actor -Extra @{ buildDurationMs = 300 }
        $builds = @((Start-ApifyBuild -Actor $slow.actor), (Start-ApifyBuild -Actor $quick.actor), (Start-ApifyBuild -Actor $slow.actor))
        $first = @($builds | Wait-ApifyBuild -Any)
        $first.Count | Should -Be 1
        $first[0].Id | Should -Be $builds[1].Id
        $first[0].Status | Should -Be 'SUCCEEDED'
        (Get-ApifyBuild -Id $builds[0].Id).Status | Should -BeIn 'READY', 'RUNNING'
        @(Get-Posts | Where-Object path -like '*/abort').Count | Should -Be 0
        $null = $builds[0], $builds[2] | Stop-ApifyBuild
    }

    It 'writes a failure among many as an error for that run' {
        $ok = Start-ApifyRun -Actor (New-Actor -Extra @{ runDurationMs = 1500 }).actor
        $bad = Start-ApifyRun -Actor (New-Actor -Extra @{ runDurationMs = 300; runOutcome = 'FAILED' }).actor
        $done = @(Wait-ApifyRun -Id $ok.Id, $bad.Id -ErrorVariable err -ErrorAction SilentlyContinue)
        $done.Status | Should -Be 'FAILED', 'SUCCEEDED'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ApifyRunFailed,*'
        $err[0].TargetObject.Id | Should -Be $bad.Id
    }
}

Describe 'Get-ApifyRun and its filters' {
    BeforeAll {
        $script:Hist = New-Actor -Runs 12 -Extra @{ runStatuses = @('SUCCEEDED', 'FAILED', 'ABORTED') }
    }
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'lists an Actor''s runs as typed objects, filtered by status on the server' {
        $failed = @(Get-ApifyRun -Actor $script:Hist.actor -Status FAILED, aborted)
        $failed.Count | Should -Be 8
        $failed[0] | Should -BeOfType ([ApifyPS.Models.ApifyRun])
        $failed.Status | Sort-Object -Unique | Should -Be 'ABORTED', 'FAILED'
        (Get-ApifyEmulatorRequest $script:Emu)[0].query | Should -Be 'status=FAILED%2CABORTED'
    }

    It 'sends -StartedAfter / -StartedBefore as UTC ISO times and pages like Get-ApifyBuild' {
        $all = @(Get-ApifyRun -Actor $script:Hist.actor)
        Clear-ApifyEmulatorRequest $script:Emu
        $window = @(Get-ApifyRun -Actor $script:Hist.actor -StartedAfter $all[3].StartedAt.ToLocalTime() -StartedBefore $all[8].StartedAt -Descending -First 4)
        $window.Id | Should -Be ($all[8], $all[7], $all[6], $all[5]).Id
        $q = (Get-ApifyEmulatorRequest $script:Emu)[0].query
        $q | Should -Match 'startedAfter=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\d\.\d{3}Z'
        $q | Should -Match 'limit=4'
        $q | Should -Match 'desc=true'
    }

    It 'gets runs by id and from the pipeline, and a run''s build with Get-ApifyBuild' {
        $one = Get-ApifyRun -Actor $script:Hist.actor -First 1
        (Get-ApifyRun -Id $one.Id).Id | Should -Be $one.Id
        ($one | Get-ApifyRun).Id | Should -Be $one.Id
        ([pscustomobject]@{ RunId = $one.Id } | Get-ApifyRun).Id | Should -Be $one.Id
        ($one | Get-ApifyBuild).Id | Should -Be $one.BuildId
    }

    It 'takes an Actor object from the pipeline as "this Actor"' {
        $actor = [ApifyPS.Models.ApifyActor]@{ Id = $script:Hist.actorId; Name = 'x' }
        @($actor | Get-ApifyRun).Count | Should -Be 12
        @($actor | Get-ApifyBuild).Count | Should -Be 1
    }

    It 'rejects an unknown status before any request' {
        { Get-ApifyRun -Status DONE } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
    }
}

Describe 'Get-ApifyBuild filters in the client' {
    BeforeAll {
        $script:Many = New-Actor -Builds 2500 -Extra @{ buildStatuses = @('SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED') }
    }
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'stops walking pages once -Descending passes -StartedAfter' {
        $pivot = Get-ApifyBuild -Actor $script:Many.actor -Descending -Skip 150 -First 1
        Clear-ApifyEmulatorRequest $script:Emu
        $recent = @(Get-ApifyBuild -Actor $script:Many.actor -Descending -StartedAfter $pivot.StartedAt -PageSize 100)
        $recent.Count | Should -Be 151
        $recent[-1].Id | Should -Be $pivot.Id
        # 2 pages of 100 instead of 25.
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 2
    }

    It 'filters statuses and counts -First on matching builds' {
        $failed = @(Get-ApifyBuild -Actor $script:Many.actor -Status FAILED -First 3)
        $failed.BuildNumber | Should -Be '0.0.4', '0.0.8', '0.0.12'
        @(Get-ApifyEmulatorRequest $script:Emu)[0].query | Should -Not -Match 'status'
    }
}

Describe 'Start-ApifyRun, Stop-ApifyRun, -WhatIf' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'sends nothing that changes state under -WhatIf' {
        $a = New-Actor -Runs 1
        $run = Get-ApifyRun -Actor $a.actor -First 1
        Clear-ApifyEmulatorRequest $script:Emu
        Start-ApifyBuild -Actor $a.actor -WhatIf
        Start-ApifyRun -Actor $a.actor -Input @{ a = 1 } -WhatIf
        Stop-ApifyRun -Id $run.Id -WhatIf
        Stop-ApifyBuild -Id $run.BuildId -WhatIf
        Invoke-ApifyActor -Actor $a.actor -WhatIf
        Convert-ApifyRun -Id $run.Id -TargetActor $a.actorId -WhatIf
        @(Get-Posts).Count | Should -Be 0
    }

    It 'Get-ApifyRun -Status RUNNING | Stop-ApifyRun aborts exactly the running ones' {
        $a = New-Actor -Runs 5 -Extra @{ runDurationMs = 120000; startDelayMs = 0 }
        $started = 1..3 | ForEach-Object { Start-ApifyRun -Actor $a.actor }
        foreach ($s in $started) { $null = Wait-ApifyRun -Id $s.Id -Timeout 1 -ErrorAction SilentlyContinue }
        Clear-ApifyEmulatorRequest $script:Emu
        $stopped = @(Get-ApifyRun -Actor $a.actor -Status RUNNING | Stop-ApifyRun)
        ($stopped.Id | Sort-Object) | Should -Be ($started.Id | Sort-Object)
        $stopped.Status | Sort-Object -Unique | Should -BeIn 'ABORTING', 'ABORTED'
        @(Get-Posts).path | Sort-Object | Should -Be ($started.Id | ForEach-Object { "/v2/actor-runs/$_/abort" } | Sort-Object)
        @(Get-ApifyRun -Actor $a.actor -Status SUCCEEDED).Count | Should -Be 5
    }

    It 'stops gracefully on request' {
        $a = New-Actor -Extra @{ runDurationMs = 120000 }
        $run = Start-ApifyRun -Actor $a.actor
        $stopped = $run | Stop-ApifyRun -Gracefully
        $stopped.StatusMessage | Should -Match 'gracefully'
        (Get-Posts)[-1].query | Should -Be 'gracefully=true'
    }

    It 'sends objects as JSON, strings as given, files with their content type; options as query parameters' {
        $a = New-Actor -Extra @{ runDurationMs = 300 }
        $hook = @{ eventTypes = @('ACTOR.RUN.FAILED'); requestUrl = 'https://example.com/hook' }
        $r1 = Start-ApifyRun -Actor $a.actor -Input @{ url = 'https://example.com'; depth = 2 } -MemoryMbytes 2048 -TimeoutSecs 60 -MaxItems 5 -Build latest -Webhook $hook -Wait
        $r1.Options.MemoryMbytes | Should -Be 2048
        $q = (Get-Posts)[0].query
        $q | Should -Match 'timeout=60&memory=2048&maxItems=5&build=latest&webhooks='
        $out = Invoke-ApifyActor -Actor $a.actor -Input '{"raw": true}'
        $out.input.raw | Should -BeTrue
        $file = Join-Path $TestDrive 'input.json'
        Set-Content -Path $file -Value '{"fromFile": 42}'
        (Invoke-ApifyActor -Actor $a.actor -InputFile $file).input.fromFile | Should -Be 42
        $text = Invoke-ApifyActor -Actor $a.actor -Input 'plain words' -ContentType 'text/plain'
        $text.input | Should -Be 'plain words'
    }

    It 'rejects bad input before any request' -TestCases @(
        @{ Call = { Start-ApifyRun -Actor janedoe~x -Input @{ a = 1 } -InputFile ./nothing.json } }
        @{ Call = { Start-ApifyRun -Actor janedoe~x -InputFile ./no-such-file.json } }
        @{ Call = { Start-ApifyRun -Actor janedoe~x -ContentType 'text/plain' } }
        @{ Call = { Start-ApifyRun -Actor janedoe~x -Input @{ a = 1 } -ContentType 'text/plain' } }
        @{ Call = { Start-ApifyRun -Actor janedoe~x -MemoryMbytes 1000 } }
        @{ Call = { Start-ApifyRun -Actor janedoe~x -Webhook @{ eventTypes = @('ACTOR.RUN.FAILED') } } }
        @{ Call = { Start-ApifyBuild -Actor janedoe~x -Version 1 } }
        @{ Call = { Wait-ApifyRun -Id x -Timeout 0 } }
        @{ Call = { Invoke-ApifyActor -Actor '' } }
    ) {
        param($Call)
        { & $Call } | Should -Throw
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
    }
}

Describe 'Invoke-ApifyActor' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'emits the OUTPUT record as objects, POSTing with input and GETting without' {
        $a = New-Actor -Extra @{ runDurationMs = 200 }
        $out = Invoke-ApifyActor -Actor $a.actor -Input ([pscustomobject]@{ city = 'Prague'; tags = @('a', 'b') })
        $out.input.city | Should -Be 'Prague'
        $out.input.tags | Should -Be 'a', 'b'
        $out.runId | Should -Not -BeNullOrEmpty
        $none = Invoke-ApifyActor -Actor $a.actor
        $none.input | Should -BeNullOrEmpty
        (Get-ApifyEmulatorRequest $script:Emu).method | Should -Be 'POST', 'GET'
    }

    It 'writes JSON arrays item by item, text as a string and other content as bytes' {
        $arr = New-Actor -Extra @{ runDurationMs = 100; output = @(@{ n = 1 }, @{ n = 2 }) }
        $items = @(Invoke-ApifyActor -Actor $arr.actor)
        $items.n | Should -Be 1, 2
        $txt = New-Actor -Extra @{ runDurationMs = 100; output = 'hello world'; outputContentType = 'text/plain; charset=utf-8' }
        Invoke-ApifyActor -Actor $txt.actor | Should -BeExactly 'hello world'
        $bin = New-Actor -Extra @{ runDurationMs = 100; output = [Convert]::ToBase64String([byte[]](1, 2, 3)); outputContentType = 'image/png' }
        $bytes = Invoke-ApifyActor -Actor $bin.actor
        , $bytes | Should -BeOfType ([byte[]])
        $bytes | Should -Be 1, 2, 3
    }

    It 'turns run-failed into an error naming the run' {
        $a = New-Actor -Extra @{ runOutcome = 'FAILED'; runDurationMs = 100 }
        Invoke-ApifyActor -Actor $a.actor -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'run-failed,*'
        $runId = $err[0].TargetObject
        (Get-ApifyRun -Id $runId).Status | Should -Be 'FAILED'
        $err[0].Exception.Message | Should -Match $runId
    }

    It 'turns 408 into an error naming the run, which goes on' {
        $a = New-Actor -Extra @{ runDurationMs = 120000 }
        { Invoke-ApifyActor -Actor $a.actor -ErrorAction Stop } | Should -Throw -ErrorId 'run-timeout-exceeded,*'
        # That run goes on; stop it so the next 408 has one run to name.
        Get-ApifyRun -Actor $a.actor -Status READY, RUNNING | Stop-ApifyRun | Out-Null
        Invoke-ApifyActor -Actor $a.actor -ErrorVariable err -ErrorAction SilentlyContinue
        $runId = $err[0].TargetObject
        $err[0].Exception.Message | Should -Match $runId
        $err[0].ErrorDetails.RecommendedAction | Should -Match "Wait-ApifyRun -Id $runId"
        (Get-ApifyRun -Id $runId).Status | Should -Be 'RUNNING'
        Get-ApifyRun -Actor $a.actor -Status RUNNING | Stop-ApifyRun | Out-Null
    }
}

Describe 'Convert-ApifyRun (metamorph)' {
    It 'turns a running run into a run of another Actor with a new input' {
        $from = New-Actor -Extra @{ runDurationMs = 120000; startDelayMs = 0 }
        $to = New-Actor -Extra @{ runDurationMs = 300 }
        $run = Start-ApifyRun -Actor $from.actor
        $null = Wait-ApifyRun -Id $run.Id -Timeout 1 -ErrorAction SilentlyContinue
        $morphed = $run | Convert-ApifyRun -TargetActor $to.actorId -Input @{ handover = $true }
        $morphed.Id | Should -Be $run.Id
        $morphed.Metamorphs[0].ActorId | Should -Be $to.actorId
        $morphed.Metamorphs[0].InputKey | Should -Be 'INPUT-METAMORPH-1'
        ($morphed | Wait-ApifyRun).Status | Should -Be 'SUCCEEDED'
        (Get-ApifyEmulatorRequest $script:Emu | Where-Object path -like '*/metamorph')[-1].query | Should -Be "targetActorId=$($to.actorId)"
    }

    It 'refuses a finished run with the API''s 400' {
        $a = New-Actor -Runs 1
        $done = Get-ApifyRun -Actor $a.actor -First 1
        Convert-ApifyRun -Id $done.Id -TargetActor $a.actorId -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'invalid-input,*'
        $err[0].TargetObject | Should -Be $done.Id
    }
}
