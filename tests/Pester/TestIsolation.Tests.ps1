# build.ps1 Test gives the whole run a fresh home and no APIFY_* variables, so no test can reach the real API with
# the developer's own token (a stored profile, the Apify CLI's login, $env:APIFY_TOKEN). Invoke-PesterTests.ps1
# records the environment the run started with, before any test sets its own.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Start = $global:ApifyPSTestRunStart
    $script:Lookup = [Func[string, string]] { param($name) $script:Start[$name] }

    function Assert-Under([string] $Root, [string] $Path) {
        $prefix = [IO.Path]::GetFullPath($Root).TrimEnd([IO.Path]::DirectorySeparatorChar) + [IO.Path]::DirectorySeparatorChar
        [IO.Path]::GetFullPath($Path).StartsWith($prefix, [StringComparison]::Ordinal) | Should -BeTrue -Because "$Path should be under the run's home $Root"
    }

    function Get-RunHome {
        $script:Start | Should -Not -BeNullOrEmpty -Because 'Invoke-PesterTests.ps1 records the environment the run started with'
        $runHome = [ApifyPS.Client.CredentialStore]::HomeDirectory($script:Lookup)
        Join-Path $runHome '.apifyps-test-home' | Should -Exist -Because "the tests must run in the home build.ps1 Test makes, not in $runHome"
        $runHome
    }
}

Describe 'The test run' {
    It 'has its own home, holding the profile store and the Apify CLI login' {
        $runHome = Get-RunHome
        $HOME | Should -Be $runHome -Because "this pwsh's `$HOME is the run's"
        Assert-Under $runHome ([ApifyPS.Client.CredentialStore]::DefaultDirectory($script:Lookup))
        Assert-Under $runHome ([ApifyPS.Client.ApifyCliLogin]::DefaultPath($script:Lookup))
        foreach ($name in $(if ($IsWindows) { 'APPDATA', 'LOCALAPPDATA' } else { 'XDG_CONFIG_HOME' })) {
            $script:Start[$name] | Should -Not -BeNullOrEmpty -Because "build.ps1 sets $name for the run"
            Assert-Under $runHome $script:Start[$name]
        }
    }

    It 'gets none of the developer''s connection variables' {
        $null = Get-RunHome
        foreach ($name in 'APIFY_TOKEN', 'APIFY_PROFILE', 'APIFY_CLIENT_BASE_URL') {
            $script:Start[$name] | Should -BeNullOrEmpty -Because "$name must not reach the tests"
        }
    }
}
