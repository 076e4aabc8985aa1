# One fresh pwsh for the storage rows of the benchmark. -Mode Export: Export-ApifyDataset of the dataset in -Format
# to a file; -Mode ExportCsvCmdlet: Get-ApifyDatasetItem | Export-Csv (what a user without Export-ApifyDataset
# writes); -Mode Push: Add-ApifyDatasetItem of -Count items made beforehand (the shape push-apify-client.mjs makes).
# Prints one JSON line {"items","ms","bytes"}. APIFY_TOKEN and APIFY_CLIENT_BASE_URL point at the server.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [ValidateSet('Export', 'ExportCsvCmdlet', 'Push')] [string] $Mode,
    [Parameter(Mandatory)] [string] $DatasetId,
    [string] $Format = 'csv',
    [string] $Path,
    [int] $Count
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
switch ($Mode) {
    'Export' {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        Export-ApifyDataset -DatasetId $DatasetId -Format $Format -Path $Path -Force -ProgressAction SilentlyContinue
        $ms = $sw.Elapsed.TotalMilliseconds
        [pscustomobject]@{ items = $Count; ms = $ms; bytes = (Get-Item $Path).Length } | ConvertTo-Json -Compress
    }
    'ExportCsvCmdlet' {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        Get-ApifyDatasetItem -DatasetId $DatasetId | Export-Csv -Path $Path -NoTypeInformation
        $ms = $sw.Elapsed.TotalMilliseconds
        [pscustomobject]@{ items = $Count; ms = $ms; bytes = (Get-Item $Path).Length } | ConvertTo-Json -Compress
    }
    'Push' {
        $items = [object[]]::new($Count)
        for ($i = 0; $i -lt $Count; $i++) {
            $items[$i] = [pscustomobject]@{ id = $i; name = "item $i"; price = $i / 100; tags = @('a', 'b'); seller = [pscustomobject]@{ name = "seller $($i % 10)" } }
        }
        # Where the push's time goes: JIT compilation and GC pauses during it (as bench/walk-apifyps.ps1 counts them).
        $jitMs = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds
        $gcMs = [GC]::GetTotalPauseDuration().TotalMilliseconds
        $gen2 = [GC]::CollectionCount(2); $gen1 = [GC]::CollectionCount(1); $gen0 = [GC]::CollectionCount(0)
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $items | Add-ApifyDatasetItem -DatasetId $DatasetId
        $ms = $sw.Elapsed.TotalMilliseconds
        [pscustomobject]@{
            items = $Count; ms = $ms; bytes = 0
            jitMs = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds - $jitMs
            gcPauseMs = [GC]::GetTotalPauseDuration().TotalMilliseconds - $gcMs
            gen2Collections = [GC]::CollectionCount(2) - $gen2
            gen1Collections = [GC]::CollectionCount(1) - $gen1
            gen0Collections = [GC]::CollectionCount(0) - $gen0
        } | ConvertTo-Json -Compress
    }
}
