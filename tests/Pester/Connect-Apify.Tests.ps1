# Connect-Apify, Get-ApifyConnection, Disconnect-Apify: where the token comes from, how it is stored, and that it
# never shows. Every test gets a fresh HOME / XDG_CONFIG_HOME in a temp folder (the user's real files are never
# touched) and no APIFY_* variables; child processes are real non-interactive pwsh processes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Users = @{
        bob   = 'bob_' + [guid]::NewGuid().ToString('N')
        alice = 'alice_' + [guid]::NewGuid().ToString('N')
        carol = 'carol_' + [guid]::NewGuid().ToString('N')
    }
    $script:Emu = Start-ApifyEmulator -ArgumentList @('--username', 'janedoe',
        '--extra-user', "bob:$($script:Users.bob)", '--extra-user', "alice:$($script:Users.alice)", '--extra-user', "carol:$($script:Users.carol)")
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 3
    $script:Saved = @{}
    foreach ($name in 'HOME', 'XDG_CONFIG_HOME', 'APIFY_TOKEN', 'APIFY_CLIENT_BASE_URL', 'APIFY_PROFILE', 'PSModulePath') {
        $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $script:Dotnet = (Get-Process -Id $PID).Path
    if ((Split-Path $script:Dotnet -Leaf) -notmatch '^dotnet(\.exe)?$') { $script:Dotnet = 'dotnet' }
    $script:PwshDll = Join-Path $PSHOME 'pwsh.dll'
    $script:ModulePath = Join-Path $script:RepoRoot 'out/ApifyPS/ApifyPS.psd1'
    $script:StandIn = Join-Path $script:RepoRoot 'tests/TestSupport/SecretManagementStandIn'

    function Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

    function Set-TestHome {
        # A fresh home for this test: the profile store and the Apify CLI's file live under it.
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('apifyps-home-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $dir
        $env:HOME = $dir
        $env:XDG_CONFIG_HOME = Join-Path $dir '.config'
        $dir
    }

    function Get-ProfilePath([string] $Name = 'default') { Join-Path $env:XDG_CONFIG_HOME "ApifyPS/profiles/$Name.json" }

    function Write-CliLogin([string] $Json) {
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $env:HOME '.apify')
        Set-Content -Path (Join-Path $env:HOME '.apify/auth.json') -Value $Json -NoNewline
    }

    function Invoke-ChildPwsh {
        # Runs a script in a new non-interactive pwsh that imports the built module, with this process's HOME and
        # XDG_CONFIG_HOME and the given variables (APIFY_* are removed unless given). Killed at the deadline.
        param([string] $Script, [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 120)
        $psi = [System.Diagnostics.ProcessStartInfo]::new($script:Dotnet)
        foreach ($a in @($script:PwshDll, '-NoProfile', '-NonInteractive', '-Command',
                "`$ErrorActionPreference = 'Stop'; Import-Module '$script:ModulePath'; $Script")) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.RedirectStandardInput = $true # kept open and empty: a read from it would wait until the deadline
        foreach ($name in 'APIFY_TOKEN', 'APIFY_CLIENT_BASE_URL', 'APIFY_PROFILE') { $null = $psi.Environment.Remove($name) }
        $psi.Environment['HOME'] = $env:HOME
        $psi.Environment['XDG_CONFIG_HOME'] = $env:XDG_CONFIG_HOME
        $psi.Environment['NO_COLOR'] = '1'
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $process = [System.Diagnostics.Process]::Start($psi)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            $finished = $process.WaitForExit($TimeoutSeconds * 1000)
            if (-not $finished) { $process.Kill($true); $null = $process.WaitForExit(10000) }
            else { $process.WaitForExit() }
            [pscustomobject]@{
                TimedOut = -not $finished
                ExitCode = if ($finished) { $process.ExitCode } else { $null }
                Output   = $stdout.Result
                Error    = $stderr.Result
            }
        }
        finally {
            if (-not $process.HasExited) { $process.Kill($true) }
            $process.Dispose()
        }
    }
}

AfterAll {
    [ApifyPS.Client.ApifySession]::Current.Disconnect() | Out-Null
    foreach ($name in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
}

Describe 'Connection and the stored credential' {
    BeforeEach {
        [ApifyPS.Client.ApifySession]::Current.Disconnect() | Out-Null
        Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL, Env:APIFY_PROFILE -ErrorAction SilentlyContinue
        $env:PSModulePath = $script:Saved.PSModulePath
        $script:TestHome = Set-TestHome
        Clear-ApifyEmulatorRequest $script:Emu
    }

    AfterEach {
        [ApifyPS.Client.ApifySession]::Current.Disconnect() | Out-Null
        # Only ever the folder Set-TestHome made (never $HOME: PowerShell variables are case-insensitive).
        if ($script:TestHome -and (Split-Path $script:TestHome -Leaf) -like 'apifyps-home-*') {
            Remove-Item -Recurse -Force $script:TestHome -ErrorAction SilentlyContinue
        }
    }

    Describe 'Connect-Apify' {
        It 'checks the token with GET /v2/users/me, connects the session and stores an owner-only profile' {
            $info = Connect-Apify -Token (Secure $script:Emu.Token) -BaseUri $script:Emu.BaseUri
            $info | Should -BeOfType ([ApifyPS.Models.ApifyConnectionInfo])
            $info.Username | Should -Be 'janedoe'
            $info.UserId | Should -Not -BeNullOrEmpty
            $info.Source | Should -Be 'Session'
            $info.Profile | Should -Be 'default'
            $info.StoredIn | Should -Be (Get-ProfilePath)
            $requests = @(Get-ApifyEmulatorRequest $script:Emu)
            $requests.path | Should -Be '/v2/users/me'
            $requests.auth | Should -Be 'header'
            # The session works with no APIFY_TOKEN anywhere.
            @(Get-ApifyBuild -Actor $script:Seed.actor).Count | Should -Be 3
            if (-not $IsWindows) {
                (Get-Item (Get-ProfilePath)).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
                (Get-Item (Split-Path (Get-ProfilePath))).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
                @(Get-ChildItem -Force (Split-Path (Get-ProfilePath))).Name | Should -Be 'default.json' # no temp file left
            }
        }

        It 'refuses a wrong token with a clear error and saves nothing' {
            $wrong = 'apify_api_wrong_' + [guid]::NewGuid().ToString('N')
            { Connect-Apify -Token (Secure $wrong) -BaseUri $script:Emu.BaseUri } |
                Should -Throw -ExpectedMessage '*refused the token*Nothing was saved*' -ErrorId 'invalid-token,*'
            Test-Path (Join-Path $env:XDG_CONFIG_HOME 'ApifyPS') | Should -BeFalse
            [ApifyPS.Client.ApifySession]::Current.Connection | Should -BeNullOrEmpty

            # With a profile stored and a session open, a wrong token changes neither.
            $null = Connect-Apify -Token (Secure $script:Emu.Token) -BaseUri $script:Emu.BaseUri
            $before = Get-Content -Raw (Get-ProfilePath)
            $err = $null
            try { Connect-Apify -Token (Secure $wrong) -BaseUri $script:Emu.BaseUri } catch { $err = $_ }
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
            "$err" | Should -Not -Match $wrong
            Get-Content -Raw (Get-ProfilePath) | Should -Be $before
            (Get-ApifyConnection).Username | Should -Be 'janedoe'
        }

        It 'connects only the session with -SessionOnly' {
            $info = Connect-Apify -Token (Secure $script:Users.bob) -BaseUri $script:Emu.BaseUri -SessionOnly
            $info.Username | Should -Be 'bob'
            $info.StoredIn | Should -BeNullOrEmpty
            Test-Path (Join-Path $env:XDG_CONFIG_HOME 'ApifyPS') | Should -BeFalse
            (Get-ApifyConnection).Username | Should -Be 'bob'
        }

        It 'takes the token from a PSCredential and from the pipeline, and stores it under -Profile' {
            $cred = [pscredential]::new('apify', (Secure $script:Users.alice))
            (Connect-Apify -Credential $cred -BaseUri $script:Emu.BaseUri -Profile Work).Username | Should -Be 'alice'
            Test-Path (Get-ProfilePath 'work') | Should -BeTrue
            ((Secure $script:Users.bob) | Connect-Apify -BaseUri $script:Emu.BaseUri -SessionOnly).Username | Should -Be 'bob'
        }

        It 'goes to $env:APIFY_CLIENT_BASE_URL without -BaseUri' {
            $env:APIFY_CLIENT_BASE_URL = $script:Emu.BaseUri
            (Connect-Apify -Token (Secure $script:Emu.Token) -SessionOnly).BaseUri | Should -Be "$($script:Emu.BaseUri)/"
        }

        It 'refuses a plain-text token without repeating it' {
            $plain = 'apify_api_plain_' + [guid]::NewGuid().ToString('N')
            $err = $null
            try { Connect-Apify -Token $plain -BaseUri $script:Emu.BaseUri } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            "$err" | Should -Match 'SecureString'
            ($err | Out-String) | Should -Not -Match $plain
            @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
        }

        It 'rejects bad input before any request' -TestCases @(
            @{ Call = { Connect-Apify -Token (Secure 'x') -BaseUri $script:Emu.BaseUri -Profile '../escape' } }
            @{ Call = { Connect-Apify -Token (Secure 'x') -BaseUri 'ftp://example.com/' } }
            @{ Call = { Connect-Apify -Token (Secure 'x') -BaseUri $script:Emu.BaseUri -SessionOnly -Vault 'Any' } }
            @{ Call = { Connect-Apify -Token (Secure '   ') -BaseUri $script:Emu.BaseUri } }
        ) {
            param($Call)
            { & $Call } | Should -Throw
            @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
            Test-Path (Join-Path $env:XDG_CONFIG_HOME 'ApifyPS') | Should -BeFalse
        }

        It 'errors at once in a non-interactive pwsh without -Token, never waiting for input' {
            $r = Invoke-ChildPwsh "Connect-Apify -BaseUri '$($script:Emu.BaseUri)'" -TimeoutSeconds 90
            $r.TimedOut | Should -BeFalse
            $r.ExitCode | Should -Not -Be 0
            $r.Error | Should -Match 'Token'
            @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
        }
    }

    Describe 'A stored profile used by another process' {
        It 'is used by a second non-interactive pwsh with no token in its environment' {
            $r1 = Invoke-ChildPwsh "`$null = Connect-Apify -Token (ConvertTo-SecureString '$($script:Emu.Token)' -AsPlainText -Force) -BaseUri '$($script:Emu.BaseUri)'"
            $r1.ExitCode | Should -Be 0 -Because $r1.Error
            Clear-ApifyEmulatorRequest $script:Emu
            $r2 = Invoke-ChildPwsh "(Get-ApifyBuild -Actor '$($script:Seed.actor)').Count; `$c = Get-ApifyConnection; `$c.Source; `$c.Username; `$c.Profile"
            $r2.ExitCode | Should -Be 0 -Because $r2.Error
            ($r2.Output -split '\r?\n' | Where-Object { $_ }) | Should -Be @('3', 'StoredProfile', 'janedoe', 'default')
            @(Get-ApifyEmulatorRequest $script:Emu).auth | Sort-Object -Unique | Should -Be 'header'
        }

        It 'is picked by $env:APIFY_PROFILE' {
            $r1 = Invoke-ChildPwsh "`$null = Connect-Apify -Token (ConvertTo-SecureString '$($script:Users.bob)' -AsPlainText -Force) -BaseUri '$($script:Emu.BaseUri)' -Profile bob; `$null = Connect-Apify -Token (ConvertTo-SecureString '$($script:Emu.Token)' -AsPlainText -Force) -BaseUri '$($script:Emu.BaseUri)'"
            $r1.ExitCode | Should -Be 0 -Because $r1.Error
            (Invoke-ChildPwsh '(Get-ApifyConnection).Username' -Environment @{ APIFY_PROFILE = 'bob' }).Output.Trim() | Should -Be 'bob'
            (Invoke-ChildPwsh '(Get-ApifyConnection).Username').Output.Trim() | Should -Be 'janedoe'
            $missing = Invoke-ChildPwsh 'Get-ApifyBuild' -Environment @{ APIFY_PROFILE = 'nosuch' }
            $missing.ExitCode | Should -Not -Be 0
            $missing.Error | Should -Match "no such profile is stored"
        }
    }

    Describe 'Where the token comes from, first match wins' {
        It 'session, then $env:APIFY_TOKEN, then the stored profile, then the Apify CLI login' {
            # Stored profile: alice. CLI login: carol. Environment: bob. Session: janedoe.
            $null = Connect-Apify -Token (Secure $script:Users.alice) -BaseUri $script:Emu.BaseUri
            Write-CliLogin "{`"token`":`"$($script:Users.carol)`",`"username`":`"carol`"}"
            $env:APIFY_CLIENT_BASE_URL = $script:Emu.BaseUri
            $env:APIFY_TOKEN = $script:Users.bob
            $null = Connect-Apify -Token (Secure $script:Emu.Token) -BaseUri $script:Emu.BaseUri -SessionOnly
            $seen = @()
            $seen += Get-ApifyConnection
            Disconnect-Apify
            $seen += Get-ApifyConnection
            Remove-Item Env:APIFY_TOKEN
            $seen += Get-ApifyConnection
            Disconnect-Apify -Forget
            $seen += Get-ApifyConnection
            Remove-Item (Join-Path $env:HOME '.apify/auth.json')
            $seen.Source | Should -Be @('Session', 'Environment', 'StoredProfile', 'ApifyCli')
            $seen.Username | Should -Be @('janedoe', 'bob', 'alice', 'carol')
            { Get-ApifyConnection } | Should -Throw -ErrorId 'not-connected,*'
        }

        It 'honours the Apify CLI login (~/.apify/auth.json) and only reads it' {
            Write-CliLogin "{`"token`":`"$($script:Emu.Token)`",`"username`":`"janedoe`",`"id`":`"X`"}"
            $file = Join-Path $env:HOME '.apify/auth.json'
            $before = (Get-Item $file).LastWriteTimeUtc
            $env:APIFY_CLIENT_BASE_URL = $script:Emu.BaseUri
            @(Get-ApifyBuild -Actor $script:Seed.actor).Count | Should -Be 3
            $c = Get-ApifyConnection
            $c.Source | Should -Be 'ApifyCli'
            $c.Location | Should -Be $file
            (Get-Item $file).LastWriteTimeUtc | Should -Be $before
        }
    }

    Describe 'Damaged credential files' {
        It 'a corrupted stored profile is a clear error, sends nothing, and Disconnect-Apify -Forget removes it' {
            $null = Connect-Apify -Token (Secure $script:Emu.Token) -BaseUri $script:Emu.BaseUri
            Disconnect-Apify
            Set-Content -Path (Get-ProfilePath) -Value '{"baseUri": "http://127.0.0.1:1/", "tok'
            Clear-ApifyEmulatorRequest $script:Emu
            $err = $null
            try { Get-ApifyBuild -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'credential-unreadable,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            "$err" | Should -Match ([regex]::Escape((Get-ProfilePath)))
            "$err" | Should -Match 'not valid JSON'
            "$err" | Should -Match 'Disconnect-Apify -Profile default -Forget'
            @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
            Disconnect-Apify -Forget
            Test-Path (Get-ProfilePath) | Should -BeFalse
        }

        It 'a corrupted Apify CLI login is a clear error' {
            Write-CliLogin 'not json at all'
            { Get-ApifyBuild -ErrorAction Stop } | Should -Throw -ExpectedMessage '*auth.json cannot be used: it is not valid JSON*' -ErrorId 'credential-unreadable,*'
        }
    }

    Describe 'Get-ApifyConnection and Disconnect-Apify' {
        It 'shows a stored profile by name, checked with the server, and errors for a missing one' {
            $null = Connect-Apify -Token (Secure $script:Users.bob) -BaseUri $script:Emu.BaseUri -Profile bob
            Disconnect-Apify
            $c = Get-ApifyConnection -Profile bob
            ($c.Username, $c.Source, $c.Profile) | Should -Be @('bob', 'StoredProfile', 'bob')
            $c.BaseUri | Should -Be "$($script:Emu.BaseUri)/"
            $err = $null
            Get-ApifyConnection -Profile nosuch -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'profile-not-found,*'
        }

        It 'reports a token the server no longer accepts as an error that names where it came from' {
            $env:APIFY_CLIENT_BASE_URL = $script:Emu.BaseUri
            $env:APIFY_TOKEN = 'revoked_' + [guid]::NewGuid().ToString('N')
            $err = $null
            Get-ApifyConnection -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'invalid-token,*'
            "$($err[0])" | Should -Match 'APIFY_TOKEN'
            "$($err[0])" | Should -Not -Match $env:APIFY_TOKEN
        }

        It 'ends the session; -Forget also deletes the stored profile; -WhatIf changes nothing' {
            $null = Connect-Apify -Token (Secure $script:Emu.Token) -BaseUri $script:Emu.BaseUri
            Disconnect-Apify -Forget -WhatIf
            [ApifyPS.Client.ApifySession]::Current.Connection | Should -Not -BeNullOrEmpty
            Test-Path (Get-ProfilePath) | Should -BeTrue
            Disconnect-Apify
            [ApifyPS.Client.ApifySession]::Current.Connection | Should -BeNullOrEmpty
            (Get-ApifyConnection).Source | Should -Be 'StoredProfile'
            Disconnect-Apify -Profile default -Forget
            Test-Path (Get-ProfilePath) | Should -BeFalse
            Disconnect-Apify -Profile default -Forget -WarningVariable warn -WarningAction SilentlyContinue
            "$warn" | Should -Match "No profile 'default' is stored"
        }
    }

    Describe 'Never leaking the token' {
        It 'a whole -Verbose -Debug session, its errors, objects and transcript never show the token' {
            $secure = Secure $script:Emu.Token
            $wrongSecure = Secure 'wrong_token_value_abc123'
            $transcript = Join-Path $script:TestHome 'transcript.txt'
            $null = Start-Transcript -Path $transcript
            try {
                $all = & {
                    Connect-Apify -Token $secure -BaseUri $script:Emu.BaseUri -Verbose -Debug
                    Get-ApifyConnection -Verbose -Debug | Format-List * | Out-String
                    Get-ApifyBuild -Actor $script:Seed.actor -Verbose -Debug
                    Get-ApifyBuild -Id NoSuchBuild -Verbose -ErrorAction Continue
                    try { Connect-Apify -Token $wrongSecure -BaseUri $script:Emu.BaseUri -Verbose } catch { $_ | Out-String }
                    [ApifyPS.Client.ApifySession]::Current.Connection | Format-List * | Out-String
                    Get-ApifyConnection | ConvertTo-Json
                    Disconnect-Apify -Forget -Verbose
                } *>&1 | Out-String
            }
            finally { $null = Stop-Transcript }
            $all | Should -Match 'GET /v2/users/me'
            $all | Should -Match 'janedoe'
            $all | Should -Not -Match $script:Emu.Token
            $all | Should -Not -Match 'wrong_token_value_abc123'
            ($Error | Out-String) | Should -Not -Match $script:Emu.Token
            Get-Content -Raw $transcript | Should -Not -Match $script:Emu.Token
            Get-Content -Raw $transcript | Should -Not -Match 'wrong_token_value_abc123'
            @(Get-ApifyEmulatorRequest $script:Emu).auth | Sort-Object -Unique | Should -Be 'header'
        }
    }

    Describe 'The scheduled-task template (docs/examples/Invoke-ScheduledBuildCheck.ps1)' {
        BeforeAll {
            $script:Template = Join-Path $script:RepoRoot 'docs/examples/Invoke-ScheduledBuildCheck.ps1'
            $script:Flaky = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'flaky-scraper' -Builds 4 -Extra @{ buildStatuses = @('SUCCEEDED', 'FAILED') }
        }

        It 'exits 3 without a credential, then 0 and 2 with the stored one, never prompting' {
            $run = { param($Actor) Invoke-ChildPwsh "& '$script:Template' -Actor '$Actor'; exit `$LASTEXITCODE" }
            $none = & $run $script:Seed.actor
            $none.ExitCode | Should -Be 3
            $none.Output + $none.Error | Should -Match 'not-connected'

            $r = Invoke-ChildPwsh "`$null = Connect-Apify -Token (ConvertTo-SecureString '$($script:Emu.Token)' -AsPlainText -Force) -BaseUri '$($script:Emu.BaseUri)'"
            $r.ExitCode | Should -Be 0 -Because $r.Error
            $ok = & $run $script:Seed.actor
            $ok.ExitCode | Should -Be 0 -Because $ok.Error
            $ok.Output | Should -Match 'Connected as janedoe'
            $failing = & $run $script:Flaky.actor
            $failing.ExitCode | Should -Be 2 -Because $failing.Error
            $failing.Output | Should -Match 'FAILED'
            $missing = & $run 'janedoe~no-such-actor'
            $missing.ExitCode | Should -Be 1
            ($none.Output + $none.Error + $ok.Output + $failing.Output + $missing.Error) | Should -Not -Match $script:Emu.Token
        }
    }

    Describe 'Plain http to another machine' {
        # The child's HTTP proxy is the local server, so a request meant for http://10.255.255.1 (an address nothing
        # answers) reaches it and shows up in its log: an empty log proves that nothing went out.
        BeforeAll {
            $script:Remote = 'http://10.255.255.1'
            # Both spellings (the environment's names are case-sensitive here; .NET reads either).
            $script:ViaProxy = [hashtable]::new([StringComparer]::Ordinal)
            foreach ($name in 'http_proxy', 'HTTP_PROXY') { $script:ViaProxy[$name] = $script:Emu.BaseUri }
            foreach ($name in 'no_proxy', 'NO_PROXY') { $script:ViaProxy[$name] = '' }
        }

        It 'Connect-Apify -BaseUri http://10.255.255.1 is refused before any request, and nothing is stored' {
            $r = Invoke-ChildPwsh "Connect-Apify -Token (ConvertTo-SecureString '$($script:Emu.Token)' -AsPlainText -Force) -BaseUri $script:Remote" -Environment $script:ViaProxy
            $r.ExitCode | Should -Not -Be 0
            $r.Error | Should -Match 'plain http to another machine'
            $r.Error | Should -Match 'AllowUnencryptedAuthentication'
            $r.Error | Should -Not -Match ([regex]::Escape($script:Emu.Token))
            @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
            Test-Path (Get-ProfilePath) | Should -BeFalse
        }

        It '-AllowUnencryptedAuthentication lets it through; the profile keeps it and Get-ApifyConnection shows it' {
            $r1 = Invoke-ChildPwsh "`$c = Connect-Apify -Token (ConvertTo-SecureString '$($script:Emu.Token)' -AsPlainText -Force) -BaseUri $script:Remote -AllowUnencryptedAuthentication; `$c.AllowUnencryptedAuthentication" -Environment $script:ViaProxy
            $r1.ExitCode | Should -Be 0 -Because $r1.Error
            $r1.Output.Trim() | Should -Be 'True'
            $sent = @(Get-ApifyEmulatorRequest $script:Emu)
            $sent.rawPath | Should -Be "$script:Remote/v2/users/me"
            (Get-Content -Raw (Get-ProfilePath) | ConvertFrom-Json).allowUnencryptedAuthentication | Should -BeTrue
            Clear-ApifyEmulatorRequest $script:Emu
            $r2 = Invoke-ChildPwsh "`$c = Get-ApifyConnection; `$c.AllowUnencryptedAuthentication; `$c.BaseUri.AbsoluteUri; `$c.Username" -Environment $script:ViaProxy
            $r2.ExitCode | Should -Be 0 -Because $r2.Error
            ($r2.Output -split '\r?\n' | Where-Object { $_ }) | Should -Be @('True', "$script:Remote/", 'janedoe')
            @(Get-ApifyEmulatorRequest $script:Emu).rawPath | Should -Be "$script:Remote/v2/users/me"
        }

        It 'a stored profile without the permission is refused, naming the profile and how to allow it' {
            $null = New-Item -ItemType Directory -Force -Path (Split-Path (Get-ProfilePath))
            Set-Content -Path (Get-ProfilePath) -Value "{`"schema`":1,`"profile`":`"default`",`"baseUri`":`"$script:Remote/`",`"token`":`"$($script:Emu.Token)`"}"
            $r = Invoke-ChildPwsh 'Get-ApifyActor' -Environment $script:ViaProxy
            $r.ExitCode | Should -Not -Be 0
            $r.Error | Should -Match "stored profile 'default'"
            $r.Error | Should -Match 'Connect-Apify -Profile default -BaseUri http://10.255.255.1/ -AllowUnencryptedAuthentication'
            @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
        }

        It '$env:APIFY_CLIENT_BASE_URL over plain http needs $env:APIFY_ALLOW_UNENCRYPTED' {
            $environment = $script:ViaProxy.Clone()
            $environment.APIFY_TOKEN = $script:Emu.Token
            $environment.APIFY_CLIENT_BASE_URL = $script:Remote
            $refused = Invoke-ChildPwsh '@(Get-ApifyActor).Count' -Environment $environment
            $refused.ExitCode | Should -Not -Be 0
            $refused.Error | Should -Match 'APIFY_ALLOW_UNENCRYPTED'
            @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
            $environment.APIFY_ALLOW_UNENCRYPTED = '1'
            $allowed = Invoke-ChildPwsh '@(Get-ApifyActor).Count' -Environment $environment
            $allowed.ExitCode | Should -Be 0 -Because $allowed.Error
            @(Get-ApifyEmulatorRequest $script:Emu).rawPath | Should -Be "$script:Remote/v2/actors"
        }
    }

    Describe 'Connect-Apify -Vault (SecretManagement, resolved at run time)' {
        It 'without Microsoft.PowerShell.SecretManagement is a clear error before any request, and stores nothing' {
            $r = Invoke-ChildPwsh "`$env:PSModulePath = Join-Path `$PSHOME 'Modules'; Connect-Apify -Token (ConvertTo-SecureString '$($script:Emu.Token)' -AsPlainText -Force) -BaseUri '$($script:Emu.BaseUri)' -Vault CorpVault"
            $r.ExitCode | Should -Not -Be 0
            $r.Error | Should -Match 'Microsoft.PowerShell.SecretManagement'
            @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 0
            Test-Path (Join-Path $env:XDG_CONFIG_HOME 'ApifyPS') | Should -BeFalse
        }

        It 'keeps the token in the vault; a second process reads it from there; -Forget removes the secret' {
            $vaultFile = Join-Path $script:TestHome 'vault.json'
            $vaultEnv = @{
                PSModulePath             = $script:StandIn + [IO.Path]::PathSeparator + $script:Saved.PSModulePath
                APIFYPS_TEST_VAULT_NAME  = 'CorpVault'
                APIFYPS_TEST_VAULT_PATH  = $vaultFile
            }
            $r1 = Invoke-ChildPwsh "(Connect-Apify -Token (ConvertTo-SecureString '$($script:Emu.Token)' -AsPlainText -Force) -BaseUri '$($script:Emu.BaseUri)' -Profile ci -Vault CorpVault).StoredIn" -Environment $vaultEnv
            $r1.ExitCode | Should -Be 0 -Because $r1.Error
            $r1.Output | Should -Match "vault 'CorpVault'"
            Get-Content -Raw (Get-ProfilePath 'ci') | Should -Not -Match $script:Emu.Token
            (Get-Content -Raw $vaultFile | ConvertFrom-Json).'ApifyPS.ci' | Should -Be $script:Emu.Token

            $vaultEnv.APIFY_PROFILE = 'ci'
            $r2 = Invoke-ChildPwsh "(Get-ApifyBuild -Actor '$($script:Seed.actor)').Count; (Get-ApifyConnection).Location" -Environment $vaultEnv
            $r2.ExitCode | Should -Be 0 -Because $r2.Error
            ($r2.Output -split '\r?\n')[0] | Should -Be '3'
            $r2.Output | Should -Match "vault 'CorpVault'"

            $r3 = Invoke-ChildPwsh 'Disconnect-Apify -Profile ci -Forget' -Environment $vaultEnv
            $r3.ExitCode | Should -Be 0 -Because $r3.Error
            Test-Path (Get-ProfilePath 'ci') | Should -BeFalse
            (Get-Content -Raw $vaultFile | ConvertFrom-Json).psobject.Properties.Name | Should -Not -Contain 'ApifyPS.ci'
        }

        It 'a vault-kept profile in a process without SecretManagement says what is missing' {
            $vaultEnv = @{
                PSModulePath            = $script:StandIn + [IO.Path]::PathSeparator + $script:Saved.PSModulePath
                APIFYPS_TEST_VAULT_NAME = 'CorpVault'
                APIFYPS_TEST_VAULT_PATH = (Join-Path $script:TestHome 'vault.json')
            }
            $r1 = Invoke-ChildPwsh "`$null = Connect-Apify -Token (ConvertTo-SecureString '$($script:Emu.Token)' -AsPlainText -Force) -BaseUri '$($script:Emu.BaseUri)' -Vault CorpVault" -Environment $vaultEnv
            $r1.ExitCode | Should -Be 0 -Because $r1.Error
            $r2 = Invoke-ChildPwsh "`$env:PSModulePath = Join-Path `$PSHOME 'Modules'; Get-ApifyBuild"
            $r2.ExitCode | Should -Not -Be 0
            $r2.Error | Should -Match "vault 'CorpVault'.*Microsoft.PowerShell.SecretManagement is not available"
        }
    }
}
