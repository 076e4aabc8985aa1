# Runs every example in the help of every exported ApifyPS cmdlet (what `Get-Help <cmdlet> -Examples` shows) and
# writes one result per example to -ResultPath (JSON). Started by tests/Pester/Help.Tests.ps1 in a fresh pwsh whose
# home is a temporary sandbox.
#
# The convention the examples are written for (docs/design.md, "Help examples run"): each example runs on its own,
# in a fresh pwsh (Invoke-HelpExample.ps1) with its own empty home folder (no stored profile, no Apify CLI login),
# against its own local server started with `--username janedoe` and the Actor `web-scraper` seeded with builds,
# runs and webhooks, $env:APIFY_TOKEN and $env:APIFY_CLIENT_BASE_URL pointing at it, in an empty working directory, in a new
# runspace with the module imported. The runspace's host (ExampleHost.cs) plays the reader at the keyboard: asked
# for a secret (Connect-Apify's prompt, Read-Host -AsSecureString) it types the server's token, asked to choose it
# takes the default; confirmation prompts are answered yes ($ConfirmPreference = 'None'). A SecretManagement vault
# named SecretStore is there (the stand-in module of tests/TestSupport). An example passes when it finishes within
# the deadline and writes no error.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    # Only the examples of these cmdlets (default: all).
    [string[]] $Command,
    [int] $TimeoutSeconds = 120,
    # How many examples run at once (each in its own process, with its own server).
    [ValidateRange(1, 16)] [int] $Parallel = 2
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$manifestPath = (Resolve-Path $ModuleManifest).Path
$module = Import-Module $manifestPath -PassThru
$work = Join-Path ([System.IO.Path]::GetTempPath()) ('apifyps-examples-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $work
# The host, compiled once for all the example processes.
$hostAssembly = Join-Path $work 'ExampleHost.dll'
Add-Type -Path (Join-Path $PSScriptRoot 'ExampleHost.cs') -OutputAssembly $hostAssembly -OutputType Library
$standIn = Join-Path $PSScriptRoot 'SecretManagementStandIn'

$examples = @(foreach ($c in Get-Command -Module $module.Name | Sort-Object Name) {
        if ($Command -and $c.Name -notin $Command) { continue }
        $index = 0
        foreach ($example in @((Get-Help $c.Name -Full).examples.example | Where-Object { $_ })) {
            $index++
            [pscustomobject]@{
                Command = $c.Name
                Index   = $index
                Title   = ($example.title -replace '^-+\s*|\s*-+$', '').Trim()
                Code    = ($example.code | Out-String).Trim()
            }
        }
    })

# Examples share nothing (each has its own server, home folder and process), so a few run at once.
$context = @{
    Support = $PSScriptRoot; Manifest = $manifestPath; HostAssembly = $hostAssembly; StandIn = $standIn; Timeout = $TimeoutSeconds
    PSModulePath = [System.Environment]::GetEnvironmentVariable('PSModulePath')
}
$results = @($examples | ForEach-Object -ThrottleLimit $Parallel -Parallel {
        $example = $_
        $c = $using:context
        Import-Module (Join-Path $c.Support 'ApifyEmulator.psm1'), (Join-Path $c.Support 'IsolatedPwsh.psm1')
        $emulator = $null
        $sandbox = $null
        $started = [DateTime]::UtcNow
        try {
            $emulator = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
            $null = Add-ApifyEmulatorSeed -Emulator $emulator -Actor 'web-scraper' -Builds 40 -Runs 40 -Extra @{
                buildStatuses = @('SUCCEEDED', 'SUCCEEDED', 'FAILED', 'SUCCEEDED', 'TIMED-OUT', 'SUCCEEDED', 'ABORTED', 'SUCCEEDED')
                runStatuses   = @('SUCCEEDED', 'FAILED', 'SUCCEEDED', 'SUCCEEDED', 'TIMED-OUT', 'SUCCEEDED', 'ABORTED', 'SUCCEEDED')
                webhooks      = 3
            }
            $sandbox = New-ApifySandbox -Prefix 'apifyps-example-'
            $directory = (New-Item -ItemType Directory -Path (Join-Path $sandbox.Path 'work')).FullName
            $codePath = Join-Path $sandbox.Path 'example.ps1'
            $resultFile = Join-Path $sandbox.Path 'result.json'
            Set-Content -LiteralPath $codePath -Value $example.Code -Encoding utf8
            $environment = @{
                APIFY_TOKEN             = $emulator.Token
                APIFY_CLIENT_BASE_URL   = $emulator.BaseUri
                APIFY_PROFILE           = $null
                PSModulePath            = $c.StandIn + [System.IO.Path]::PathSeparator + $c.PSModulePath
                APIFYPS_TEST_VAULT_NAME = 'SecretStore'
                APIFYPS_TEST_VAULT_PATH = Join-Path $sandbox.Path 'vault.json'
            }
            $run = Invoke-ApifyPwsh -Sandbox $sandbox -Environment $environment -WorkingDirectory $directory -TimeoutSeconds ($c.Timeout + 60) -ArgumentList @(
                '-File', (Join-Path $c.Support 'Invoke-HelpExample.ps1'), '-ModuleManifest', $c.Manifest, '-HostAssembly', $c.HostAssembly,
                '-CodePath', $codePath, '-ResultPath', $resultFile, '-TimeoutSeconds', $c.Timeout)
            $r = if (Test-Path $resultFile) { Get-Content -Raw $resultFile | ConvertFrom-Json -AsHashtable }
            else { @{ Passed = $false; Error = "the example's pwsh ended without a result (exit code $($run.ExitCode)): $($run.Output)"; Output = '' } }
        }
        catch {
            $r = @{ Passed = $false; Error = "the example could not be run: $_"; Output = '' }
        }
        finally {
            if ($emulator) { Stop-ApifyEmulator $emulator }
            Remove-ApifySandbox $sandbox
        }
        $output = [string]$r.Output
        $seconds = [math]::Round(([DateTime]::UtcNow - $started).TotalSeconds, 2)
        Write-Host ("{0,-6} {1} {2} ({3} s)" -f $(if ($r.Passed) { 'ok' } else { 'FAILED' }), $example.Command, $example.Title, $seconds)
        [pscustomobject]@{
            Command = $example.Command
            Index   = $example.Index
            Title   = $example.Title
            Code    = $example.Code
            Passed  = [bool]$r.Passed
            Error   = $r.Error
            Output  = if ($output.Length -gt 4000) { $output.Substring(0, 4000) + '...' } else { $output }
            Seconds = $seconds
        }
    })
ConvertTo-Json -InputObject @($results) -Depth 4 | Set-Content -LiteralPath $ResultPath -Encoding utf8
Remove-Item -Recurse -Force -LiteralPath $work -ErrorAction SilentlyContinue
