BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    Use-ApifyEmulator $script:Emu
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 6 -Runs 4 -Extra @{ webhooks = 5 }
    $script:Other = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'price-monitor' -Builds 3 -Runs 1

    # The requests the server got since the last Clear-ApifyEmulatorRequest, without the ones tests make to set up.
    function Get-Request([string] $Method) {
        @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { -not $Method -or $_.method -eq $Method })
    }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Get-ApifyActor' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'lists your Actors with -My as typed objects, oldest first' {
        $actors = @(Get-ApifyActor -My)
        $actors.Name | Should -Contain 'web-scraper'
        $actors.Name | Should -Contain 'price-monitor'
        $actors[0] | Should -BeOfType ([ApifyPS.Models.ApifyActor])
        $actors[0].FullName | Should -Be 'janedoe~web-scraper'
        $actors[0].Stats.TotalBuilds | Should -Be 6
        $request = Get-Request
        $request.Count | Should -Be 1
        $request[0].path | Should -Be '/v2/actors'
        $request[0].query | Should -Match '(^|&)my=true(&|$)'
    }

    It 'pages like the other lists: -First, -Skip, -Descending, -SortBy' {
        $newest = Get-ApifyActor -My -Descending -First 1
        $newest.Name | Should -Be 'price-monitor'
        (Get-Request)[0].query | Should -Match 'limit=1'
        (Get-Request)[0].query | Should -Match 'desc=true'
        Clear-ApifyEmulatorRequest $script:Emu
        $null = Get-ApifyActor -SortBy lastRunStartedAt -Skip 1
        (Get-Request)[0].query | Should -Match 'offset=1'
        (Get-Request)[0].query | Should -Match 'sortBy=stats.lastRunStartedAt'
        (Get-Request)[0].query | Should -Not -Match 'my='
    }

    It 'gets one Actor in full by id or username~name, from parameters and the pipeline' {
        $byName = Get-ApifyActor -Id janedoe~web-scraper
        $byName.Id | Should -Be $script:Seed.actorId
        $byName.Versions.VersionNumber | Should -Be '0.0'
        $byName.Versions[0].ActorId | Should -Be $script:Seed.actorId
        $byName.TaggedBuilds['latest'].BuildNumber | Should -Be '0.0.6'
        $byName.DefaultRunOptions.Build | Should -Be 'latest'
        @('janedoe~web-scraper', $script:Other.actorId | Get-ApifyActor).Name | Should -Be @('web-scraper', 'price-monitor')
        @([pscustomobject]@{ ActorId = $script:Other.actorId } | Get-ApifyActor).Name | Should -Be 'price-monitor'
    }

    It 'finds the Actor of a build piped into it' {
        $build = Get-ApifyBuild -Actor janedoe~price-monitor -First 1
        ($build | Get-ApifyActor).Name | Should -Be 'price-monitor'
    }

    It 'answers an unknown Actor with a record-not-found error' {
        $err = $null
        Get-ApifyActor -Id janedoe~no-such-actor -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'record-not-found,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'janedoe~no-such-actor'
    }
}

Describe 'New-ApifyActor, Set-ApifyActor, Remove-ApifyActor: round trips and request bodies' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'creates an Actor from parameters and sends exactly those fields' {
        $actor = New-ApifyActor -Name 'rt-create' -Title 'Round trip' -Description 'made by a test' -Categories 'DEVELOPER_TOOLS' `
            -Version @{ versionNumber = '0.1'; sourceType = 'GIT_REPO'; gitRepoUrl = 'https://github.com/janedoe/rt.git' } `
            -DefaultRunOptions @{ memoryMbytes = 2048; timeoutSecs = 300 }
        $actor | Should -BeOfType ([ApifyPS.Models.ApifyActor])
        $actor.FullName | Should -Be 'janedoe~rt-create'
        $actor.Versions.GitRepoUrl | Should -Be 'https://github.com/janedoe/rt.git'
        $actor.DefaultRunOptions.MemoryMbytes | Should -Be 2048
        $post = Get-Request POST
        $post.Count | Should -Be 1
        $post[0].path | Should -Be '/v2/actors'
        @($post[0].body.PSObject.Properties.Name) | Should -Be @('name', 'title', 'description', 'categories', 'versions', 'defaultRunOptions')
        $post[0].body.versions[0].sourceType | Should -Be 'GIT_REPO'
        $post[0].body.defaultRunOptions.memoryMbytes | Should -Be 2048
        (Get-ApifyActor -Id janedoe~rt-create).Title | Should -Be 'Round trip'
    }

    It 'creates an Actor from a whole body: a hashtable with any casing, or another Actor as a template' {
        $a = New-ApifyActor -Body @{ Name = 'rt-body'; Title = 'From a body'; Versions = @(@{ VersionNumber = '1.0'; SourceType = 'tarball'; TarballUrl = 'https://example.com/a.zip' }) }
        $a.Versions.SourceType | Should -Be 'TARBALL'
        $template = Get-ApifyActor -Id janedoe~rt-body
        Clear-ApifyEmulatorRequest $script:Emu
        $copy = $template | New-ApifyActor -Name 'rt-copy'
        $copy.Title | Should -Be 'From a body'
        $copy.Versions.TarballUrl | Should -Be 'https://example.com/a.zip'
        $body = (Get-Request POST)[0].body
        $body.name | Should -Be 'rt-copy'
        $body.PSObject.Properties.Name | Should -Not -Contain 'id'
        $body.PSObject.Properties.Name | Should -Not -Contain 'stats'
        $body.PSObject.Properties.Name | Should -Not -Contain 'username'
        $body.PSObject.Properties.Name | Should -Not -Contain 'fullName'
    }

    It 'changes only what is given (partial update) and keeps the rest' {
        $actor = New-ApifyActor -Name 'rt-partial' -Title 'Before' -Description 'stays'
        Clear-ApifyEmulatorRequest $script:Emu
        $result = Set-ApifyActor -Id $actor.Id -Title 'After'
        $result | Should -BeNullOrEmpty
        $put = Get-Request PUT
        $put.Count | Should -Be 1
        $put[0].path | Should -Be "/v2/actors/$($actor.Id)"
        @($put[0].body.PSObject.Properties.Name) | Should -Be @('title')
        $after = Get-ApifyActor -Id $actor.Id
        $after.Title | Should -Be 'After'
        $after.Description | Should -Be 'stays'
    }

    It 'renames, switches -IsPublic off explicitly, and writes the Actor with -PassThru' {
        $actor = New-ApifyActor -Name 'rt-rename' -IsPublic -Title 'Public' -Categories 'AI'
        $actor.IsPublic | Should -BeTrue
        Clear-ApifyEmulatorRequest $script:Emu
        $updated = $actor | Set-ApifyActor -NewName 'rt-renamed' -IsPublic:$false -PassThru
        $updated.FullName | Should -Be 'janedoe~rt-renamed'
        $updated.IsPublic | Should -BeFalse
        $body = (Get-Request PUT)[0].body
        $body.name | Should -Be 'rt-renamed'
        $body.isPublic | Should -BeFalse
    }

    It 'moves and removes build tags with -TaggedBuild' {
        $builds = @(Get-ApifyBuild -Actor janedoe~price-monitor)
        Set-ApifyActor -Id janedoe~price-monitor -TaggedBuild @{ beta = $builds[0]; latest = $builds[1].Id }
        $actor = Get-ApifyActor -Id janedoe~price-monitor
        $actor.TaggedBuilds['beta'].BuildId | Should -Be $builds[0].Id
        $actor.TaggedBuilds['latest'].BuildId | Should -Be $builds[1].Id
        Set-ApifyActor -Id janedoe~price-monitor -TaggedBuild @{ beta = $null }
        (Get-ApifyActor -Id janedoe~price-monitor).TaggedBuilds.Keys | Should -Not -Contain 'beta'
    }

    It 'refuses bad input before any request' -TestCases @(
        @{ Call = { New-ApifyActor -Name 'Not Valid' } ; Id = 'ParameterArgumentValidationError*' }
        @{ Call = { New-ApifyActor -Name 'x' -Version @{ versionNumber = '1.0'; sourceType = 'GIT_REPO' } -ErrorAction Stop } ; Id = 'InvalidActorDefinition*' }
        @{ Call = { New-ApifyActor -Name 'x' -Version @{ versionNumber = '01.0'; sourceType = 'TARBALL'; tarballUrl = 'https://e.com/a.zip' } -ErrorAction Stop } ; Id = 'InvalidActorDefinition*' }
        @{ Call = { New-ApifyActor -Name 'x' -DefaultRunOptions @{ memoryMbytes = 1000 } -ErrorAction Stop } ; Id = 'InvalidActorDefinition*' }
        @{ Call = { New-ApifyActor -Body 'not json' -ErrorAction Stop } ; Id = 'InvalidActorDefinition*' }
        @{ Call = { Set-ApifyActor -Id janedoe~web-scraper } ; Id = 'NothingToChange*' }
        @{ Call = { Set-ApifyActor -Id janedoe~web-scraper -NewName 'UPPER' } ; Id = 'ParameterArgumentValidationError*' }
        @{ Call = { Get-ApifyActor -PageSize 0 } ; Id = 'ParameterArgumentValidationError*' }
        @{ Call = { Get-ApifyActor -SortBy name } ; Id = 'ParameterArgumentValidationError*' }
    ) {
        param($Call, $Id)
        { & $Call } | Should -Throw -ErrorId $Id
        @(Get-Request).Count | Should -Be 0
    }

    It 'reports a name you already use as the API''s actor-name-not-unique error' {
        $err = $null
        New-ApifyActor -Name 'web-scraper' -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'actor-name-not-unique,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'sends nothing with -WhatIf' {
        $null = New-ApifyActor -Name 'rt-whatif' -WhatIf
        Set-ApifyActor -Id janedoe~web-scraper -Title 'no' -WhatIf
        Get-ApifyActor -Id janedoe~web-scraper | Remove-ApifyActor -WhatIf
        Remove-ApifyActor -Id janedoe~web-scraper -Force -WhatIf
        @(Get-Request | Where-Object method -ne 'GET').Count | Should -Be 0
        (Get-ApifyActor -Id janedoe~web-scraper).Name | Should -Be 'web-scraper'
    }

    It 'asks before removing: a non-interactive session without -Force or -Confirm:$false removes nothing' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$((Get-Module ApifyPS).Path)'; Remove-ApifyActor -Id janedoe~web-scraper")
            $null = $ps.Invoke()
        }
        catch { }
        finally { $ps.Dispose() }
        @(Get-Request DELETE).Count | Should -Be 0
    }

    It 'removes an Actor with its builds and runs; it is gone afterwards' {
        $seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'rt-doomed' -Builds 3 -Runs 2
        $buildId = (Get-ApifyBuild -Actor $seed.actor -First 1).Id
        Clear-ApifyEmulatorRequest $script:Emu
        Remove-ApifyActor -Id $seed.actor -Force
        $delete = Get-Request DELETE
        $delete.Count | Should -Be 1
        $delete[0].path | Should -Be "/v2/actors/$($seed.actor)"
        { Get-ApifyActor -Id $seed.actorId -ErrorAction Stop } | Should -Throw -ErrorId 'record-not-found*'
        { Get-ApifyBuild -Id $buildId -ErrorAction Stop } | Should -Throw -ErrorId 'record-not-found*'
    }

    It 'removes the Actors piped into it and refuses other objects' {
        $null = New-ApifyActor -Name 'test-pipe-a'
        $null = New-ApifyActor -Name 'test-pipe-b'
        Get-ApifyActor -My | Where-Object Name -like 'test-pipe-*' | Remove-ApifyActor -Confirm:$false
        (Get-ApifyActor -My).Name | Should -Not -Contain 'test-pipe-a'
        (Get-ApifyActor -My).Name | Should -Not -Contain 'test-pipe-b'
        Clear-ApifyEmulatorRequest $script:Emu
        $err = $null
        Get-ApifyBuild -Actor janedoe~web-scraper -First 1 | Remove-ApifyActor -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedInputObject,*'
        @(Get-Request DELETE).Count | Should -Be 0
    }
}

Describe 'Actors piped into other cmdlets' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'Get-ApifyActor -My | Get-ApifyBuild -First 1 gives one build of each Actor' {
        $mine = @(Get-ApifyActor -My)
        Clear-ApifyEmulatorRequest $script:Emu
        $builds = @(Get-ApifyActor -My | Get-ApifyBuild -First 1 -Descending)
        $withBuilds = @($mine | Where-Object { $_.Stats.TotalBuilds -gt 0 })
        $builds.Count | Should -Be $withBuilds.Count
        ($builds | Where-Object ActorId -eq $script:Seed.actorId).BuildNumber | Should -Be '0.0.6'
        $paths = @(Get-Request | Where-Object path -like '*/builds').path
        $paths | Should -Contain "/v2/actors/$($script:Seed.actorId)/builds"
    }

    It 'Get-ApifyActor -My | Get-ApifyRun -Status FAILED -StartedAfter ... gives the failed runs of each Actor, filtered by the server' {
        $seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'pipe-runs' -Runs 6 -Extra @{ runStatuses = @('SUCCEEDED', 'FAILED') }
        Clear-ApifyEmulatorRequest $script:Emu
        $failed = @(Get-ApifyActor -My | Get-ApifyRun -Status FAILED -StartedAfter (Get-Date).AddDays(-1))
        ($failed | Where-Object ActorId -eq $seed.actorId).Count | Should -Be 3
        $failed.Status | Sort-Object -Unique | Should -Be 'FAILED'
        $runLists = @(Get-Request | Where-Object path -like '/v2/actors/*/runs')
        $runLists.path | Should -Contain "/v2/actors/$($seed.actorId)/runs"
        $runLists | ForEach-Object { $_.query | Should -Match '(^|&)status=FAILED(&|$)'; $_.query | Should -Match 'startedAfter=' }
    }

    It 'Get-ApifyActor -Id x | Start-ApifyBuild -WhatIf starts nothing; without -WhatIf it builds that Actor' {
        $null = Get-ApifyActor -Id janedoe~price-monitor | Start-ApifyBuild -WhatIf
        @(Get-Request POST).Count | Should -Be 0
        $build = Get-ApifyActor -Id janedoe~price-monitor | Start-ApifyBuild -Confirm:$false
        $build.ActorId | Should -Be $script:Other.actorId
        (Get-Request POST)[0].path | Should -Be "/v2/actors/$($script:Other.actorId)/builds"
    }

    It 'an Actor created with New-ApifyActor builds its own version' {
        $actor = New-ApifyActor -Name 'pipe-build' -Version @{ versionNumber = '2.3'; sourceType = 'TARBALL'; tarballUrl = 'https://example.com/a.zip'; buildTag = 'beta' }
        $build = $actor | Start-ApifyBuild -Confirm:$false
        $build.BuildNumber | Should -Be '2.3.1'
        (Get-ApifyBuild -Id $build.Id).ActorVersion.BuildTag | Should -Be 'beta'
    }

    It 'Get-ApifyWebhook takes an Actor from the pipeline and pages' {
        $hooks = @(Get-ApifyActor -Id janedoe~web-scraper | Get-ApifyWebhook)
        $hooks.Count | Should -Be 5
        $hooks[0] | Should -BeOfType ([ApifyPS.Models.ApifyWebhook])
        $hooks[0].ActorId | Should -Be $script:Seed.actorId
        $hooks[0].EventTypes | Should -Contain 'ACTOR.RUN.FAILED'
        Clear-ApifyEmulatorRequest $script:Emu
        $page = @(Get-ApifyWebhook -Actor janedoe~web-scraper -PageSize 2)
        $page.Id | Should -Be $hooks.Id
        @(Get-Request).Count | Should -Be 3
        Clear-ApifyEmulatorRequest $script:Emu
        (Get-ApifyWebhook -Actor janedoe~web-scraper -Descending -First 1).Id | Should -Be $hooks[-1].Id
        (Get-Request)[0].query | Should -Match 'limit=1'
        @(Get-ApifyWebhook).Count | Should -Be 5
        (Get-Request)[-1].path | Should -Be '/v2/webhooks'
    }
}
