# One fresh pwsh streaming one Actor's (generated) builds through `Get-ApifyBuild -Actor ... | Measure-Object`,
# then reporting the process's peak working set. Prints one JSON line {"items","ms","peakWorkingSetBytes"}.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Actor
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$sw = [System.Diagnostics.Stopwatch]::StartNew()
$count = (Get-ApifyBuild -Actor $Actor | Measure-Object).Count
$ms = $sw.Elapsed.TotalMilliseconds
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
[pscustomobject]@{ items = $count; ms = $ms; peakWorkingSetBytes = $process.PeakWorkingSet64 } | ConvertTo-Json -Compress
