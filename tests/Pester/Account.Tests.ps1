# Account and alerting in a real pwsh: the user, usage rows of every shape (this month, per day, an earlier month),
# limits, the cost roll-up by every key, and webhooks created, refused locally, dispatched for real to a listener on
# loopback, tested, listed as dispatches, changed and removed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    Use-ApifyEmulator $script:Emu
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 1 -Runs 3 -Extra @{ runDurationMs = 100; startDelayMs = 10 }
    $script:Other = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'price-monitor' -Builds 1 -Runs 2 -Extra @{ runDurationMs = 100; startDelayMs = 10; runOutcome = 'FAILED' }
    # Runs of an earlier month: four months ago, on the 5th and the 20th, started from the API and a schedule.
    $m = (Get-Date).ToUniversalTime().AddMonths(-4)
    $script:Day5 = [datetime]::new($m.Year, $m.Month, 5, 8, 0, 0, [DateTimeKind]::Utc)
    $script:Day20 = [datetime]::new($m.Year, $m.Month, 20, 8, 0, 0, [DateTimeKind]::Utc)
    $past = @{ actor = 'web-scraper'; runs = @(
            @{ startedAt = $script:Day5.ToString('o'); usageTotalUsd = 0.5; origin = 'API' }
            @{ startedAt = $script:Day5.AddHours(2).ToString('o'); usageTotalUsd = 0.25; origin = 'SCHEDULER' }
            @{ startedAt = $script:Day20.ToString('o'); usageTotalUsd = 1.0; origin = 'API' }) }
    $null = Invoke-RestMethod -Method Post -Uri "$($script:Emu.BaseUri)/__emulator/past-runs" -ContentType 'application/json' -Body ($past | ConvertTo-Json -Depth 5)

    function Get-Request([string] $Method) {
        @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { -not $Method -or $_.method -eq $Method })
    }

    # A listener on loopback the local server's dispatches reach: the next request, answered with -Status.
    function New-HookListener {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        [pscustomobject]@{ Listener = $listener; Url = "http://127.0.0.1:$port/hook" }
    }
    function Receive-Hook($Hook, [int] $Status = 200, [int] $TimeoutSeconds = 60) {
        $task = $Hook.Listener.GetContextAsync()
        if (-not $task.Wait([timespan]::FromSeconds($TimeoutSeconds))) { throw "no webhook request within $TimeoutSeconds s" }
        $context = $task.Result
        $reader = [System.IO.StreamReader]::new($context.Request.InputStream)
        $body = $reader.ReadToEnd()
        $context.Response.StatusCode = $Status
        $context.Response.Close()
        [pscustomobject]@{ Method = $context.Request.HttpMethod; Headers = $context.Request.Headers; Body = $body }
    }
    function Wait-Dispatch([string] $WebhookId, [int] $TimeoutSeconds = 60) {
        $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
        do {
            $d = @(Get-ApifyWebhookDispatch -WebhookId $WebhookId)
            if ($d.Count -and -not ($d | Where-Object Status -EQ 'ACTIVE')) { return $d }
            Start-Sleep -Milliseconds 100
        } while ((Get-Date) -lt $deadline)
        throw "the dispatches of $WebhookId did not settle: $($d.Status -join ', ')"
    }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Get-ApifyUser' {
    It 'gets the connected account with its username and id, and a public profile by username' {
        $me = Get-ApifyUser
        $me | Should -BeOfType ([ApifyPS.Models.ApifyUser])
        $me.Username | Should -Be 'janedoe'
        $me.Id | Should -Not -BeNullOrEmpty
        $me.Plan.Id | Should -Not -BeNullOrEmpty
        $public = Get-ApifyUser -Id janedoe
        $public.Username | Should -Be 'janedoe'
        $public.IsPublicProfile | Should -BeTrue
        $public.Email | Should -BeNullOrEmpty
    }
}

Describe 'Get-ApifyUsage' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'writes one row per service for this cycle, flat and typed' {
        $rows = @(Get-ApifyUsage)
        $rows.Count | Should -BeGreaterThan 0
        $rows[0] | Should -BeOfType ([ApifyPS.Models.ApifyUsage])
        $rows[0].Service | Should -Be 'ACTOR_COMPUTE_UNITS'
        $rows[0].AmountUsd | Should -BeGreaterThan 0
        $rows[0].CycleStart | Should -BeOfType ([datetime])
        $rows[0].CycleStart.Day | Should -Be 1
        (Get-Request)[0].query | Should -Not -Match 'date='
    }

    It 'writes one row per day and service with -Daily, and reads an earlier month with -Date' {
        $days = @(Get-ApifyUsage -Date $script:Day20.AddDays(3) -Daily)
        (Get-Request)[0].query | Should -Match ('(^|&)date=' + $script:Day20.AddDays(3).ToString('yyyy-MM-dd') + '(&|$)')
        $days.Count | Should -Be 2
        $days[0] | Should -BeOfType ([ApifyPS.Models.ApifyDailyUsage])
        $days[0].Date | Should -BeOfType ([datetime])
        $days.Date | Should -Be @($script:Day5.Date, $script:Day20.Date)
        [math]::Round($days[0].AmountUsd, 9) | Should -Be 0.75
        $month = @(Get-ApifyUsage -Date $script:Day5)
        [math]::Round($month[0].AmountUsd, 9) | Should -Be 1.75
        $month[0].CycleStart.Month | Should -Be $script:Day5.Month
        (Get-ApifyUsage -Date $script:Day5 -Summary).TotalUsd | Should -Be $month[0].AmountUsd
    }

    It 'rows go through Export-Csv and Group-Object' {
        $path = Join-Path $TestDrive 'usage.csv'
        Get-ApifyUsage -Date $script:Day5 -Daily | Export-Csv -Path $path -NoTypeInformation
        $csv = @(Import-Csv $path)
        $csv.Count | Should -Be 2
        $csv[0].PSObject.Properties.Name | Should -Contain 'Date'
        $csv[0].PSObject.Properties.Name | Should -Contain 'AmountUsd'
        @(Get-ApifyUsage -Date $script:Day5 -Daily | Group-Object Service).Count | Should -Be 1
    }
}

Describe 'Get-ApifyLimit and Set-ApifyLimit' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'sends nothing with -WhatIf, then only the limit given' {
        Set-ApifyLimit -MaxMonthlyUsageUsd 77 -WhatIf
        Get-Request | Should -BeNullOrEmpty
        Set-ApifyLimit -MaxMonthlyUsageUsd 77 -Confirm:$false
        $put = @(Get-Request PUT)
        $put.Count | Should -Be 1
        @($put[0].body.PSObject.Properties.Name) | Should -Be @('maxMonthlyUsageUsd')
        (Get-ApifyLimit).MaxMonthlyUsageUsd | Should -Be 77
        $limits = Set-ApifyLimit -DataRetentionDays 21 -Confirm:$false -PassThru
        $limits | Should -BeOfType ([ApifyPS.Models.ApifyLimit])
        $limits.DataRetentionDays | Should -Be 21
        $limits.MaxMonthlyUsageUsd | Should -Be 77
        $limits.CurrentActorCount | Should -BeGreaterOrEqual 2
    }

    It 'refuses a call that changes nothing, before any request' {
        { Set-ApifyLimit -Confirm:$false } | Should -Throw -ErrorId 'NothingToChange,ApifyPS.Cmdlets.SetApifyLimitCommand'
        Get-Request | Should -BeNullOrEmpty
    }
}

Describe 'Measure-ApifyRunCost' {
    BeforeAll {
        $script:Runs = @(Get-ApifyRun -Actor $script:Seed.actor) + @(Get-ApifyRun -Actor $script:Other.actor)
    }

    It 'rolls piped runs up by Actor, reading each name once' {
        Clear-ApifyEmulatorRequest $script:Emu
        $rows = @($script:Runs | Measure-ApifyRunCost -By Actor)
        $rows.Count | Should -Be 2
        @(Get-Request | Where-Object path -Like '/v2/actors/*').Count | Should -Be 2
        $web = $rows | Where-Object Key -EQ $script:Seed.actorId
        $web.Name | Should -Be 'janedoe~web-scraper'
        $web.Runs | Should -Be 6
        [math]::Round($web.UsageTotalUsd, 9) | Should -Be ([math]::Round(($script:Runs | Where-Object ActorId -EQ $script:Seed.actorId | Measure-Object UsageTotalUsd -Sum).Sum, 9))
    }

    It 'rolls up by Origin, Day, Task and Schedule' {
        $byOrigin = @($script:Runs | Measure-ApifyRunCost -By Origin)
        ($byOrigin | Where-Object Key -EQ 'SCHEDULER').Runs | Should -Be 1
        $byDay = @($script:Runs | Measure-ApifyRunCost -By Day)
        $byDay[0].Date | Should -Be $script:Day5.Date
        $byDay[0].Runs | Should -Be 2
        ($byDay | Measure-Object Runs -Sum).Sum | Should -Be $script:Runs.Count
        foreach ($by in 'Task', 'Schedule') {
            $rows = @($script:Runs | Measure-ApifyRunCost -By $by)
            $rows.Count | Should -Be 1
            $rows[0].Key | Should -Be ''
            $rows[0].Runs | Should -Be $script:Runs.Count
        }
    }

    It 'counts and flags runs without usage, with a warning' {
        $unknown = [ApifyPS.Models.ApifyRun]@{ Id = 'someoneelses'; ActorId = $script:Seed.actorId; StartedAt = (Get-Date).ToUniversalTime() }
        $rows = @(@($script:Runs[0], $unknown) | Measure-ApifyRunCost -By Actor -WarningVariable warnings -WarningAction SilentlyContinue)
        $rows[0].Runs | Should -Be 2
        $rows[0].RunsWithoutUsage | Should -Be 1
        $rows[0].IsIncomplete | Should -BeTrue
        $warnings.Count | Should -Be 1
    }

    It 'lists the runs of a time window itself' {
        Clear-ApifyEmulatorRequest $script:Emu
        $rows = @(Measure-ApifyRunCost -By Day -StartedAfter $script:Day5.AddHours(-1) -StartedBefore $script:Day20.AddHours(1))
        (Get-Request)[0].query | Should -Match 'startedAfter='
        ($rows | Measure-Object Runs -Sum).Sum | Should -Be 3
    }

    It 'refuses other objects piped in' {
        $actor = Get-ApifyActor -Id $script:Seed.actor
        $actor | Measure-ApifyRunCost -By Actor -ErrorVariable failed -ErrorAction SilentlyContinue | Out-Null
        $failed.Count | Should -Be 1
    }
}

Describe 'Webhooks' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'refuses an unknown event type locally, before any request' {
        { New-ApifyWebhook -Actor $script:Seed.actor -EventType ACTOR.RUN.DONE -RequestUrl https://e.example.com/h -Confirm:$false } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ApifyPS.Cmdlets.NewApifyWebhookCommand'
        Get-Request | Should -BeNullOrEmpty
    }

    It 'refuses a request URL that is not absolute http(s), naming the parameter, before any request' {
        { New-ApifyWebhook -Actor $script:Seed.actor -EventType ACTOR.RUN.FAILED -RequestUrl 'ftp://e.example.com/h' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,ApifyPS.Cmdlets.NewApifyWebhookCommand'
        { Set-ApifyWebhook -Id someWebhookId -RequestUrl 'hooks/relative' } | Should -Throw '*RequestUrl*'
        Get-Request | Should -BeNullOrEmpty
    }

    It 'completes event types by Tab' {
        $line = 'New-ApifyWebhook -EventType ACTOR.RUN.S'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'ACTOR.RUN.SUCCEEDED'
        $completions | Should -Not -Contain 'ACTOR.RUN.FAILED'
    }

    It 'is dispatched for real when a run succeeds and when one fails' {
        $hook = New-HookListener
        try {
            $ok = New-ApifyWebhook -Actor $script:Seed.actor -EventType ACTOR.RUN.SUCCEEDED, ACTOR.RUN.FAILED -RequestUrl $hook.Url
            $bad = New-ApifyWebhook -Actor $script:Other.actor -EventType ACTOR.RUN.FAILED -RequestUrl $hook.Url -PayloadTemplate '{"failed": {{resource.id}}}'
            $run = Start-ApifyRun -Actor $script:Seed.actor -Wait -Timeout 60
            $got = Receive-Hook $hook
            $got.Method | Should -Be 'POST'
            $payload = $got.Body | ConvertFrom-Json
            $payload.eventType | Should -Be 'ACTOR.RUN.SUCCEEDED'
            $payload.resource.id | Should -Be $run.Id
            $got.Headers['X-Apify-Webhook'] | Should -Be $ok.Id
            (Wait-Dispatch $ok.Id)[0].Status | Should -Be 'SUCCEEDED'

            $failed = Start-ApifyRun -Actor $script:Other.actor -Wait -Timeout 60 -ErrorAction SilentlyContinue
            $got = Receive-Hook $hook -Status 500
            ($got.Body | ConvertFrom-Json).failed | Should -Be $failed.Id
            $dispatch = (Wait-Dispatch $bad.Id)[0]
            $dispatch.Status | Should -Be 'FAILED'
            $dispatch.ResponseStatus | Should -Be 500
            @(Get-ApifyWebhook -Id $bad.Id | Get-ApifyWebhookDispatch -Status FAILED).Id | Should -Be @($dispatch.Id)
        }
        finally {
            $hook.Listener.Close()
        }
    }

    It 'makes one webhook when the answer to its create was lost' {
        $url = 'https://hooks.example.com/' + [guid]::NewGuid().ToString('N')
        $null = Add-ApifyEmulatorFault -Emulator $script:Emu -Path '/v2/webhooks' -Method POST -Action reset-after
        $created = New-ApifyWebhook -Actor $script:Seed.actor -EventType ACTOR.BUILD.FAILED -RequestUrl $url
        @(Get-Request POST | Where-Object path -EQ '/v2/webhooks').Count | Should -Be 2
        $mine = @(Get-ApifyWebhook -Actor $script:Seed.actor | Where-Object RequestUrl -EQ $url)
        $mine.Count | Should -Be 1
        $mine[0].Id | Should -Be $created.Id
    }

    It 'tests, lists failed dispatches through the pipeline, changes and removes' {
        $hook = New-ApifyWebhook -Actor $script:Seed.actor -EventType ACTOR.RUN.ABORTED -RequestUrl https://hooks.example.com/off-loopback -Description one
        $test = $hook | Test-ApifyWebhook -Confirm:$false
        $test | Should -BeOfType ([ApifyPS.Models.ApifyWebhookDispatch])
        $test.EventType | Should -Be 'TEST'
        $null = Wait-Dispatch $hook.Id
        $failed = @(Get-ApifyWebhook | Where-Object Id -EQ $hook.Id | Get-ApifyWebhookDispatch -Status FAILED)
        $failed.Id | Should -Be @($test.Id)
        $failed[0].ErrorMessage | Should -Match 'loopback'

        Clear-ApifyEmulatorRequest $script:Emu
        $hook | Set-ApifyWebhook -Description two
        @((Get-Request PUT)[0].body.PSObject.Properties.Name) | Should -Be @('description')
        $read = Get-ApifyWebhook -Id $hook.Id
        $read.Description | Should -Be 'two'
        $read.RequestUrl | Should -Be 'https://hooks.example.com/off-loopback'

        $read | Remove-ApifyWebhook -WhatIf
        @(Get-Request DELETE).Count | Should -Be 0
        $read | Remove-ApifyWebhook -Force
        { Get-ApifyWebhook -Id $hook.Id -ErrorAction Stop } | Should -Throw
    }
}
