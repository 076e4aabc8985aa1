<#
.SYNOPSIS
    Starts -Count runs of -MinSeconds..-MaxSeconds on the local server and waits for all of them with one
    Wait-ApifyRun, then prints how long after the longest run the wait ended, the requests it sent against the bound
    (the sum over runs of ceil(T/60)+1) and the rate-limit answers (429s) the server gave.
.DESCRIPTION
    Starts the local server (out/emulator, built by `build.ps1 Build`) with the API's rate limit on (60 requests/s per
    token and resource, 400/s for starts: PUT /__emulator/rate-limit). Seeds one Actor per whole second of duration
    between -MinSeconds and -MaxSeconds (runDurationMs), starts -Count runs spread over them (Start-ApifyRun, one
    after another), clears the server's request log, then in this process:
        $runs | Wait-ApifyRun | ForEach-Object { <the time each run was written> }
    Figures, from the server's own log and clocks (same machine): the end of the wait against the latest FinishedAt;
    for each run, when it was written against its FinishedAt (the worst and the median); the GET /v2/actor-runs/{id}
    requests against the sum over runs of ceil(T/60)+1 (T its duration, StartedAt to FinishedAt); the 429s answered.
    Not run by the tests (speed is never asserted); docs/performance.md keeps the figures measured.
.EXAMPLE
    dotnet pwsh bench/Measure-ManyWaits.ps1
.EXAMPLE
    dotnet pwsh bench/Measure-ManyWaits.ps1 -Count 50 -MinSeconds 5 -MaxSeconds 15
#>
param(
    [int] $Count = 200,
    [int] $MinSeconds = 30,
    [int] $MaxSeconds = 90
)
$ErrorActionPreference = 'Stop'
$root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $root 'out/ApifyPS/ApifyPS.psd1')
Import-Module (Join-Path $root 'tests/TestSupport/ApifyEmulator.psm1')
function LoadAverage { if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' } else { 'n/a' } }
$emulator = Start-ApifyEmulator -ArgumentList '--username', 'bench'
try {
    Use-ApifyEmulator $emulator
    $null = Set-ApifyEmulatorRateLimit -Emulator $emulator -Limit 60
    $span = $MaxSeconds - $MinSeconds + 1
    $actors = foreach ($s in $MinSeconds..$MaxSeconds) {
        (Add-ApifyEmulatorSeed -Emulator $emulator -Actor "waits-$s" -Builds 1 -Extra @{ runDurationMs = $s * 1000; logIntervalMs = 0 }).actor
    }
    # Durations spread over the range in a fixed order (37 and the span share no factor for the default range).
    $runs = for ($i = 0; $i -lt $Count; $i++) { Start-ApifyRun -Actor $actors[($i * 37) % $span] }
    Clear-ApifyEmulatorRequest $emulator
    "load average before the wait: $(LoadAverage); $Count runs of $MinSeconds-$MaxSeconds s, started in sequence"

    $written = [System.Collections.Generic.List[object]]::new()
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $runs | Wait-ApifyRun | ForEach-Object { $written.Add([pscustomobject]@{ Run = $_; WrittenAt = [DateTime]::UtcNow }) }
    $sw.Stop()
    $endedAt = [DateTime]::UtcNow

    $latest = ($written.Run.FinishedAt | Measure-Object -Maximum).Maximum
    $lags = @($written | ForEach-Object { ($_.WrittenAt - $_.Run.FinishedAt).TotalSeconds } | Sort-Object)
    $bound = ($written.Run | ForEach-Object { [math]::Ceiling(($_.FinishedAt - $_.StartedAt).TotalSeconds / 60) + 1 } | Measure-Object -Sum).Sum
    $log = @(Get-ApifyEmulatorRequest $emulator)
    $polls = @($log | Where-Object { $_.method -eq 'GET' -and $_.path -like '/v2/actor-runs/*' }).Count
    $limit = Get-ApifyEmulatorRateLimit -Emulator $emulator
    $statuses = ($written.Run | Group-Object Status | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '
    $inOrder = -not (Compare-Object @($written.Run.FinishedAt) @($written.Run.FinishedAt | Sort-Object) -SyncWindow 0)

    "load average after the wait:  $(LoadAverage)"
    '{0,-34} {1}' -f 'runs written', "$($written.Count) of $Count ($statuses); in order of finishing: $inOrder"
    '{0,-34} {1:0.0} s' -f 'the wait took', $sw.Elapsed.TotalSeconds
    '{0,-34} {1:0.000} s after the longest run ended' -f 'the wait ended', ($endedAt - $latest).TotalSeconds
    '{0,-34} median {1:0.000} s, worst {2:0.000} s' -f 'each run written after its end', $lags[[int][math]::Floor($lags.Count / 2)], $lags[-1]
    '{0,-34} {1} requests ({2} polls), bound sum(ceil(T/60)+1) = {3}: {4:0.00}x' -f 'requests during the wait', $log.Count, $polls, $bound, ($log.Count / $bound)
    '{0,-34} {1} (of {2} answers counted)' -f 'rate-limit answers (429)', $limit.limited, $limit.allowed
}
finally {
    Stop-ApifyEmulator $emulator
}
