BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator
    Use-ApifyEmulator $script:Emu
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'paging' -Builds 2500
    $script:Other = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'other' -Builds 4 -Extra @{ buildStatuses = @('SUCCEEDED', 'FAILED') }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Get-ApifyBuild lists builds lazily and pages as documented' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'returns all 2,500 builds of an Actor in startedAt order with exactly 3 requests' {
        $builds = @(Get-ApifyBuild -Actor $script:Seed.actor)
        $builds.Count | Should -Be 2500
        $builds[0] | Should -BeOfType ([ApifyPS.Models.ApifyBuild])
        $ticks = $builds.StartedAt.Ticks
        ($ticks -join ',') | Should -Be (($ticks | Sort-Object) -join ',')
        $requests = @(Get-ApifyEmulatorRequest $script:Emu)
        $requests.Count | Should -Be 3
        $requests.path | Sort-Object -Unique | Should -Be "/v2/actors/$($script:Seed.actor)/builds"
        $requests[1].query | Should -Match '(^|&)offset=1000(&|$)'
        $requests[2].query | Should -Match '(^|&)offset=2000(&|$)'
    }

    It 'sends exactly one request for Select-Object -First 3' {
        $first = @(Get-ApifyBuild -Actor $script:Seed.actor | Select-Object -First 3)
        $first.Count | Should -Be 3
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 1
    }

    It 'asks for limit=3, not a full page, for -First 3' {
        $null = Get-ApifyBuild -Actor $script:Seed.actor -First 3
        $requests = @(Get-ApifyEmulatorRequest $script:Emu)
        $requests.Count | Should -Be 1
        $requests[0].query | Should -Match '(^|&)limit=3(&|$)'
    }

    It 'maps -Skip 1500 onto offset=1500 and returns the rest' {
        $builds = @(Get-ApifyBuild -Actor $script:Seed.actor -Skip 1500)
        $builds.Count | Should -Be 1000
        $builds[0].BuildNumber | Should -Be '0.0.1501'
        $requests = @(Get-ApifyEmulatorRequest $script:Emu)
        $requests[0].query | Should -Match '(^|&)offset=1500(&|$)'
        # The page was full (1000 = the limit the server answered), so one more request proves the end.
        $requests.Count | Should -Be 2
        $requests[1].query | Should -Match '(^|&)offset=2500(&|$)'
    }

    It 'combines -Skip, -First and -PageSize into offset/limit requests' {
        $builds = @(Get-ApifyBuild -Actor $script:Seed.actor -Skip 10 -First 25 -PageSize 10)
        $builds.BuildNumber | Should -Be (11..35 | ForEach-Object { "0.0.$_" })
        $queries = @(Get-ApifyEmulatorRequest $script:Emu).query
        $queries.Count | Should -Be 3
        $queries[0] | Should -Match 'offset=10&limit=10'
        $queries[1] | Should -Match 'offset=20&limit=10'
        $queries[2] | Should -Match 'offset=30&limit=5'
    }

    It 'sends desc=true for -Descending and returns newest first' {
        $builds = @(Get-ApifyBuild -Actor $script:Seed.actor -Descending -First 2)
        $builds[0].BuildNumber | Should -Be '0.0.2500'
        $builds[0].StartedAt | Should -BeGreaterThan $builds[1].StartedAt
        (Get-ApifyEmulatorRequest $script:Emu)[0].query | Should -Match '(^|&)desc=true(&|$)'
    }

    It 'lists the user''s builds of every Actor without -Actor' {
        $all = @(Get-ApifyBuild)
        $all.Count | Should -Be 2504
        ($all.ActorId | Sort-Object -Unique).Count | Should -Be 2
        @(Get-ApifyEmulatorRequest $script:Emu)[0].path | Should -Be '/v2/actor-builds'
    }

    It 'writes the total first with -IncludeTotalCount' {
        $out = @(Get-ApifyBuild -Actor $script:Other.actor -IncludeTotalCount -First 1)
        $out.Count | Should -Be 2
        $out[0].ToString() | Should -Match 'Total count: 4'
        $out[1] | Should -BeOfType ([ApifyPS.Models.ApifyBuild])
    }
}

Describe 'Get-ApifyBuild -Id and pipeline input' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'gets one build by id, with the full object' {
        $listed = Get-ApifyBuild -Actor $script:Other.actor -First 1
        Clear-ApifyEmulatorRequest $script:Emu
        $build = Get-ApifyBuild -Id $listed.Id
        $build.Id | Should -Be $listed.Id
        $build.Status | Should -Be 'SUCCEEDED'
        $build.Duration | Should -BeOfType ([timespan])
        $build.ActorVersion.VersionNumber | Should -Be '0.0'
        $requests = @(Get-ApifyEmulatorRequest $script:Emu)
        $requests.Count | Should -Be 1
        $requests[0].path | Should -Be "/v2/actor-builds/$($listed.Id)"
    }

    It 'takes ids from the pipeline, as strings and by property name' {
        $ids = @(Get-ApifyBuild -Actor $script:Other.actor).Id
        @($ids | Get-ApifyBuild).Id | Should -Be $ids
        @([pscustomobject]@{ BuildId = $ids[1] } | Get-ApifyBuild).Id | Should -Be $ids[1]
        @([pscustomobject]@{ ActorId = $script:Other.actorId } | Get-ApifyBuild).Count | Should -Be 4
    }

    It 'refreshes build objects piped into it' {
        $builds = @(Get-ApifyBuild -Actor $script:Other.actor)
        Clear-ApifyEmulatorRequest $script:Emu
        @($builds | Get-ApifyBuild).Id | Should -Be $builds.Id
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 4
    }
}

Describe 'Get-ApifyBuild errors and authentication' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'turns 404 into an error record whose id carries the Apify error type' {
        $err = $null
        Get-ApifyBuild -Id 'NoSuchBuild00000' -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'record-not-found,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'NoSuchBuild00000'
        $err[0].Exception.StatusCode | Should -Be 404
    }

    It 'turns 401 into an error record that never shows the token' {
        $wrong = 'wrong_' + [guid]::NewGuid().ToString('N')
        $env:APIFY_TOKEN = $wrong
        try {
            $err = $null
            Get-ApifyBuild -ErrorVariable err -ErrorAction SilentlyContinue
        }
        finally { $env:APIFY_TOKEN = $script:Emu.Token }
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'invalid-token,*'
        $err[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($err[0] | Out-String) | Should -Not -Match $wrong
        $err[0].Exception.Message | Should -Not -Match $wrong
    }

    It 'sends the token only in the Authorization header' {
        $null = Get-ApifyBuild -Actor $script:Other.actor
        $null = Get-ApifyBuild -Id (Get-ApifyBuild -Actor $script:Other.actor -First 1).Id
        $requests = @(Get-ApifyEmulatorRequest $script:Emu)
        $requests.Count | Should -Be 3
        $requests.auth | Sort-Object -Unique | Should -Be 'header'
        $requests.query -join ' ' | Should -Not -Match $script:Emu.Token
    }

    It 'keeps the token out of -Verbose output' {
        $verbose = Get-ApifyBuild -Actor $script:Other.actor -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose).Count | Should -BeGreaterThan 0
        ($verbose | Out-String) | Should -Match 'GET /v2/actors/'
        ($verbose | Out-String) | Should -Not -Match $script:Emu.Token
    }

    It 'says how to connect when there is no token at all' {
        # No stored profile or Apify CLI login either: an empty home for this test.
        $saved = $env:HOME, $env:XDG_CONFIG_HOME
        $empty = Join-Path ([IO.Path]::GetTempPath()) ('apifyps-empty-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $empty
        $env:HOME = $empty
        $env:XDG_CONFIG_HOME = $empty
        Remove-Item Env:APIFY_TOKEN
        try {
            { Get-ApifyBuild -ErrorAction Stop } | Should -Throw -ExpectedMessage '*Connect-Apify*APIFY_TOKEN*'
        }
        finally {
            $env:APIFY_TOKEN = $script:Emu.Token
            $env:HOME, $env:XDG_CONFIG_HOME = $saved
            Remove-Item -Recurse -Force $empty
        }
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
    }

    It 'rejects bad input before any request' -TestCases @(
        @{ Call = { Get-ApifyBuild -Id '' } }
        @{ Call = { Get-ApifyBuild -Actor '' } }
        @{ Call = { Get-ApifyBuild -PageSize 0 } }
        @{ Call = { Get-ApifyBuild -PageSize 1001 } }
    ) {
        param($Call)
        { & $Call } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
    }
}
