BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    Use-ApifyEmulator $script:Emu
    $script:Actor = New-ApifyActor -Name 'versioned' -Title 'Versions under test'
    $script:Secret = 'S3cr3t-' + [guid]::NewGuid().ToString('N')

    function Get-Request([string] $Method) {
        @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { -not $Method -or $_.method -eq $Method })
    }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Versions: create, read, update in part, remove' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'creates a GIT_REPO version and sends the spec''s body' {
        $v = New-ApifyActorVersion -Actor janedoe~versioned -Version 0.1 -SourceType GIT_REPO -GitRepoUrl 'https://github.com/janedoe/versioned.git#main' -BuildTag beta
        $v | Should -BeOfType ([ApifyPS.Models.ApifyActorVersion])
        $v.VersionNumber | Should -Be '0.1'
        $v.ActorId | Should -Be 'janedoe~versioned'
        $v.Source | Should -Be 'https://github.com/janedoe/versioned.git#main'
        $post = Get-Request POST
        $post.Count | Should -Be 1
        $post[0].path | Should -Be '/v2/actors/janedoe~versioned/versions'
        @($post[0].body.PSObject.Properties.Name) | Should -Be @('versionNumber', 'sourceType', 'gitRepoUrl', 'buildTag')
        $post[0].body.buildTag | Should -Be 'beta'
    }

    It 'takes -SourceType from the one source parameter given' {
        $v = New-ApifyActorVersion -Actor $script:Actor.Id -Version 0.2 -TarballUrl 'https://example.com/versioned.tar.gz'
        $v.SourceType | Should -Be 'TARBALL'
        (Get-Request POST)[0].body.sourceType | Should -Be 'TARBALL'
    }

    It 'uploads files below the current location as SOURCE_FILES, text as TEXT and binary as BASE64' {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('apifyps-src-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path (Join-Path $dir 'src')
        Set-Content -Path (Join-Path $dir 'src/main.js') -Value "console.log('hi');" -NoNewline
        [IO.File]::WriteAllBytes((Join-Path $dir 'logo.bin'), [byte[]](0, 1, 2, 255))
        Push-Location $dir
        try {
            $v = New-ApifyActorVersion -Actor janedoe~versioned -Version 0.3 -SourceFile (Get-ChildItem -Recurse), @{ name = 'README.md'; content = '# hi' }
        }
        finally {
            Pop-Location
            Remove-Item -Recurse -Force $dir
        }
        $v.SourceType | Should -Be 'SOURCE_FILES'
        $files = (Get-Request POST)[0].body.sourceFiles
        ($files | Where-Object name -eq 'src').folder | Should -BeTrue
        ($files | Where-Object name -eq 'src/main.js').content | Should -Be "console.log('hi');"
        ($files | Where-Object name -eq 'src/main.js').format | Should -Be 'TEXT'
        ($files | Where-Object name -eq 'logo.bin').format | Should -Be 'BASE64'
        ($files | Where-Object name -eq 'logo.bin').content | Should -Be ([Convert]::ToBase64String([byte[]](0, 1, 2, 255)))
        ($files | Where-Object name -eq 'README.md').format | Should -Be 'TEXT'
        @($files | Where-Object name -eq 'src/main.js').Count | Should -Be 1
        $v.SourceFiles.Name | Should -Contain 'src/main.js'
    }

    It 'lists versions, gets one by number or wildcard, and refreshes a version piped in' {
        $all = @(Get-ApifyActorVersion -Actor janedoe~versioned)
        $all.VersionNumber | Should -Be @('0.1', '0.2', '0.3')
        (Get-ApifyActorVersion -Actor janedoe~versioned -Version 0.2).TarballUrl | Should -Be 'https://example.com/versioned.tar.gz'
        @(Get-ApifyActorVersion -Actor janedoe~versioned -Version '0.*').Count | Should -Be 3
        Clear-ApifyEmulatorRequest $script:Emu
        ($all[0] | Get-ApifyActorVersion).GitRepoUrl | Should -Be 'https://github.com/janedoe/versioned.git#main'
        (Get-Request)[0].path | Should -Be '/v2/actors/janedoe~versioned/versions/0.1'
        @(Get-ApifyActor -Id janedoe~versioned | Get-ApifyActorVersion).Count | Should -Be 3
    }

    It 'changes only what is given' {
        Set-ApifyActorVersion -Actor janedoe~versioned -Version 0.1 -BuildTag latest
        $put = Get-Request PUT
        $put.Count | Should -Be 1
        $put[0].path | Should -Be '/v2/actors/janedoe~versioned/versions/0.1'
        @($put[0].body.PSObject.Properties.Name) | Should -Be @('buildTag')
        $v = Get-ApifyActorVersion -Actor janedoe~versioned -Version 0.1
        $v.BuildTag | Should -Be 'latest'
        $v.GitRepoUrl | Should -Be 'https://github.com/janedoe/versioned.git#main'
    }

    It 'switches the source type with its URL, and takes versions from the pipeline' {
        $v = Get-ApifyActorVersion -Actor janedoe~versioned -Version 0.2 |
            Set-ApifyActorVersion -SourceType GITHUB_GIST -GitHubGistUrl 'https://gist.github.com/janedoe/abc' -PassThru
        $v.SourceType | Should -Be 'GITHUB_GIST'
        $v.GitHubGistUrl | Should -Be 'https://gist.github.com/janedoe/abc'
        @((Get-Request PUT)[0].body.PSObject.Properties.Name) | Should -Be @('sourceType', 'gitHubGistUrl')
    }

    It 'checks the source parameters against -SourceType before sending anything' -TestCases @(
        @{ Call = { New-ApifyActorVersion -Actor janedoe~versioned -Version 0.9 -SourceType GIT_REPO } ; Id = 'InvalidVersionSource*' }
        @{ Call = { New-ApifyActorVersion -Actor janedoe~versioned -Version 0.9 -SourceType TARBALL -GitRepoUrl 'https://x/y.git' } ; Id = 'InvalidVersionSource*' }
        @{ Call = { New-ApifyActorVersion -Actor janedoe~versioned -Version 0.9 } ; Id = 'InvalidVersionSource*' }
        @{ Call = { New-ApifyActorVersion -Actor janedoe~versioned -Version 0.9 -GitRepoUrl 'https://x/y.git' -TarballUrl 'https://x/y.zip' } ; Id = 'InvalidVersionSource*' }
        @{ Call = { New-ApifyActorVersion -Actor janedoe~versioned -Version 0.9 -SourceType SOURCE_FILES } ; Id = 'InvalidVersionSource*' }
        @{ Call = { New-ApifyActorVersion -Actor janedoe~versioned -Version 0.9 -TarballUrl 'not-a-url' } ; Id = 'InvalidVersion*' }
        @{ Call = { New-ApifyActorVersion -Actor janedoe~versioned -Version 1 -GitRepoUrl 'https://x/y.git' } ; Id = 'ParameterArgumentValidationError*' }
        @{ Call = { New-ApifyActorVersion -Actor janedoe~versioned -Version 0.9 -SourceType CVS -GitRepoUrl 'https://x/y.git' } ; Id = 'ParameterArgumentValidationError*' }
        @{ Call = { Set-ApifyActorVersion -Actor janedoe~versioned -Version 0.1 -SourceType TARBALL } ; Id = 'InvalidVersionSource*' }
        @{ Call = { Set-ApifyActorVersion -Actor janedoe~versioned -Version 0.1 } ; Id = 'NothingToChange*' }
        @{ Call = { Set-ApifyActorVersion -Actor janedoe~versioned -Version 0.1 -EnvironmentVariable @{ A = '1' } -RemoveEnvironmentVariable A } ; Id = 'InvalidVersionUpdate*' }
    ) {
        param($Call, $Id)
        { & $Call } | Should -Throw -ErrorId $Id
        @(Get-Request).Count | Should -Be 0
    }

    It 'reports an existing version number as version-already-exists' {
        { New-ApifyActorVersion -Actor janedoe~versioned -Version 0.1 -GitRepoUrl 'https://x/y.git' -ErrorAction Stop } |
            Should -Throw -ErrorId 'version-already-exists*'
    }

    It 'removes a version (asking first unless told not to), and -WhatIf sends nothing' {
        Get-ApifyActorVersion -Actor janedoe~versioned -Version 0.3 | Remove-ApifyActorVersion -WhatIf
        @(Get-Request DELETE).Count | Should -Be 0
        Get-ApifyActorVersion -Actor janedoe~versioned -Version 0.3 | Remove-ApifyActorVersion -Confirm:$false
        (Get-Request DELETE)[0].path | Should -Be '/v2/actors/janedoe~versioned/versions/0.3'
        (Get-ApifyActorVersion -Actor janedoe~versioned).VersionNumber | Should -Not -Contain '0.3'
        { Get-ApifyActorVersion -Actor janedoe~versioned -Version 0.3 -ErrorAction Stop } | Should -Throw -ErrorId 'record-not-found*'
    }
}

Describe 'Environment variables and secrets' {
    BeforeAll {
        $script:SecureSecret = ConvertTo-SecureString $script:Secret -AsPlainText -Force
    }
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'sends a SecureString value with isSecret and never shows it in output or -Verbose text' {
        $output = New-ApifyActorVersion -Actor janedoe~versioned -Version 1.0 -GitRepoUrl 'https://github.com/janedoe/versioned.git' `
            -EnvironmentVariable @{ API_KEY = $script:SecureSecret; MODE = 'production' } -Verbose 4>&1
        $version = $output | Where-Object { $_ -is [ApifyPS.Models.ApifyActorVersion] }
        $verbose = $output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose).Count | Should -BeGreaterThan 0
        $sent = (Get-Request POST)[0].body.envVars
        ($sent | Where-Object name -eq 'API_KEY').value | Should -Be '***' -Because 'the request log never keeps a secret'
        ($sent | Where-Object name -eq 'API_KEY').isSecret | Should -BeTrue
        Test-ApifyEmulatorEnvVar $script:Emu -Actor janedoe~versioned -Version 1.0 -Name API_KEY -Value $script:Secret | Should -BeTrue
        ($sent | Where-Object name -eq 'MODE').value | Should -Be 'production'
        ($version.EnvVars | Where-Object Name -eq 'API_KEY').IsSecret | Should -BeTrue
        ($version.EnvVars | Where-Object Name -eq 'API_KEY').Value | Should -BeNullOrEmpty
        ($version.EnvVars | Where-Object Name -eq 'MODE').Value | Should -Be 'production'
        $shown = ($output | Out-String) + ($version | Format-List * | Out-String) + ($version.EnvVars | Out-String) +
            ($version.EnvVars | Format-List * | Out-String) + ($version | ConvertTo-Json -Depth 6) + "$($version.EnvVars)"
        $shown | Should -Not -Match $script:Secret
        $shown | Should -Match 'API_KEY'
    }

    It 'never shows the secret when it is read back, listed or when the request fails' {
        $read = Get-ApifyActorVersion -Actor janedoe~versioned -Version 1.0 -Verbose 4>&1
        $actor = Get-ApifyActor -Id janedoe~versioned
        ($read | Out-String) + ($actor | Format-List * | Out-String) + ($actor.Versions.EnvVars | Out-String) | Should -Not -Match $script:Secret
        $err = $null
        $out = New-ApifyActorVersion -Actor janedoe~versioned -Version 1.0 -GitRepoUrl 'https://x/y.git' -EnvironmentVariable @{ API_KEY = $script:SecureSecret } `
            -Verbose -ErrorVariable err -ErrorAction SilentlyContinue 4>&1
        $err.Count | Should -Be 1
        ($err | Out-String) + ($err[0].Exception | Format-List * -Force | Out-String) + ($out | Out-String) | Should -Not -Match $script:Secret
    }

    It 'sets and removes single variables and leaves the others, the secret included' {
        $rotated = 'R0tated-' + [guid]::NewGuid().ToString('N')
        $v = Set-ApifyActorVersion -Actor janedoe~versioned -Version 1.0 -EnvironmentVariable @{ LEVEL = 3 } -RemoveEnvironmentVariable MODE -PassThru
        $v.EnvVarNames | Sort-Object | Should -Be @('API_KEY', 'LEVEL')
        ($v.EnvVars | Where-Object Name -eq 'LEVEL').Value | Should -Be '3'
        (Get-Request POST)[0].body.name | Should -Be 'LEVEL'
        (Get-Request DELETE)[0].path | Should -Be '/v2/actors/janedoe~versioned/versions/1.0/env-vars/MODE'
        @(Get-Request PUT).Count | Should -Be 0
        Clear-ApifyEmulatorRequest $script:Emu
        $output = Set-ApifyActorVersion -Actor janedoe~versioned -Version 1.0 -Verbose -PassThru `
            -EnvironmentVariable @{ API_KEY = (ConvertTo-SecureString $rotated -AsPlainText -Force) } 4>&1
        $put = Get-Request PUT
        $put.Count | Should -Be 1
        $put[0].path | Should -Be '/v2/actors/janedoe~versioned/versions/1.0/env-vars/API_KEY'
        $put[0].body.value | Should -Be '***'
        $put[0].body.isSecret | Should -BeTrue
        Test-ApifyEmulatorEnvVar $script:Emu -Actor janedoe~versioned -Version 1.0 -Name API_KEY -Value $rotated | Should -BeTrue
        ($output | Out-String) | Should -Not -Match $rotated
        ($output | Where-Object { $_ -is [ApifyPS.Models.ApifyActorVersion] }).EnvVarNames | Sort-Object | Should -Be @('API_KEY', 'LEVEL')
    }

    It 'keeps secrets when a version read back is used for a new Actor' {
        $template = Get-ApifyActor -Id janedoe~versioned
        Clear-ApifyEmulatorRequest $script:Emu
        $err = $null
        $null = New-ApifyActor -Name 'versioned-copy' -Version $template.Versions -ErrorVariable err -ErrorAction SilentlyContinue
        # The API never returned the secret, so the copy cannot have it: the server says so, nothing leaks.
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'invalid-input,*'
        $err[0].Exception.Message | Should -Match 'API_KEY'
        (Get-Request POST)[0].body.versions.envVars | Where-Object name -eq 'API_KEY' | ForEach-Object { $_.PSObject.Properties.Name } | Should -Not -Contain 'value'
    }
}
