# Reach: Invoke-ApifyRestMethod (any endpoint, unwrapped, -All, -Raw, -OutFile, headers and status, errors, refusals
# before any request, -WhatIf), -Debug in a non-interactive pwsh, -Profile against two users, Resume-/Restart-ApifyRun,
# Find-ApifyActor and Test-ApifyActorInput, in a real pwsh against the local server.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:OtherToken = 'other_' + [guid]::NewGuid().ToString('N')
    $script:Emu = Start-ApifyEmulator -ArgumentList @('--username', 'janedoe', '--extra-user', "bob:$($script:OtherToken)")
    Use-ApifyEmulator $script:Emu
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'reach' -Builds 1200 -Extra @{ runDurationMs = 300 }

    function Get-Request([string] $Method) {
        @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { -not $Method -or $_.method -eq $Method })
    }

    function Wait-RunStatus([string] $Id, [string[]] $Status) {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            $run = Get-ApifyRun -Id $Id
            if ($run.Status -in $Status) { return $run }
        } while ([DateTime]::UtcNow -lt $deadline)
        throw "run $Id stayed $($run.Status)"
    }

    $script:Dotnet = (Get-Process -Id $PID).Path
    if ((Split-Path $script:Dotnet -Leaf) -notmatch '^dotnet(\.exe)?$') { $script:Dotnet = 'dotnet' }
    function Invoke-ChildPwsh([string] $Script, [hashtable] $Environment = @{}) {
        # A new non-interactive pwsh with the built module, its stdin closed (no one to answer), killed at the deadline.
        $psi = [System.Diagnostics.ProcessStartInfo]::new($script:Dotnet)
        foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command',
                "Import-Module '$(Join-Path $script:RepoRoot 'out/ApifyPS/ApifyPS.psd1')'; $Script")) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.RedirectStandardInput = $true
        $psi.Environment['NO_COLOR'] = '1'
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $process = [System.Diagnostics.Process]::Start($psi)
        try {
            $process.StandardInput.Close()
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw 'the child pwsh did not end within 120 s' }
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
        }
        finally { $process.Dispose() }
    }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Invoke-ApifyRestMethod' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'unwraps the data envelope and stores the headers and the status' {
        $me = Invoke-ApifyRestMethod -Path /v2/users/me -ResponseHeadersVariable headers -StatusCodeVariable status
        $me.username | Should -Be 'janedoe'
        $status | Should -Be 200
        $headers['content-type'][0] | Should -Match 'application/json'
        (Get-Request).Count | Should -Be 1
    }

    It 'walks a whole list with -All in pages of 1000, lazily' {
        $all = @(Invoke-ApifyRestMethod -Path "/v2/actors/$($script:Seed.actor)/builds" -All)
        $all.Count | Should -Be 1200
        (Get-Request).Count | Should -Be 2
        Clear-ApifyEmulatorRequest $script:Emu
        @(Invoke-ApifyRestMethod -Path "/v2/actors/$($script:Seed.actor)/builds" -All | Select-Object -First 3).Count | Should -Be 3
        (Get-Request).Count | Should -Be 1
    }

    It 'writes a list answer''s data as one object without -All, the body as text with -Raw, and to a file with -OutFile' {
        $page = Invoke-ApifyRestMethod -Path "/v2/actors/$($script:Seed.actor)/builds" -Query @{ limit = 2 }
        $page.items.Count | Should -Be 2
        $page.total | Should -Be 1200
        $raw = Invoke-ApifyRestMethod -Path /v2/users/me -Raw
        $raw | Should -BeOfType ([string])
        $raw | Should -Match '^\{"data":'
        $file = Join-Path $TestDrive 'me.json'
        Invoke-ApifyRestMethod -Path /v2/users/me -OutFile $file | Should -BeNullOrEmpty
        (Get-Content -Raw $file | ConvertFrom-Json).data.username | Should -Be 'janedoe'
    }

    It 'writes an API error with its type as the FullyQualifiedErrorId, and stores its status' {
        $err = $null
        Invoke-ApifyRestMethod -Path /v2/actor-builds/NoSuchBuild -StatusCodeVariable status -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'record-not-found,*'
        $status | Should -Be 404
    }

    It 'refuses <Why> before any request, naming the parameter' -ForEach @(
        @{ Why = 'a path outside /v2'; Call = { Invoke-ApifyRestMethod -Path /users/me }; Parameter = 'Path' }
        @{ Why = 'a URL to another host'; Call = { Invoke-ApifyRestMethod -Path https://example.com/v2/users/me }; Parameter = 'Path' }
        @{ Why = 'a dot segment'; Call = { Invoke-ApifyRestMethod -Path /v2/actors/../users/me }; Parameter = 'Path' }
        @{ Why = 'a body with GET'; Call = { Invoke-ApifyRestMethod -Path /v2/users/me -Body @{ a = 1 } }; Parameter = 'Body' }
        @{ Why = '-All with POST'; Call = { Invoke-ApifyRestMethod -Method POST -Path /v2/acts/x~y/runs -All }; Parameter = 'All' }
    ) {
        $e = $null
        try { & $Call } catch { $e = $_ }
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidRestRequest,*'
        "$e" | Should -Match "^-$Parameter"
        Get-Request | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf, and a POST once with its body' {
        Invoke-ApifyRestMethod -Method POST -Path "/v2/acts/$($script:Seed.actor)/runs" -Body @{ a = 1 } -WhatIf
        Get-Request | Should -BeNullOrEmpty
        $run = Invoke-ApifyRestMethod -Method POST -Path "/v2/acts/$($script:Seed.actor)/runs" -Body @{ a = 1 } -StatusCodeVariable status
        $status | Should -Be 201
        $run.status | Should -BeIn 'READY', 'RUNNING'
        $post = Get-Request POST
        $post.Count | Should -Be 1
        $post[0].body.a | Should -Be 1
    }

    It 'does not repeat a POST whose answer was lost, and says how to check' {
        $path = "/v2/acts/$($script:Seed.actor)/runs"
        Add-ApifyEmulatorFault -Emulator $script:Emu -Path $path -Method POST -Action reset-after -Count 5 | Out-Null
        $before = (Get-ApifyEmulatorJobsStarted $script:Emu).runs
        $e = $null
        try { Invoke-ApifyRestMethod -Method POST -Path $path -ErrorAction Stop } catch { $e = $_ }
        Clear-ApifyEmulatorFault $script:Emu
        $e.FullyQualifiedErrorId | Should -BeLike 'start-outcome-unknown,*'
        "$e" | Should -Match ([regex]::Escape("Invoke-ApifyRestMethod -Path '$path'"))
        (Get-Request POST).Count | Should -Be 1
        (Get-ApifyEmulatorJobsStarted $script:Emu).runs | Should -Be ($before + 1)
    }
}

Describe '-Debug and -Profile' {
    It 'shows the HTTP exchange with -Debug in a non-interactive pwsh without asking, failing or showing the token' {
        $r = Invoke-ChildPwsh "Get-ApifyBuild -Actor '$($script:Seed.actor)' -First 1 -Debug 5>&1 4>&1 | Out-String -Width 200" -Environment @{
            APIFY_TOKEN = $script:Emu.Token; APIFY_CLIENT_BASE_URL = $script:Emu.BaseUri
        }
        $r.ExitCode | Should -Be 0 -Because $r.Error
        $r.Output | Should -Match 'HTTP GET http://127\.0\.0\.1:\d+/v2/actors/janedoe~reach/builds\?limit=1'
        $r.Output | Should -Match 'Authorization: Bearer \*\*\*'
        $r.Output | Should -Match 'HTTP 200 OK in \d+ ms'
        $r.Output | Should -Match 'attempt 1 of'
        $r.Output + $r.Error | Should -Not -Match 'Continue with this operation|NullReference'
        $r.Output + $r.Error | Should -Not -Match ([regex]::Escape($script:Emu.Token))
    }

    It 'uses -Profile''s stored account for that call only, ahead of $env:APIFY_TOKEN' {
        $dir = Join-Path $TestDrive 'home'
        $null = New-Item -ItemType Directory -Path $dir
        $vars = @{ HOME = $dir; XDG_CONFIG_HOME = (Join-Path $dir '.config'); APIFY_TOKEN = $script:Emu.Token; APIFY_CLIENT_BASE_URL = $script:Emu.BaseUri }
        $r = Invoke-ChildPwsh @"
`$null = Connect-Apify -Profile bob -Token (ConvertTo-SecureString '$($script:OtherToken)' -AsPlainText -Force) -BaseUri '$($script:Emu.BaseUri)'
`$a = (Invoke-ApifyRestMethod -Path /v2/users/me -Profile bob).username
`$b = (Invoke-ApifyRestMethod -Path /v2/users/me).username
`$c = @(Get-ApifyActor -My -Profile bob).Count
`$d = @(Get-ApifyActor -My).Count
"`$a/`$b/`$c/`$d"
"@ -Environment $vars
        $r.ExitCode | Should -Be 0 -Because $r.Error
        $r.Output.Trim() | Should -Be 'bob/janedoe/0/1'
    }

    It 'completes -Profile with the stored profile names' {
        $dir = Join-Path $TestDrive 'home2'
        $null = New-Item -ItemType Directory -Path $dir
        $vars = @{ HOME = $dir; XDG_CONFIG_HOME = (Join-Path $dir '.config') }
        $r = Invoke-ChildPwsh @"
`$null = Connect-Apify -Profile staging -Token (ConvertTo-SecureString '$($script:OtherToken)' -AsPlainText -Force) -BaseUri '$($script:Emu.BaseUri)'
(TabExpansion2 -inputScript 'Get-ApifyRun -Profile st' -cursorColumn 24).CompletionMatches.CompletionText -join ','
"@ -Environment $vars
        $r.ExitCode | Should -Be 0 -Because $r.Error
        $r.Output.Trim() | Should -Be 'staging'
    }
}

Describe 'Resume-ApifyRun and Restart-ApifyRun' {
    It 'resurrects a finished run in place and reboots a running one' {
        $null = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'reach' -Extra @{ runDurationMs = 300; runOutcome = 'FAILED' }
        $run = Start-ApifyRun -Actor $script:Seed.actor
        $failed = Wait-RunStatus $run.Id FAILED
        $again = $failed | Resume-ApifyRun -Confirm:$false
        $again.Id | Should -Be $run.Id
        $again.Status | Should -BeIn 'READY', 'RUNNING'
        $null = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'reach' -Extra @{ runDurationMs = 60000; runOutcome = 'SUCCEEDED' }
        $long = Start-ApifyRun -Actor $script:Seed.actor
        $running = Wait-RunStatus $long.Id RUNNING
        ($running | Restart-ApifyRun -Confirm:$false).Status | Should -Be 'RUNNING'
        $null = $running | Stop-ApifyRun -Confirm:$false
    }

    It 'writes the API''s refusal for a run that cannot be resurrected as an error for that run' {
        $null = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'reach' -Extra @{ runDurationMs = 60000 }
        $long = Start-ApifyRun -Actor $script:Seed.actor
        $null = Wait-RunStatus $long.Id RUNNING
        $err = $null
        Resume-ApifyRun -Id $long.Id -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'invalid-input,*'
        $err[0].TargetObject | Should -Be $long.Id
        $null = Stop-ApifyRun -Id $long.Id -Confirm:$false
    }
}

Describe 'Find-ApifyActor and Test-ApifyActorInput' {
    It 'finds public Actors in the Store, pages them, and pipes them on as Actors' {
        Set-ApifyActor -Id $script:Seed.actor -IsPublic -Confirm:$false
        $found = @(Find-ApifyActor -Search reach -Username janedoe)
        $found.Count | Should -Be 1
        $found[0] | Should -BeOfType ([ApifyPS.Models.ApifyStoreActor])
        $found[0].FullName | Should -Be 'janedoe~reach'
        $found[0].PricingModel | Should -Be 'FREE'
        ($found[0] | Get-ApifyActor).Name | Should -Be 'reach'
        @(Find-ApifyActor -Search reach -PricingModel PAY_PER_EVENT).Count | Should -Be 0
        Clear-ApifyEmulatorRequest $script:Emu
        $null = Find-ApifyActor -Search reach -First 1
        (Get-Request)[0].query | Should -Match 'limit=1'
    }

    It 'writes True for a valid input, and an error then False for one that does not fit the schema' {
        Test-ApifyActorInput -Actor $script:Seed.actor -Input @{ url = 'https://example.com' } | Should -BeTrue
        $schema = @{ actor = $script:Seed.actor; schema = @{ type = 'object'; required = @('url'); properties = @{ url = @{ type = 'string' } } } }
        $null = Invoke-RestMethod -Method Put -Uri "$($script:Emu.BaseUri)/__emulator/input-schema" -ContentType 'application/json' -Body ($schema | ConvertTo-Json -Depth 5)
        $err = $null
        Test-ApifyActorInput -Actor $script:Seed.actor -Input @{ other = 1 } -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeFalse
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ApifyActorInputInvalid,*'
        "$($err[0])" | Should -Match 'input\.url is required'
        Test-ApifyActorInput -Actor $script:Seed.actor -Input @{ url = 'x' } | Should -BeTrue
    }
}
