<#
.SYNOPSIS
    Streams a run's generated dataset items through Get-ApifyDatasetItem and through a plain Invoke-RestMethod paging
    loop, and prints what each took and how much memory stayed live.
.DESCRIPTION
    Starts the local server (out/emulator, built by `build.ps1 Build`), seeds an Actor whose runs write -Count items
    generated on the fly, runs it, then in this process:
      - ApifyPS: `Get-ApifyDatasetItem | ForEach-Object` (items as PSCustomObjects), sampling the live heap after a
        full garbage collection every tenth of the way;
      - Invoke-RestMethod: offset/limit pages of the same size until a short page, the items sent down the same
        ForEach-Object.
    Prints one line per contender. Figures depend on the machine's load: compare them side by side, not across runs.
.EXAMPLE
    dotnet pwsh bench/Measure-DatasetItems.ps1 -Count 1000000
#>
param(
    [int] $Count = 200000,
    [int] $PageSize = 1000,
    [switch] $SkipInvokeRestMethod
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $root 'out/ApifyPS/ApifyPS.psd1')
Import-Module (Join-Path $root 'tests/TestSupport/ApifyEmulator.psm1')
$emulator = Start-ApifyEmulator -ArgumentList '--username', 'bench'
try {
    Use-ApifyEmulator $emulator
    $seed = Add-ApifyEmulatorSeed -Emulator $emulator -Actor 'items' -Builds 1 -Extra @{ runDurationMs = 100; datasetItemCount = $Count; logIntervalMs = 0 }
    $run = Start-ApifyRun -Actor $seed.actor -Wait
    "load average: $(if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' } else { 'n/a' }); $Count items, pages of $PageSize"

    $every = [math]::Max(1, [int]($Count / 10))
    $heap = [System.Collections.Generic.List[double]]::new()
    $n = 0
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $run | Get-ApifyDatasetItem -PageSize $PageSize | ForEach-Object {
        $n++
        if ($n % $every -eq 0) { $sw.Stop(); $heap.Add([GC]::GetTotalMemory($true) / 1MB); $sw.Start() }
    }
    $sw.Stop()
    $process = [System.Diagnostics.Process]::GetCurrentProcess()
    $process.Refresh()
    '{0,-18} {1,9:N0} items in {2,6:0.0} s ({3,7:N0} items/s); live heap after full GCs {4:0}..{5:0} MB; peak working set {6:0} MB' -f `
        'Get-ApifyDatasetItem', $n, $sw.Elapsed.TotalSeconds, ($n / $sw.Elapsed.TotalSeconds), ($heap | Measure-Object -Minimum).Minimum,
        ($heap | Measure-Object -Maximum).Maximum, ($process.PeakWorkingSet64 / 1MB)

    if (-not $SkipInvokeRestMethod) {
        $headers = @{ Authorization = "Bearer $($emulator.Token)" }
        $n = 0
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        & {
            $offset = 0
            while ($true) {
                $page = Invoke-RestMethod -Headers $headers -Uri "$($emulator.BaseUri)/v2/datasets/$($run.DefaultDatasetId)/items?offset=$offset&limit=$PageSize"
                $page
                $offset += $page.Count
                if ($page.Count -lt $PageSize) { break }
            }
        } | ForEach-Object { $n++ }
        $sw.Stop()
        '{0,-18} {1,9:N0} items in {2,6:0.0} s ({3,7:N0} items/s)' -f 'Invoke-RestMethod', $n, $sw.Elapsed.TotalSeconds, ($n / $sw.Elapsed.TotalSeconds)
    }
}
finally {
    Stop-ApifyEmulator $emulator
}
