# The schedule cmdlets in a real pwsh against the local server: each parameter set, the refusals before any request
# (bad cron, an action without an Actor or task, run options on a task), the log after the scheduler fires, and
# schedules as code: a Sync file with each kind of change, -WhatIf, idempotence, -Prune, and files refused whole.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    Use-ApifyEmulator $script:Emu
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 1 -Extra @{ startDelayMs = 20; runDurationMs = 200; logIntervalMs = 0 }
    $script:Other = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'price-monitor' -Builds 1
    $script:Task = New-ApifyTask -Actor janedoe~web-scraper -Name schedule-task -Input @{ t = 1 }

    function Get-Request([string] $Method) {
        @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { -not $Method -or $_.method -eq $Method })
    }
    function Get-Write { @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { $_.method -in 'POST', 'PUT', 'DELETE' }) }
    function Remove-AllSchedules { Get-ApifySchedule | Remove-ApifySchedule -Force }
    $script:Dir = Join-Path ([System.IO.Path]::GetTempPath()) ('apifyps-sched-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Dir
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    if ($script:Dir) { Remove-Item -Recurse -Force $script:Dir -ErrorAction SilentlyContinue }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'New-ApifySchedule and Get-ApifySchedule' {
    BeforeAll { Remove-AllSchedules }
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'creates a schedule for an Actor with its input and options; the model shows cron, zone, state, times and actions' {
        $s = New-ApifySchedule -Name p-actor -Cron '0 3 * * *' -Timezone Europe/Prague -Actor janedoe~web-scraper -Input @{ a = 1 } -MemoryMbytes 256 -Description 'nightly'
        $s | Should -BeOfType ([ApifyPS.Models.ApifySchedule])
        $s.CronExpression | Should -Be '0 3 * * *'
        $s.Timezone | Should -Be 'Europe/Prague'
        $s.IsEnabled | Should -BeTrue
        $s.NextRunAt | Should -Not -BeNullOrEmpty
        $s.Actions[0].ActorId | Should -Be $script:Seed.actorId
        $s.Actions[0].RunInput.Body | Should -Be '{"a":1}'
        $s.Actions[0].RunOptions.MemoryMbytes | Should -Be 256
        $s.ActionSummary | Should -Be "Actor $($script:Seed.actorId)"
        $post = Get-Request POST
        $post.Count | Should -Be 1
        $post[0].body.actions[0].actorId | Should -Be $script:Seed.actorId
        (Get-ApifySchedule -Id $s.Id).Description | Should -Be 'nightly'
        @(Get-ApifySchedule).Name | Should -Contain 'p-actor'
        ($s | Get-ApifySchedule).Id | Should -Be $s.Id
    }

    It 'creates a disabled, exclusive schedule for a task with an input override, and one with several actions' {
        $t = New-ApifySchedule -Name p-task -Cron '@daily' -Task janedoe~schedule-task -Input @{ u = 2 } -Disabled -Exclusive
        $t.IsEnabled | Should -BeFalse
        $t.IsExclusive | Should -BeTrue
        $t.Actions[0].ActorTaskId | Should -Be $script:Task.Id
        $t.Actions[0].Input.GetRawText() | Should -Be '{"u":2}'
        $many = New-ApifySchedule -Name p-many -Cron '*/30 * * * *' -Action @(
            @{ Actor = 'janedoe~web-scraper'; Input = @{ shard = 1 } }
            @{ Task = $script:Task.Id }
            @{ Actor = 'janedoe~price-monitor'; MemoryMbytes = 1024 }
        )
        @($many.Actions).Count | Should -Be 3
        $many.Actions[2].RunOptions.MemoryMbytes | Should -Be 1024
        ($script:Task | New-ApifySchedule -Name p-piped -Cron '@hourly').Actions[0].ActorTaskId | Should -Be $script:Task.Id
    }

    It 'refuses a bad cron expression, an action without an Actor or task and run options on a task before any request' {
        { New-ApifySchedule -Name p-bad -Cron 'every day at noon' -Actor janedoe~web-scraper } | Should -Throw '*-Cron*not a cron expression*'
        { New-ApifySchedule -Name p-bad -Cron '0 3 * *' -Actor janedoe~web-scraper } | Should -Throw '*4 fields*'
        { New-ApifySchedule -Name p-bad -Cron '@daily' -Action @(@{ Input = @{ a = 1 } }) } | Should -Throw '*-Action`[0`]*either an Actor or a task*'
        { New-ApifySchedule -Name p-bad -Cron '@daily' -Action @(@{ Actor = 'a'; Cron = 'x' }) } | Should -Throw "*unknown key 'Cron'*"
        { New-ApifySchedule -Name p-bad -Cron '@daily' -Task janedoe~schedule-task -MemoryMbytes 1024 } | Should -Throw '*run options apply to an Actor*'
        New-ApifySchedule -Name p-whatif -Cron '@daily' -Actor janedoe~web-scraper -WhatIf | Should -BeNullOrEmpty
        Get-Write | Should -BeNullOrEmpty
    }

    It 'reports a time zone the API does not know as its error, naming the zone' {
        New-ApifySchedule -Name p-zone -Cron '@daily' -Timezone 'Mars/Olympus' -Actor janedoe~web-scraper -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -BeLike '*Mars/Olympus*'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'invalid-input*'
    }
}

Describe 'Set-, Enable-, Disable-, Remove-ApifySchedule and Get-ApifyScheduleLog' {
    BeforeAll { Remove-AllSchedules }
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'changes only what is given, and -Input alone keeps the action''s Actor' {
        $s = New-ApifySchedule -Name p-set -Cron '0 3 * * *' -Timezone Europe/Prague -Actor janedoe~web-scraper -Input @{ a = 1 }
        Clear-ApifyEmulatorRequest $script:Emu
        Set-ApifySchedule -Id $s.Id -Cron '30 4 * * 1-5' -Confirm:$false
        $put = Get-Request PUT
        $put.Count | Should -Be 1
        @($put[0].body.PSObject.Properties.Name) | Should -Be @('cronExpression')
        $after = Get-ApifySchedule -Id $s.Id
        $after.CronExpression | Should -Be '30 4 * * 1-5'
        $after.Timezone | Should -Be 'Europe/Prague'
        $changed = $s | Set-ApifySchedule -Input @{ a = 2 } -NewName p-set-2 -PassThru
        $changed.Name | Should -Be 'p-set-2'
        $changed.Actions[0].ActorId | Should -Be $script:Seed.actorId
        $changed.Actions[0].RunInput.Body | Should -Be '{"a":2}'
        ($s | Set-ApifySchedule -Task $script:Task.Id -PassThru).Actions[0].ActorTaskId | Should -Be $script:Task.Id
        { Set-ApifySchedule -Id $s.Id -Cron 'nope' } | Should -Throw '*-Cron*'
        { Set-ApifySchedule -Id $s.Id } | Should -Throw '*Nothing to change*'
    }

    It 'disables and enables schedules by id and from the pipeline' {
        $s = New-ApifySchedule -Name p-toggle -Cron '@daily' -Actor janedoe~web-scraper
        Disable-ApifySchedule -Id $s.Id -Confirm:$false
        (Get-ApifySchedule -Id $s.Id).IsEnabled | Should -BeFalse
        (Get-ApifySchedule -Id $s.Id).NextRunAt | Should -BeNullOrEmpty
        (Get-ApifySchedule -Id $s.Id | Enable-ApifySchedule -PassThru).IsEnabled | Should -BeTrue
        Clear-ApifyEmulatorRequest $script:Emu
        $s | Disable-ApifySchedule -WhatIf
        Get-Write | Should -BeNullOrEmpty
    }

    It 'shows the log once the scheduler fired, and the run names the schedule' {
        $s = New-ApifySchedule -Name p-fire -Cron '@daily' -Actor janedoe~web-scraper
        Get-ApifyScheduleLog -Id $s.Id | Should -BeNullOrEmpty
        $fired = Invoke-RestMethod -Method Post -Uri "$($script:Emu.BaseUri)/__emulator/schedules/$($s.Id)/fire"
        $run = Get-ApifyRun -Id $fired.runs[0]
        $run.Origin | Should -Be 'SCHEDULER'
        $run.Meta.ScheduleId | Should -Be $s.Id
        ($run | Get-ApifySchedule).Id | Should -Be $s.Id
        $log = @($s | Get-ApifyScheduleLog)
        $log.Count | Should -Be 1
        $log[0] | Should -BeOfType ([ApifyPS.Models.ApifyScheduleLogEntry])
        $log[0].Level | Should -Be 'INFO'
        $log[0].ScheduleId | Should -Be $s.Id
        (Get-ApifySchedule -Id $s.Id).LastRunAt | Should -Not -BeNullOrEmpty
    }

    It 'removes schedules: nothing with -WhatIf, piped ones with -Confirm:$false' {
        $s = New-ApifySchedule -Name p-remove -Cron '@daily' -Actor janedoe~web-scraper
        Clear-ApifyEmulatorRequest $script:Emu
        @(Get-ApifySchedule) | Where-Object Name -EQ 'p-remove' | Remove-ApifySchedule -WhatIf
        Get-Write | Should -BeNullOrEmpty
        $s | Remove-ApifySchedule -Confirm:$false
        @(Get-ApifySchedule).Name | Should -Not -Contain 'p-remove'
    }
}

Describe 'Sync-ApifySchedule' {
    BeforeAll {
        function Write-File([string] $Name, [string] $Text) {
            $path = Join-Path $script:Dir $Name
            Set-Content -Path $path -Value $Text
            $path
        }
    }
    BeforeEach {
        Remove-AllSchedules
        Clear-ApifyEmulatorRequest $script:Emu
    }

    It 'plans with -WhatIf without writing, applies, is then all Unchanged, and updates each kind of change' {
        $null = New-ApifySchedule -Name keep-me -Cron '0 1 * * *' -Actor janedoe~web-scraper
        $null = New-ApifySchedule -Name change-me -Cron '0 2 * * *' -Timezone Europe/Prague -Actor janedoe~web-scraper -Input @{ a = 1 }
        $file = Write-File 'first.psd1' @"
@{
    Schedules = @(
        @{ Name = 'keep-me'; Cron = '0 1 * * *'; Actor = 'janedoe~web-scraper' }
        @{ Name = 'change-me'; Cron = '0 5 * * *'; Timezone = 'UTC'; Actor = 'janedoe~price-monitor'; Input = @{ a = 2 }
           Enabled = `$false; Description = 'described'; MemoryMbytes = 1024 }
        @{ Name = 'new-one'; Cron = '@hourly'; Task = 'janedoe~schedule-task'; Input = @{ t = 9 } }
    )
}
"@
        Clear-ApifyEmulatorRequest $script:Emu
        $plan = @(Sync-ApifySchedule -Path $file -WhatIf)
        Get-Write | Should -BeNullOrEmpty
        ($plan | ForEach-Object { "$($_.Name)=$($_.Action)" }) | Should -Be @('keep-me=Unchanged', 'change-me=Update', 'new-one=Create')
        $plan[0] | Should -BeOfType ([ApifyPS.Models.ApifyScheduleSyncRow])
        $changes = $plan[1].Changes
        $changes | Should -Contain "CronExpression: '0 2 * * *' -> '0 5 * * *'"
        $changes | Should -Contain "Timezone: 'Europe/Prague' -> 'UTC'"
        $changes | Should -Contain "IsEnabled: 'True' -> 'False'"
        $changes | Should -Contain "Description: (none) -> 'described'"
        $changes | Should -Contain "Action: 'Actor $($script:Seed.actorId)' -> 'Actor $($script:Other.actorId)'"
        $changes | Should -Contain 'RunOptions: (none) -> ''{"memoryMbytes":1024}'''

        $applied = @(Sync-ApifySchedule -Path $file -Confirm:$false)
        ($applied | ForEach-Object Action) | Should -Be @('Unchanged', 'Update', 'Create')
        $applied[2].ScheduleId | Should -Not -BeNullOrEmpty
        @(Get-Write | Where-Object method -EQ POST).Count | Should -Be 1
        @(Get-Write | Where-Object method -EQ PUT).Count | Should -Be 1
        $changed = Get-ApifySchedule | Where-Object Name -EQ 'change-me'
        $changed.CronExpression | Should -Be '0 5 * * *'
        $changed.IsEnabled | Should -BeFalse

        Clear-ApifyEmulatorRequest $script:Emu
        @(Sync-ApifySchedule -Path $file -Confirm:$false | ForEach-Object Action | Sort-Object -Unique) | Should -Be @('Unchanged')
        Get-Write | Should -BeNullOrEmpty
    }

    It 'removes what the file does not name only with -Prune, and reads JSON files' {
        $null = New-ApifySchedule -Name stays-unmanaged -Cron '@daily' -Actor janedoe~web-scraper
        $file = Write-File 'only.json' '{ "schedules": [ { "name": "from-json", "cron": "0 * * * *", "actor": "janedoe~web-scraper", "input": { "x": 1 } } ] }'
        $rows = @(Sync-ApifySchedule -Path $file -Confirm:$false)
        ($rows | ForEach-Object { "$($_.Name)=$($_.Action)" }) | Should -Be @('from-json=Create')
        @(Get-ApifySchedule).Count | Should -Be 2
        $pruned = @(Sync-ApifySchedule -Path $file -Prune -Confirm:$false)
        ($pruned | Where-Object Action -EQ Remove).Name | Should -Be 'stays-unmanaged'
        (@(Get-ApifySchedule).Name) | Should -Be @('from-json')
        (Get-Item $file | Sync-ApifySchedule -Prune).Action | Should -Be 'Unchanged'
    }

    It 'refuses a file with errors whole, naming the line of each entry, before any write' {
        $file = Write-File 'bad.psd1' @"
@{
    Schedules = @(
        @{ Name = 'fine'; Cron = '@daily'; Actor = 'janedoe~web-scraper' }
        @{ Name = 'typo'; Cronn = '@daily'; Actor = 'janedoe~web-scraper' }
        @{ Name = 'fine'; Cron = '@daily'; Actor = 'janedoe~web-scraper' }
        @{ Name = 'badcron'; Cron = 'every day at noon'; Actor = 'janedoe~web-scraper' }
    )
}
"@
        Clear-ApifyEmulatorRequest $script:Emu
        $err = $null
        try { Sync-ApifySchedule -Path $file -Confirm:$false } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidScheduleFile*'
        $err.Exception.Message | Should -BeLike "*bad.psd1 line 4, entry 2: unknown key 'Cronn'*"
        $err.Exception.Message | Should -BeLike "*bad.psd1 line 5, entry 3: the name 'fine' is used twice*"
        $err.Exception.Message | Should -BeLike "*bad.psd1 line 6, entry 4: 'badcron' Cron 'every day at noon' is not a cron expression*"
        Get-Request | Should -BeNullOrEmpty

        $missing = Write-File 'missing.psd1' "@{ Schedules = @( @{ Name = 'x'; Cron = '@daily'; Actor = 'janedoe~no-such-actor' } ) }"
        { Sync-ApifySchedule -Path $missing -Confirm:$false } | Should -Throw '*no-such-actor*not found*'
        Get-Write | Should -BeNullOrEmpty
        $code = Write-File 'code.psd1' "@{ Schedules = @( @{ Name = (Get-Date).ToString(); Cron = '@daily'; Actor = 'a' } ) }"
        { Sync-ApifySchedule -Path $code } | Should -Throw '*line 1*'
        { Sync-ApifySchedule -Path (Join-Path $script:Dir 'nope.psd1') } | Should -Throw '*not an existing file*'
    }
}
