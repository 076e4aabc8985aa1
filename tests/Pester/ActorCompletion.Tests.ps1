BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    Use-ApifyEmulator $script:Emu
    $null = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 1
    $null = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'price-monitor'
    $null = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'price-history'

    # What Tab offers at the end of the line, as a console would ask for it.
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    function Get-ActorListRequest {
        @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/v2/actors' })
    }

    # The cache is per process and per connection: forget it between tests (a new Actor does the same).
    function Reset-Cache { [ApifyPS.Client.ActorNameCache]::Default.Invalidate([ApifyPS.Client.ConnectionResolver]::Resolve()) }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Tab completion of -Actor' {
    BeforeEach {
        Reset-Cache
        Clear-ApifyEmulatorRequest $script:Emu
    }

    It 'offers your Actors as username~name, asking the server for your own (my=true)' {
        $found = Get-Completion 'Get-ApifyBuild -Actor '
        $found.CompletionText | Should -Be @('janedoe~price-history', 'janedoe~price-monitor', 'janedoe~web-scraper')
        $found[0].ResultType | Should -Be 'ParameterValue'
        $found[0].ToolTip | Should -Match '\([A-Za-z0-9]{17}\)'
        $requests = Get-ActorListRequest
        $requests.Count | Should -Be 1
        $requests[0].query | Should -Match 'my=true'
        $requests[0].auth | Should -Be 'header'
    }

    It 'filters by prefix of the name or of username~name, and by wildcard' {
        (Get-Completion 'Get-ApifyBuild -Actor price').CompletionText | Should -Be @('janedoe~price-history', 'janedoe~price-monitor')
        (Get-Completion 'Get-ApifyBuild -Actor janedoe~w').CompletionText | Should -Be 'janedoe~web-scraper'
        (Get-Completion 'Get-ApifyBuild -Actor *monitor').CompletionText | Should -Be 'janedoe~price-monitor'
        (Get-Completion 'Get-ApifyBuild -Actor *-h?st*').CompletionText | Should -Be 'janedoe~price-history'
        (Get-Completion 'Get-ApifyBuild -Actor nothing-like-it').Count | Should -Be 0
    }

    It 'keeps the quote the user opened' {
        (Get-Completion "Get-ApifyActorVersion -Actor 'web").CompletionText | Should -Be "'janedoe~web-scraper'"
    }

    It 'caches for a short while: pressing Tab again asks the server nothing' {
        $null = Get-Completion 'Get-ApifyBuild -Actor p'
        $null = Get-Completion 'Get-ApifyActorVersion -Actor w'
        $null = Get-Completion 'Remove-ApifyActor -Id j'
        (Get-ActorListRequest).Count | Should -Be 1
    }

    It 'sees an Actor created with New-ApifyActor at once' {
        $null = Get-Completion 'Get-ApifyBuild -Actor '
        $null = New-ApifyActor -Name 'price-fresh'
        (Get-Completion 'Get-ApifyBuild -Actor price-f').CompletionText | Should -Be 'janedoe~price-fresh'
        Remove-ApifyActor -Id janedoe~price-fresh -Force
        (Get-Completion 'Get-ApifyBuild -Actor price-f').Count | Should -Be 0
    }

    It 'completes -Actor or the Actor id on every cmdlet that takes one' -TestCases @(
        @{ Line = 'Get-ApifyBuild -Actor web' }
        @{ Line = 'Get-ApifyActor -Id web' }
        @{ Line = 'Set-ApifyActor -Id web' }
        @{ Line = 'Remove-ApifyActor -Id web' }
        @{ Line = 'Get-ApifyActorVersion -Actor web' }
        @{ Line = 'New-ApifyActorVersion -Actor web' }
        @{ Line = 'Set-ApifyActorVersion -Actor web' }
        @{ Line = 'Remove-ApifyActorVersion -Actor web' }
        @{ Line = 'Get-ApifyWebhook -Actor web' }
        @{ Line = 'Get-ApifyRun -Actor web' }
        @{ Line = 'Start-ApifyBuild -Actor web' }
        @{ Line = 'Start-ApifyRun -Actor web' }
        @{ Line = 'Invoke-ApifyActor -Actor web' }
    ) {
        param($Line)
        (Get-Completion $Line).CompletionText | Should -Be 'janedoe~web-scraper'
    }

    It 'every exported -Actor parameter has the completer' {
        foreach ($command in Get-Command -Module ApifyPS) {
            $parameter = $command.Parameters['Actor']
            if ($parameter) {
                $parameter.Attributes.Where({ $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }).Type |
                    Should -Be ([ApifyPS.Cmdlets.ApifyActorCompleter]) -Because "$($command.Name) -Actor"
            }
        }
    }
}

Describe 'Tab completion of -Status' {
    It 'offers the job statuses on <Line>' -TestCases @(
        @{ Line = 'Get-ApifyRun -Status ' ; Expected = @('READY', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMING-OUT', 'TIMED-OUT', 'ABORTING', 'ABORTED') }
        @{ Line = 'Get-ApifyRun -Status ti' ; Expected = @('TIMING-OUT', 'TIMED-OUT') }
        @{ Line = 'Get-ApifyRun -Status RUNNING, rea' ; Expected = @('READY') }
        @{ Line = 'Get-ApifyBuild -Actor janedoe~web-scraper -Status *ED' ; Expected = @('SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED') }
    ) {
        param($Line, $Expected)
        (Get-Completion $Line).CompletionText | Sort-Object | Should -Be ($Expected | Sort-Object)
    }
}

Describe 'Tab completion never throws into the console' {
    AfterEach { Use-ApifyEmulator $script:Emu }

    It 'offers nothing, quietly, with a wrong token' {
        $env:APIFY_TOKEN = 'wrong_' + [guid]::NewGuid().ToString('N')
        $Error.Clear()
        (Get-Completion 'Get-ApifyBuild -Actor w').Count | Should -Be 0
        $Error.Count | Should -Be 0
    }

    It 'offers nothing, quietly, without a token' {
        Remove-Item Env:APIFY_TOKEN
        $Error.Clear()
        (Get-Completion 'Get-ApifyBuild -Actor w').Count | Should -Be 0
        $Error.Count | Should -Be 0
    }

    It 'offers nothing, quietly, when the server is offline' {
        # A port nothing listens on: the server that was there has stopped.
        $gone = Start-ApifyEmulator
        $url = $gone.BaseUri
        Stop-ApifyEmulator $gone
        $env:APIFY_TOKEN = $gone.Token
        $env:APIFY_CLIENT_BASE_URL = $url
        $Error.Clear()
        (Get-Completion 'Get-ApifyBuild -Actor w').Count | Should -Be 0
        (Get-Completion 'Get-ApifyBuild -Actor x').Count | Should -Be 0
        $Error.Count | Should -Be 0
    }
}
