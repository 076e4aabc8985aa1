#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Two builds of the module on the same walks, to tell whether a change made ApifyPS slower: a baseline (for example
    a staged module built from the commit before the change) against a candidate (by default out/ApifyPS).
.DESCRIPTION
    One local server with -Builds builds, warmed up; then -Runs rounds, each a fresh pwsh per module, the two
    alternated so that load on the machine falls on both alike. In each process bench/walk-apifyps.ps1 walks
    `Get-ApifyBuild | Measure-Object` -Walks times (the 1st walk is a fresh process's, the last the steady state)
    and times the first object. Prints the medians and candidate/baseline ratios (below 1.0: the candidate is
    faster); asserts nothing.
.EXAMPLE
    git worktree add /tmp/base <commit> && (cd /tmp/base && dotnet pwsh ./build.ps1 Build)
    dotnet pwsh bench/Compare-Modules.ps1 -Baseline /tmp/base/out/ApifyPS/ApifyPS.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Baseline,
    [string] $Candidate,
    [int] $Builds = 100000,
    [int] $Runs = 7,
    [int] $Walks = 3,
    # The pwsh to run the walks in: by default the running one (the tool package); -ReleaseLike the benchmark's
    # ReadyToRun host (bench/New-ReleaseLikePwsh.ps1 publishes it once).
    [switch] $ReleaseLike,
    [string] $Root = (Split-Path $PSScriptRoot -Parent)
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
if (-not $Candidate) { $Candidate = Join-Path $Root 'out/ApifyPS/ApifyPS.psd1' }
foreach ($m in $Baseline, $Candidate) { if (-not (Test-Path $m)) { throw "No module manifest at $m." } }
$dotnet = (Get-Process -Id $PID).Path
if ((Split-Path $dotnet -Leaf) -notmatch '^dotnet(\.exe)?$') { $dotnet = 'dotnet' }
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$walk = Join-Path $PSScriptRoot 'walk-apifyps.ps1'
$pwshCommand = @(if ($ReleaseLike) { & (Join-Path $PSScriptRoot 'New-ReleaseLikePwsh.ps1') -Root $Root } else { $dotnet; $pwshDll })

function Get-Median([double[]] $values) {
    $sorted = @($values | Sort-Object)
    $mid = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

function Invoke-Walk([string] $module) {
    $output = & $pwshCommand[0] @($pwshCommand | Select-Object -Skip 1) -NoProfile -NonInteractive -File $walk -ModulePath $module -Walks $Walks -FirstObjectRuns 9
    if ($LASTEXITCODE -ne 0) { throw "The walk with $module failed: $($output | Select-Object -Last 3)" }
    @($output | Where-Object { $_ -is [string] -and $_.TrimStart().StartsWith('{') })[-1] | ConvertFrom-Json
}

Import-Module (Join-Path $Root 'tests/TestSupport/ApifyEmulator.psm1') -Force
$emu = Start-ApifyEmulator -ArgumentList '--username', 'bench'
$saved = @{ APIFY_TOKEN = $env:APIFY_TOKEN; APIFY_CLIENT_BASE_URL = $env:APIFY_CLIENT_BASE_URL }
try {
    $null = Add-ApifyEmulatorSeed -Emulator $emu -Actor 'bench' -Builds $Builds
    Use-ApifyEmulator $emu
    $http = [System.Net.Http.HttpClient]::new()
    $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $emu.Token)
    foreach ($warm in 1..2) {
        for ($offset = 0; $offset -lt $Builds; $offset += 1000) {
            $null = $http.GetByteArrayAsync("$($emu.BaseUri)/v2/actor-builds?offset=$offset").GetAwaiter().GetResult()
        }
    }
    $http.Dispose()
    $results = @{ Baseline = @(); Candidate = @() }
    foreach ($run in 1..$Runs) {
        # Alternate which goes first, so neither always meets a warmer or colder machine.
        $order = if ($run % 2) { 'Baseline', 'Candidate' } else { 'Candidate', 'Baseline' }
        foreach ($which in $order) {
            $results[$which] += Invoke-Walk $(if ($which -eq 'Baseline') { $Baseline } else { $Candidate })
        }
        Write-Host "round $run of $Runs done"
    }
    $load = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' }
    Write-Host "`n$Builds builds, $Runs fresh processes per module$(if ($ReleaseLike) { ' (release-like pwsh)' }), load average $load"
    Write-Host ('{0,-26} {1,12} {2,12} {3,8}' -f 'median', 'baseline', 'candidate', 'ratio')
    foreach ($w in 1..$Walks) {
        $b = Get-Median ($results.Baseline | ForEach-Object { $_.walks[$w - 1].ms })
        $c = Get-Median ($results.Candidate | ForEach-Object { $_.walks[$w - 1].ms })
        Write-Host ('{0,-26} {1,12:N0} {2,12:N0} {3,8:N2}' -f "walk $w (ms)", $b, $c, ($c / $b))
    }
    $bf = Get-Median ($results.Baseline | ForEach-Object { Get-Median $_.firstMs })
    $cf = Get-Median ($results.Candidate | ForEach-Object { Get-Median $_.firstMs })
    Write-Host ('{0,-26} {1,12:N1} {2,12:N1} {3,8:N2}' -f 'first object (ms)', $bf, $cf, ($cf / $bf))
}
finally {
    foreach ($k in $saved.Keys) { Set-Item "Env:$k" $saved[$k] -ErrorAction SilentlyContinue; if (-not $saved[$k]) { Remove-Item "Env:$k" -ErrorAction SilentlyContinue } }
    Stop-ApifyEmulator -Emulator $emu
}
