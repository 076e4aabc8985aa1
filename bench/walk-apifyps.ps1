# One fresh pwsh for ApifyPS: imports the module, walks the user's builds with `Get-ApifyBuild | Measure-Object`
# (walk 1 is the first in the process, the last one warmed up), then times the first object (`Get-ApifyBuild |
# Select-Object -First 1`) against one plain page request (the same page, read to the end with HttpClient),
# interleaved, in the now warm process; then walks -LatencyActor's builds (a slow server) if given.
# Prints one JSON line. APIFY_TOKEN and APIFY_CLIENT_BASE_URL point at the server.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Walks = 2,
    [int] $FirstObjectRuns = 15,
    [string] $LatencyActor
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$walkResults = foreach ($w in 1..$Walks) {
    # Where a walk's time goes besides the walking: JIT compilation (all threads) and GC pauses, as the runtime
    # counts them (System.Runtime.JitInfo, GC.GetTotalPauseDuration).
    $jitMs = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds
    $jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    $gcMs = [GC]::GetTotalPauseDuration().TotalMilliseconds
    $gcs = [GC]::CollectionCount(0)
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $count = (Get-ApifyBuild | Measure-Object).Count
    [pscustomobject]@{
        items = $count; ms = $sw.Elapsed.TotalMilliseconds
        jitMs = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds - $jitMs
        jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitMethods
        gcPauseMs = [GC]::GetTotalPauseDuration().TotalMilliseconds - $gcMs
        gcCount = [GC]::CollectionCount(0) - $gcs
    }
}
$http = [System.Net.Http.HttpClient]::new()
$http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $env:APIFY_TOKEN)
$pageUri = [uri]::new([uri]$env:APIFY_CLIENT_BASE_URL, '/v2/actor-builds')
$firstMs = @(); $pageMs = @()
foreach ($i in $(if ($FirstObjectRuns -gt 0) { 1..($FirstObjectRuns + 3) })) {
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $null = Get-ApifyBuild | Select-Object -First 1
    $first = $sw.Elapsed.TotalMilliseconds
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $null = $http.GetByteArrayAsync($pageUri).GetAwaiter().GetResult()
    $page = $sw.Elapsed.TotalMilliseconds
    if ($i -gt 3) { $firstMs += $first; $pageMs += $page } # the first three warm both paths up
}
$latency = $null
if ($LatencyActor) {
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $count = (Get-ApifyBuild -Actor $LatencyActor | Measure-Object).Count
    $latency = [pscustomobject]@{ items = $count; ms = $sw.Elapsed.TotalMilliseconds }
}
[pscustomobject]@{ walks = @($walkResults); firstMs = $firstMs; pageMs = $pageMs; latency = $latency } | ConvertTo-Json -Compress -Depth 4
