# The task cmdlets in a real pwsh against the local server: each parameter set, the pipelines the issue names
# (tasks to Start-ApifyTask, a task to Get-ApifyRun, a run to Get-ApifyTask), the refusals before any request, and
# tab completion of task names.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    Use-ApifyEmulator $script:Emu
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 1 -Extra @{ startDelayMs = 20; runDurationMs = 200; logIntervalMs = 0 }

    function Get-Request([string] $Method) {
        @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { -not $Method -or $_.method -eq $Method })
    }
    function New-TestTask([string] $Name, $TaskInput = [ordered]@{ a = 1; b = 'x' }) {
        New-ApifyTask -Actor janedoe~web-scraper -Name $Name -Input $TaskInput -MemoryMbytes 256
    }
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'New-ApifyTask and Get-ApifyTask' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'creates a task from -Actor with its input and options, and reads it back by id and by username~name' {
        $task = New-TestTask 'pester-create'
        $task | Should -BeOfType ([ApifyPS.Models.ApifyTask])
        $task.FullName | Should -Be 'janedoe~pester-create'
        $task.Options.MemoryMbytes | Should -Be 256
        $post = Get-Request POST
        $post.Count | Should -Be 1
        $post[0].path | Should -Be '/v2/actor-tasks'
        $post[0].body.actId | Should -Be 'janedoe~web-scraper'
        $post[0].body.input.a | Should -Be 1
        (Get-ApifyTask -Id $task.Id).InputJson | Should -Be '{"a":1,"b":"x"}'
        (Get-ApifyTask -Id janedoe~pester-create).Id | Should -Be $task.Id
        @(Get-ApifyTask).Id | Should -Contain $task.Id
        (@(Get-ApifyTask) | Where-Object Id -EQ $task.Id).Actor | Should -Be 'janedoe~web-scraper'
    }

    It 'creates a task for a piped Actor' {
        $task = Get-ApifyActor -Id janedoe~web-scraper | New-ApifyTask -Name pester-piped -Title 'Piped'
        $task.ActorId | Should -Be $script:Seed.actorId
        $task.Title | Should -Be 'Piped'
    }

    It 'sends nothing with -WhatIf, and refuses an input that is not a JSON object before any request' {
        New-ApifyTask -Actor janedoe~web-scraper -Name pester-whatif -WhatIf | Should -BeNullOrEmpty
        { New-ApifyTask -Actor janedoe~web-scraper -Name pester-bad -Input '[1,2]' -ErrorAction Stop } | Should -Throw '*JSON object*'
        { New-ApifyTask -Actor janedoe~web-scraper -Name 'not a name' } | Should -Throw
        Get-Request POST | Should -BeNullOrEmpty
    }

    It 'gives the task of a piped run, nothing for a run without one, and refuses other objects' {
        $task = New-TestTask 'pester-runs-task'
        $run = Start-ApifyTask -Task $task.Id -Wait
        ($run | Get-ApifyTask).Id | Should -Be $task.Id
        $plain = Start-ApifyRun -Actor janedoe~web-scraper
        $plain | Get-ApifyTask | Should -BeNullOrEmpty
        $build = Get-ApifyBuild -Actor janedoe~web-scraper -First 1
        $build | Get-ApifyTask -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedInputObject*'
    }
}

Describe 'Set-ApifyTask' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'changes input fields through the input endpoint and keeps the rest of the task' {
        $task = New-TestTask 'pester-set-input'
        Set-ApifyTask -Id $task.Id -Input ([ordered]@{ b = 'y'; c = 3 }) -Confirm:$false
        $put = Get-Request PUT
        $put.Count | Should -Be 1
        $put[0].path | Should -Be "/v2/actor-tasks/$($task.Id)/input"
        $after = Get-ApifyTask -Id $task.Id
        $after.InputJson | Should -Be '{"a":1,"b":"y","c":3}'
        $after.Name | Should -Be 'pester-set-input'
        $after.Options.MemoryMbytes | Should -Be 256
    }

    It 'renames, and merges run options with the task''s own, for piped tasks' {
        $null = New-ApifyTask -Actor janedoe~web-scraper -Name pester-set-opts -MemoryMbytes 256 -TimeoutSecs 60
        $updated = Get-ApifyTask | Where-Object Name -EQ 'pester-set-opts' | Set-ApifyTask -MemoryMbytes 512 -NewName pester-set-opts-2 -PassThru
        $updated.Name | Should -Be 'pester-set-opts-2'
        $updated.Options.MemoryMbytes | Should -Be 512
        $updated.Options.TimeoutSecs | Should -Be 60
    }

    It 'refuses a call with nothing to change before any request' {
        { Set-ApifyTask -Id janedoe~whatever } | Should -Throw '*Nothing to change*'
        Get-Request | Should -BeNullOrEmpty
    }
}

Describe 'Start-ApifyTask and Invoke-ApifyTask' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'starts a run with the task input and an override, and waits for it' {
        $task = New-TestTask 'pester-start'
        $run = Start-ApifyTask -Task $task.Id -Input @{ b = 'override' } -Wait -Timeout 60
        $run.Status | Should -Be 'SUCCEEDED'
        $run.ActorTaskId | Should -Be $task.Id
        $run.Options.MemoryMbytes | Should -Be 256
        $input = Get-ApifyRecord -RunId $run.Id -Key INPUT
        $input.a | Should -Be 1
        $input.b | Should -Be 'override'
    }

    It 'starts each piped task: Get-ApifyTask | Where-Object Name -like | Start-ApifyTask -Wait' {
        $null = New-TestTask 'pester-nightly-1'
        $null = New-TestTask 'pester-nightly-2'
        $runs = @(Get-ApifyTask | Where-Object Name -Like 'pester-nightly-*' | Start-ApifyTask -Wait)
        $runs.Count | Should -Be 2
        $runs.Status | Should -Be @('SUCCEEDED', 'SUCCEEDED')
        @(Get-Request POST | Where-Object path -Like '/v2/actor-tasks/*/runs').Count | Should -Be 2
    }

    It 'sends nothing with -WhatIf' {
        Start-ApifyTask -Task janedoe~pester-start -WhatIf | Should -BeNullOrEmpty
        Invoke-ApifyTask -Task janedoe~pester-start -WhatIf | Should -BeNullOrEmpty
        Get-Request POST | Should -BeNullOrEmpty
    }

    It 'Invoke-ApifyTask writes the OUTPUT record of a run with the task input' {
        $task = New-TestTask 'pester-invoke'
        $output = Invoke-ApifyTask -Task $task.FullName -Input @{ c = 3 }
        $output.input.a | Should -Be 1
        $output.input.c | Should -Be 3
        (Get-Request POST)[-1].path | Should -Be "/v2/actor-tasks/$($task.FullName)/run-sync"
    }
}

Describe 'Get-ApifyRun -Task and -Last, Get-ApifyWebhook -Task' {
    It 'lists a task''s runs, from -Task and from a piped task, and gives the last run of a task and of an Actor' {
        $task = New-TestTask 'pester-last'
        $first = Start-ApifyTask -Task $task.Id -Wait
        $second = Start-ApifyTask -Task $task.Id -Wait
        @(Get-ApifyRun -Task $task.Id).Id | Should -Be @($first.Id, $second.Id)
        @($task | Get-ApifyRun -Descending).Id | Should -Be @($second.Id, $first.Id)
        @(Get-ApifyRun -Task $task.Id -Status FAILED) | Should -BeNullOrEmpty
        (Get-ApifyRun -Task $task.Id -Last).Id | Should -Be $second.Id
        ($task | Get-ApifyRun -Last -Status SUCCEEDED).Id | Should -Be $second.Id
        (Get-ApifyRun -Actor janedoe~web-scraper -Last).Id | Should -Be $second.Id
        Clear-ApifyEmulatorRequest $script:Emu
        $null = Get-ApifyRun -Actor janedoe~web-scraper -Last -Status SUCCEEDED
        $request = Get-Request
        $request[0].path | Should -Be '/v2/actors/janedoe~web-scraper/runs/last'
        $request[0].query | Should -Be 'status=SUCCEEDED'
    }

    It 'refuses -Last with several statuses or a time window before any request' {
        Clear-ApifyEmulatorRequest $script:Emu
        { Get-ApifyRun -Actor janedoe~web-scraper -Last -Status SUCCEEDED, FAILED } | Should -Throw '*one -Status*'
        { Get-ApifyRun -Task janedoe~pester-last -Last -StartedAfter (Get-Date) } | Should -Throw '*-StartedAfter*'
        Get-Request | Should -BeNullOrEmpty
    }

    It 'lists a task''s webhooks' {
        $task = New-TestTask 'pester-hooks'
        Clear-ApifyEmulatorRequest $script:Emu
        @(Get-ApifyWebhook -Task $task.Id) | Should -BeNullOrEmpty
        (Get-Request)[0].path | Should -Be "/v2/actor-tasks/$($task.Id)/webhooks"
    }
}

Describe 'Remove-ApifyTask' {
    It 'sends nothing with -WhatIf and removes piped tasks with -Confirm:$false' {
        $task = New-TestTask 'pester-remove'
        Clear-ApifyEmulatorRequest $script:Emu
        @(Get-ApifyTask) | Where-Object Id -EQ $task.Id | Remove-ApifyTask -WhatIf
        Get-Request DELETE | Should -BeNullOrEmpty
        Get-ApifyTask -Id $task.Id | Remove-ApifyTask -Confirm:$false
        { Get-ApifyTask -Id $task.Id -ErrorAction Stop } | Should -Throw
        Remove-ApifyTask -Id janedoe~no-such-task -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'record-not-found*'
    }
}

Describe 'Tab completion of task names' {
    It 'offers your tasks as username~name for -Task and Get-ApifyTask -Id' {
        $null = New-TestTask 'pester-complete-me'
        [ApifyPS.Client.TaskNameCache]::Default.Invalidate([ApifyPS.Client.ConnectionResolver]::Resolve())
        (Get-Completion 'Start-ApifyTask -Task janedoe~pester-complete').CompletionText | Should -Contain 'janedoe~pester-complete-me'
        (Get-Completion 'Get-ApifyTask -Id pester-complete').CompletionText | Should -Contain 'janedoe~pester-complete-me'
        (Get-Completion 'Get-ApifyRun -Task pester-complete').CompletionText | Should -Contain 'janedoe~pester-complete-me'
    }
}
