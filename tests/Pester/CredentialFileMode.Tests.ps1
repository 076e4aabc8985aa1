# A stored profile, its folder or the Apify CLI's login file that other users can open is still used, with one
# warning per file per session (as ssh warns about a key whose permissions are too open). Every test has its own
# home (a sandbox) and no APIFY_* variables.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module (Join-Path $script:RepoRoot 'tests/TestSupport/IsolatedPwsh.psm1') -Force
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 2
    $script:Saved = @{}
    foreach ($name in 'HOME', 'XDG_CONFIG_HOME', 'APIFY_TOKEN', 'APIFY_CLIENT_BASE_URL', 'APIFY_PROFILE') {
        $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name)
    }

    function Set-Mode([string] $Path, [string] $Mode) { [IO.File]::SetUnixFileMode($Path, [IO.UnixFileMode][Convert]::ToInt32($Mode, 8)) }

    function Get-ProfilePath { Join-Path $env:XDG_CONFIG_HOME 'ApifyPS/profiles/default.json' }

    function New-StoredProfile {
        # Connect-Apify stores the profile (owner-only); the session is then ended so cmdlets read the file.
        $null = Connect-Apify -Token (ConvertTo-SecureString $script:Emu.Token -AsPlainText -Force) -BaseUri $script:Emu.BaseUri
        Disconnect-Apify
        Get-ProfilePath
    }

    function New-CliLogin {
        $path = Join-Path $env:HOME '.apify/auth.json'
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $path)
        Set-Content -Path $path -Value (@{ token = $script:Emu.Token; username = 'janedoe' } | ConvertTo-Json) -NoNewline
        Set-Mode $path '600'
        $env:APIFY_CLIENT_BASE_URL = $script:Emu.BaseUri # where a token from the CLI's file goes
        $path
    }

    function Invoke-Cmdlet {
        # A cmdlet that reads the credential; returns its warnings (and checks the credential worked).
        $found = $null
        $builds = @(Get-ApifyBuild -Actor $script:Seed.actor -WarningVariable found -WarningAction SilentlyContinue)
        $builds.Count | Should -Be 2
        @($found | ForEach-Object { "$_" })
    }

    function Assert-WarnsOnce([string] $Like) {
        # The first cmdlet of the session warns, once; the next ones do not.
        $first = @(Invoke-Cmdlet)
        $first.Count | Should -Be 1
        $first[0] | Should -BeLike $Like
        $first[0] | Should -Not -Match ([regex]::Escape($script:Emu.Token))
        Invoke-Cmdlet | Should -BeNullOrEmpty
        Invoke-Cmdlet | Should -BeNullOrEmpty
    }
}

AfterAll {
    [ApifyPS.Client.ApifySession]::Current.Disconnect() | Out-Null
    foreach ($name in $script:Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $script:Saved[$name]) }
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
}

Describe 'A credential file other users can open' -Skip:$IsWindows {
    BeforeEach {
        [ApifyPS.Client.ApifySession]::Current.Disconnect() | Out-Null
        Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL, Env:APIFY_PROFILE -ErrorAction SilentlyContinue
        $script:Sandbox = New-ApifySandbox -Prefix 'apifyps-home-'
        $env:HOME = $script:Sandbox.Path
        $env:XDG_CONFIG_HOME = Join-Path $script:Sandbox.Path '.config'
    }

    AfterEach {
        [ApifyPS.Client.ApifySession]::Current.Disconnect() | Out-Null
        $env:HOME = $script:Saved.HOME
        $env:XDG_CONFIG_HOME = $script:Saved.XDG_CONFIG_HOME
        Remove-ApifySandbox $script:Sandbox
    }

    It 'a stored profile readable by others (0644) is used with one warning, and not again in the session' {
        $path = New-StoredProfile
        Set-Mode $path '644'
        Assert-WarnsOnce "The file of the stored Apify profile 'default', $path, is readable by other users (mode 0644)*Run: chmod 600 '$path'"
    }

    It 'an owner-only profile (0600, as Connect-Apify stores it) gives no warning' {
        $null = New-StoredProfile
        Invoke-Cmdlet | Should -BeNullOrEmpty
    }

    It 'the profiles'' folder open to others (0755) is warned about' {
        $path = New-StoredProfile
        $folder = Split-Path $path
        Set-Mode $folder '755'
        Assert-WarnsOnce "The folder of the stored Apify profiles, $folder, can be listed by other users (mode 0755)*Run: chmod 700 '$folder'"
    }

    It 'Get-ApifyConnection warns as well' {
        $path = New-StoredProfile
        Set-Mode $path '640'
        $found = $null
        (Get-ApifyConnection -WarningVariable found -WarningAction SilentlyContinue).Source | Should -Be 'StoredProfile'
        @($found).Count | Should -Be 1
        "$($found[0])" | Should -BeLike "*$path, is readable by other users (mode 0640)*"
    }

    It 'the Apify CLI''s auth.json readable by others (0644) is used with one warning, and not again in the session' {
        $path = New-CliLogin
        Set-Mode $path '644'
        Assert-WarnsOnce "The Apify CLI's login file, $path, is readable by other users (mode 0644)*Run: chmod 600 '$path'"
    }

    It 'an owner-only auth.json (0600) gives no warning' {
        $null = New-CliLogin
        Invoke-Cmdlet | Should -BeNullOrEmpty
    }

    It 'a new pwsh warns once on its warning stream' {
        $path = New-StoredProfile
        Set-Mode $path '644'
        $script = "Import-Module '$script:RepoRoot/out/ApifyPS/ApifyPS.psd1'; " +
            "1..3 | ForEach-Object { `$null = Get-ApifyBuild -Actor '$($script:Seed.actor)' }"
        $run = Invoke-ApifyPwsh -Sandbox $script:Sandbox -ArgumentList @('-Command', $script) -TimeoutSeconds 120 `
            -Environment @{ XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; APIFY_TOKEN = $null; APIFY_CLIENT_BASE_URL = $null; APIFY_PROFILE = $null }
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $warnings = @($run.Output -split '\r?\n' | Where-Object { $_ -like 'WARNING:*' })
        $warnings.Count | Should -Be 1 -Because $run.Output
        $warnings[0] | Should -BeLike "WARNING: *$path, is readable by other users (mode 0644)*"
    }
}
