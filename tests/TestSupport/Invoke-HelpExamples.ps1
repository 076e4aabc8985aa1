# Runs every example in the help of every exported ApifyPS cmdlet (what `Get-Help <cmdlet> -Examples` shows) and
# writes one result per example to -ResultPath (JSON). Started by tests/Pester/Help.Tests.ps1 in a fresh pwsh whose
# HOME and profile folders point into a temporary directory, so examples that store a credential or write files
# touch nothing of the user's.
#
# The convention the examples are written for (docs/design.md, "Help examples"): each example runs on its own,
# against a fresh local server started with `--username janedoe` and the Actor `web-scraper` seeded with builds and
# runs, with $env:APIFY_TOKEN and $env:APIFY_CLIENT_BASE_URL pointing at it, in an empty working directory, in a
# new runspace with the module imported. Confirmation prompts are answered yes ($ConfirmPreference = 'None'), as
# the user reading the example would. An example passes when it finishes within the deadline and writes no error.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    # Only the examples of these cmdlets (default: all).
    [string[]] $Command,
    [int] $TimeoutSeconds = 120
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
Import-Module (Join-Path $PSScriptRoot 'ApifyEmulator.psm1')
$manifestPath = (Resolve-Path $ModuleManifest).Path
$module = Import-Module $manifestPath -PassThru

function Invoke-Example([string] $Code, [string] $Directory) {
    $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $iss.ImportPSModule([string[]]@($manifestPath))
    $runspace = [runspacefactory]::CreateRunspace($iss)
    $runspace.Open()
    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    try {
        $null = $ps.AddScript({
                param($Directory)
                Set-Location -LiteralPath $Directory
                $global:ConfirmPreference = 'None'
                $global:ProgressPreference = 'SilentlyContinue'
                $PSStyle.OutputRendering = 'PlainText'
            }).AddArgument($Directory).Invoke()
        $ps.Commands.Clear()
        # The example as the user would paste it; its output formatted as the console would show it (the views run).
        $null = $ps.AddScript("& {`n$Code`n} | Out-String -Width 120")
        $handle = $ps.BeginInvoke()
        if (-not $handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($TimeoutSeconds))) {
            $ps.Stop()
            return @{ Passed = $false; Error = "did not finish within $TimeoutSeconds s"; Output = '' }
        }
        $output = ''
        $errorText = $null
        try { $output = (@($ps.EndInvoke($handle)) -join '') }
        catch { $errorText = "terminating error: $($_.Exception.InnerException ?? $_.Exception | ForEach-Object Message)" }
        $errors = @($ps.Streams.Error)
        if ($errors) {
            $errorText = (@($errorText) + @($errors | ForEach-Object {
                        "$($_.FullyQualifiedErrorId): $($_.Exception.Message) $($_.InvocationInfo.PositionMessage)"
                    }) | Where-Object { $_ }) -join "`n"
        }
        @{ Passed = -not $errorText; Error = $errorText; Output = $output }
    }
    finally {
        $ps.Dispose()
        $runspace.Dispose()
    }
}

$results = [System.Collections.Generic.List[object]]::new()
foreach ($c in Get-Command -Module $module.Name | Sort-Object Name) {
    if ($Command -and $c.Name -notin $Command) { continue }
    $examples = @((Get-Help $c.Name -Full).examples.example | Where-Object { $_ })
    $index = 0
    foreach ($example in $examples) {
        $index++
        $title = ($example.title -replace '^-+\s*|\s*-+$', '').Trim()
        $code = ($example.code | Out-String).Trim()
        $emulator = $null
        $directory = Join-Path ([System.IO.Path]::GetTempPath()) ("apifyps-example-" + [guid]::NewGuid().ToString('N'))
        $started = [DateTime]::UtcNow
        try {
            $emulator = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
            $null = Add-ApifyEmulatorSeed -Emulator $emulator -Actor 'web-scraper' -Builds 40 -Runs 40 -Extra @{
                buildStatuses = @('SUCCEEDED', 'SUCCEEDED', 'FAILED', 'SUCCEEDED', 'TIMED-OUT', 'SUCCEEDED', 'ABORTED', 'SUCCEEDED')
                runStatuses   = @('SUCCEEDED', 'FAILED', 'SUCCEEDED', 'SUCCEEDED', 'TIMED-OUT', 'SUCCEEDED', 'ABORTED', 'SUCCEEDED')
            }
            Use-ApifyEmulator $emulator
            $null = New-Item -ItemType Directory -Path $directory
            $r = Invoke-Example -Code $code -Directory $directory
        }
        catch {
            $r = @{ Passed = $false; Error = "the example could not be set up: $_"; Output = '' }
        }
        finally {
            if ($emulator) { Stop-ApifyEmulator $emulator }
            Remove-Item -Recurse -Force -LiteralPath $directory -ErrorAction SilentlyContinue
        }
        $results.Add([pscustomobject]@{
                Command = $c.Name
                Index   = $index
                Title   = $title
                Code    = $code
                Passed  = [bool]$r.Passed
                Error   = $r.Error
                Output  = if ($r.Output.Length -gt 4000) { $r.Output.Substring(0, 4000) + '...' } else { $r.Output }
                Seconds = [math]::Round(([DateTime]::UtcNow - $started).TotalSeconds, 2)
            })
        Write-Host ("{0,-6} {1} {2} ({3} s)" -f $(if ($r.Passed) { 'ok' } else { 'FAILED' }), $c.Name, $title, $results[-1].Seconds)
    }
}
ConvertTo-Json -InputObject @($results) -Depth 4 | Set-Content -LiteralPath $ResultPath -Encoding utf8
