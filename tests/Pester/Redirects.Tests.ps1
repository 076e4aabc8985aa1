# API requests never follow a redirect: a 3xx is one request and an error naming where it pointed; the other origin
# never hears of it (a followed 307 would send a start's body, and the token, there).
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    $script:Other = Start-ApifyEmulator
    Use-ApifyEmulator $script:Emu
    $script:Actor = (Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'redirected' -Builds 1).actor
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    if ($script:Other) { Stop-ApifyEmulator $script:Other }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Redirects' {
    BeforeEach {
        Clear-ApifyEmulatorFault $script:Emu
        Clear-ApifyEmulatorRequest $script:Emu
        Clear-ApifyEmulatorRequest $script:Other
    }

    It 'a 307 on Start-ApifyRun -Input is one request, an error naming the Location, and the other origin is never contacted' {
        $location = "$($script:Other.BaseUri)/v2/acts/elsewhere/runs"
        $null = Add-ApifyEmulatorFault $script:Emu -Path '/v2/actors/*/runs' -Method POST -Action redirect -Status 307 -Location $location
        $errors = $null
        $run = Start-ApifyRun -Actor $script:Actor -Input @{ secret = 'body' } -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $run | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'redirect-not-followed,*'
        "$($errors[0])" | Should -Match ([regex]::Escape("307 Temporary Redirect, a redirect to $location"))
        $errors[0].Exception.Location | Should -Be $location
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 1
        @(Get-ApifyEmulatorRequest $script:Other).Count | Should -Be 0
    }

    It 'a redirect on a read is not retried' {
        $location = "$($script:Other.BaseUri)/v2/actors/moved"
        $null = Add-ApifyEmulatorFault $script:Emu -Path '/v2/actors/*' -Method GET -Action redirect -Status 301 -Location $location -Count 9
        $errors = $null
        Get-ApifyActor -Id $script:Actor -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        "$($errors[0])" | Should -Match ([regex]::Escape("301 Moved Permanently, a redirect to $location"))
        @(Get-ApifyEmulatorRequest $script:Emu).Count | Should -Be 1
        @(Get-ApifyEmulatorRequest $script:Other).Count | Should -Be 0
    }
}
