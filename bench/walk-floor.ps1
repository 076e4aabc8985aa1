# The PowerShell floor for a walk: the same number of objects of the same type as ApifyPS's walk writes
# (ApifyBuild), made beforehand in memory, sent through the same `| Measure-Object`, -Walks times in one fresh
# process. It is what PowerShell itself costs for the pipeline a walk ends in: ApifyPS's walk over this is the
# share that is ApifyPS's (its requests, JSON and paging). Prints one JSON line {"walks":[{"items","ms"}]}.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 100000,
    [int] $Walks = 3
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
# Made beforehand, untimed; the type is the one a walk writes, so the same views and type data apply.
$objects = [ApifyPS.Models.ApifyBuild[]]::new($Count)
$started = [datetime]::new(2026, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)
for ($i = 0; $i -lt $Count; $i++) {
    $o = [ApifyPS.Models.ApifyBuild]::new(); $o.Id = "b$i"; $o.ActorId = 'a'; $o.Status = 'SUCCEEDED'; $o.StartedAt = $started
    $objects[$i] = $o
}
$walkResults = foreach ($w in 1..$Walks) {
    # Where a walk's time goes besides the walking: JIT compilation (all threads) and GC pauses, as the runtime
    # counts them (System.Runtime.JitInfo, GC.GetTotalPauseDuration).
    $jitMs = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds
    $jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
    $gcMs = [GC]::GetTotalPauseDuration().TotalMilliseconds
    $gcs = [GC]::CollectionCount(0)
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $n = ($objects | Measure-Object).Count
    [pscustomobject]@{
        items = $n; ms = $sw.Elapsed.TotalMilliseconds
        jitMs = [System.Runtime.JitInfo]::GetCompilationTime($false).TotalMilliseconds - $jitMs
        jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitMethods
        gcPauseMs = [GC]::GetTotalPauseDuration().TotalMilliseconds - $gcMs
        gcCount = [GC]::CollectionCount(0) - $gcs
    }
}
[pscustomobject]@{ walks = @($walkResults) } | ConvertTo-Json -Compress -Depth 4
