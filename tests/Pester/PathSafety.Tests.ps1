# Every id, name and key becomes exactly one path segment: '', '.', '..', '/', '\', '%2e%2e', control characters are
# refused with an error naming the parameter, before ShouldProcess and before any request (the local server's request
# log stays empty); what -Verbose and errors show is the path the server received.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    Use-ApifyEmulator $script:Emu
    $null = New-ApifyActor -Name 'dotted'
    $null = New-ApifyActorVersion -Actor janedoe~dotted -Version 0.1 -SourceType GIT_REPO -GitRepoUrl 'https://github.com/janedoe/dotted.git' `
        -EnvironmentVariable @{ KEEP = 'kept' }

    function script:Get-Request { @(Get-ApifyEmulatorRequest $script:Emu) }

    # Runs a command; returns its errors (terminating or not) and writes no output to the test.
    function script:Get-CommandError([scriptblock] $Command) {
        $errors = [System.Collections.Generic.List[object]]::new()
        try { & $Command -ErrorAction SilentlyContinue -ErrorVariable +caught | Out-Null; foreach ($e in $caught) { $errors.Add($e) } }
        catch { $errors.Add($_) }
        , $errors
    }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'A value that would not stay one path segment' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'Set-ApifyActorVersion -RemoveEnvironmentVariable .. sends nothing and the version stays' {
        $errors = Get-CommandError { Set-ApifyActorVersion -Actor janedoe~dotted -Version 0.1 -RemoveEnvironmentVariable '..' -Confirm:$false }
        Get-Request | Should -BeNullOrEmpty
        $version = Get-ApifyActorVersion -Actor janedoe~dotted -Version 0.1 -ErrorAction SilentlyContinue
        $version.VersionNumber | Should -Be '0.1' -Because 'before the fix DELETE .../versions/0.1/ deleted the version'
        $version.EnvVarNames | Should -Contain 'KEEP'
        $errors.Count | Should -Be 1
        "$($errors[0])" | Should -Match "parameter 'RemoveEnvironmentVariable'"
        "$($errors[0])" | Should -Match "'\.\.' is not a valid environment variable name"
    }

    It 'Set-ApifyActorVersion with a change and a bad name sends not even the change' {
        $errors = Get-CommandError { Set-ApifyActorVersion -Actor janedoe~dotted -Version 0.1 -BuildTag beta -RemoveEnvironmentVariable 'KEEP', '.' -Confirm:$false }
        "$($errors[0])" | Should -Match "parameter 'RemoveEnvironmentVariable'"
        Get-Request | Should -BeNullOrEmpty
    }

    It 'Get-ApifyActor -Id . sends nothing and returns nothing' {
        $out = $null
        $errors = Get-CommandError { $script:out = Get-ApifyActor -Id '.' }
        $script:out | Should -BeNullOrEmpty
        "$($errors[0])" | Should -Match "parameter 'Id'"
        "$($errors[0])" | Should -Match "'\.' is not a valid Actor id"
        Get-Request | Should -BeNullOrEmpty
    }

    It 'Remove-ApifyActor -Id .. sends nothing (it would have been DELETE /v2/)' {
        $errors = Get-CommandError { Remove-ApifyActor -Id '..' -Force }
        "$($errors[0])" | Should -Match "parameter 'Id'"
        Get-Request | Should -BeNullOrEmpty
    }

    It '<Command> refuses <Shown> for -<Parameter> before any request' -ForEach @(
        @{ Command = { Get-ApifyActorVersion -Actor '..' }; Parameter = 'Actor'; Shown = '..' }
        @{ Command = { Get-ApifyActorVersion -Actor janedoe~dotted -Version '.' }; Parameter = 'Version'; Shown = '.' }
        @{ Command = { Get-ApifyBuild -Actor 'a/b' }; Parameter = 'Actor'; Shown = 'a/b' }
        @{ Command = { Get-ApifyRun -Actor '％２ｅ．' }; Parameter = 'Actor'; Shown = 'fullwidth' }
        @{ Command = { Stop-ApifyRun -Id '..' -Confirm:$false }; Parameter = 'Id'; Shown = '..' }
        @{ Command = { Stop-ApifyBuild -Id "a`nb" -Confirm:$false }; Parameter = 'Id'; Shown = 'a newline' }
        @{ Command = { Wait-ApifyRun -Id '%2e%2e' }; Parameter = 'Id'; Shown = '%2e%2e' }
        @{ Command = { Wait-ApifyBuild -Id 'a\b' }; Parameter = 'Id'; Shown = 'a\b' }
        @{ Command = { Get-ApifyLog -Id '.' }; Parameter = 'Id'; Shown = '.' }
        @{ Command = { Get-ApifyLog -RunId '..' }; Parameter = 'RunId'; Shown = '..' }
        @{ Command = { Get-ApifyDatasetItem -DatasetId '%2E' }; Parameter = 'DatasetId'; Shown = '%2E' }
        @{ Command = { Get-ApifyDatasetItem -RunId '..' }; Parameter = 'RunId'; Shown = '..' }
        @{ Command = { Get-ApifyRecord -StoreId abc -Key '..' }; Parameter = 'Key'; Shown = '..' }
        @{ Command = { Get-ApifyRecord -StoreId '..' }; Parameter = 'StoreId'; Shown = '..' }
        @{ Command = { Get-ApifyRecordKey -StoreId 'a%2fb' }; Parameter = 'StoreId'; Shown = 'a%2fb' }
        @{ Command = { Get-ApifyWebhook -Actor '.' }; Parameter = 'Actor'; Shown = '.' }
        @{ Command = { Start-ApifyRun -Actor '..' -Confirm:$false }; Parameter = 'Actor'; Shown = '..' }
        @{ Command = { Start-ApifyBuild -Actor '..' -Version 0.1 -Confirm:$false }; Parameter = 'Actor'; Shown = '..' }
        @{ Command = { Invoke-ApifyActor -Actor '.' -Confirm:$false }; Parameter = 'Actor'; Shown = '.' }
        @{ Command = { Convert-ApifyRun -Id '..' -TargetActor janedoe~dotted -Confirm:$false }; Parameter = 'Id'; Shown = '..' }
        @{ Command = { Set-ApifyActor -Id '..' -Title x -Confirm:$false }; Parameter = 'Id'; Shown = '..' }
        @{ Command = { New-ApifyActorVersion -Actor '..' -Version 0.2 -GitRepoUrl 'https://github.com/x/y.git' -Confirm:$false }; Parameter = 'Actor'; Shown = '..' }
        @{ Command = { Remove-ApifyActorVersion -Actor '..' -Version 0.1 -Force }; Parameter = 'Actor'; Shown = '..' }
        @{ Command = { Set-ApifyActorVersion -Actor janedoe~dotted -Version 0.1 -EnvironmentVariable @{ '..' = 'x' } -Confirm:$false }; Parameter = 'EnvironmentVariable'; Shown = '..' }
    ) {
        $errors = Get-CommandError $Command
        $errors.Count | Should -BeGreaterThan 0
        "$($errors[0])" | Should -Match "parameter '$Parameter'"
        "$($errors[0])" | Should -Match 'is not a valid'
        "$($errors[0])" | Should -Match 'Nothing was sent'
        Get-Request | Should -BeNullOrEmpty
    }

    It 'a bad id from the pipeline is one non-terminating error; the others are still read' {
        $seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'piped' -Builds 1
        $errors = $null
        $actors = @($seed.actorId, '..', 'janedoe~dotted' | Get-ApifyActor -ErrorAction SilentlyContinue -ErrorVariable errors)
        $actors.Name | Should -Be @('piped', 'dotted')
        $errors.Count | Should -Be 1
        "$($errors[0])" | Should -Match "parameter 'Id'"
        @(Get-Request).path | Should -Be @("/v2/actors/$($seed.actorId)", '/v2/actors/janedoe~dotted')
    }
}

Describe 'An id read from an object or the API' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'a run whose defaultDatasetId is .. is refused naming -InputObject, before any request' {
        $run = [ApifyPS.Models.ApifyRun]@{ Id = 'abc'; Status = 'SUCCEEDED'; DefaultDatasetId = '..' }
        $errors = $null
        $run | Get-ApifyDatasetItem -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'invalid-path-segment,*'
        "$($errors[0])" | Should -BeLike "-InputObject (ApifyRun 'abc'): '..' is not a valid dataset id*Nothing was sent."
        Get-Request | Should -BeNullOrEmpty
    }

    It 'a build whose ActorId is . is refused naming -InputObject, and the next object is still read' {
        $errors = $null
        $actors = @([ApifyPS.Models.ApifyBuild]@{ Id = 'b1'; ActorId = '.' }, [ApifyPS.Models.ApifyBuild]@{ Id = 'b2'; ActorId = 'janedoe~dotted' } |
                Get-ApifyActor -ErrorAction SilentlyContinue -ErrorVariable errors)
        $actors.Name | Should -Be 'dotted'
        "$($errors[0])" | Should -BeLike "-InputObject (ApifyBuild 'b1'): '.' is not a valid Actor id*"
        @(Get-Request).path | Should -Be '/v2/actors/janedoe~dotted'
    }
}

Describe 'What is logged and reported is what was sent' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'the verbose line and the error show the path exactly as the server received it' {
        $errors = $null
        $verbose = Get-ApifyRecord -StoreId 'no~store' -Key 'a b%c' -Verbose -ErrorAction SilentlyContinue -ErrorVariable errors 4>&1
        $sent = @(Get-Request)
        $sent.Count | Should -Be 1
        $sent[0].rawPath | Should -Be '/v2/key-value-stores/no~store/records/a%20b%25c'
        "$(@($verbose)[0])" | Should -BeLike "GET $($sent[0].rawPath) -> 404 *"
        $errors[0].Exception.Path | Should -Be $sent[0].rawPath
    }
}
