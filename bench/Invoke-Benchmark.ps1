#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The ApifyPS benchmark (build.ps1 Bench): ApifyPS against the official JavaScript client and a plain
    Invoke-RestMethod loop, streaming memory, and import time, against the local server on loopback; each walk in
    fresh processes of two pwsh: the build machine's (the .NET tool package, its engine not ReadyToRun) and a
    release-like one (bench/ReleaseLikePwsh: the same PowerShell published ReadyToRun, as the packages users install
    are), with the PowerShell floor (the same objects made beforehand, through the same | Measure-Object) on both.
.DESCRIPTION
    Expects the staged module (out/ApifyPS) and server (out/emulator): build.ps1 Bench builds them first.
    Installs the pinned apify-client (bench/package.json) into bench/node_modules when missing.
    Every figure is the median of -Runs runs, each in a fresh process, contenders interleaved run by run so that
    the machine's noise falls on all of them alike; the table shows ratios. docs/performance.md explains the method.
    Writes the table to out/bench/latest.md and the raw figures to out/bench/latest.json.
#>
[CmdletBinding()]
param(
    [int] $Builds = 100000,
    [int] $Runs = 5,
    # Walks per process: the 1st is a fresh process's, the last the warmed-up steady state.
    [int] $Walks = 3,
    [int] $SmallStream = 10000,
    [int] $LargeStream = 1000000,
    [int] $MemoryRuns = 3,
    [int] $ImportRuns = 15,
    # A slower server, as over the Internet: builds generated on the fly, every page answered this late.
    [int] $LatencyBuilds = 20000,
    [int] $LatencyMs = 25,
    # Start the server with --compress (br/gzip when asked, as the real API does).
    [switch] $Compress,
    # The storage rows (bench/Measure-Storage.ps1: export against curl, push against apify-client); -StorageRuns 0 skips them.
    [int] $StorageRuns = 3,
    [string] $Root = (Split-Path $PSScriptRoot -Parent)
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

$bench = Join-Path $Root 'bench'
$modulePath = Join-Path $Root 'out/ApifyPS/ApifyPS.psd1'
$outDir = Join-Path $Root 'out/bench'
$dotnet = (Get-Process -Id $PID).Path
if ((Split-Path $dotnet -Leaf) -notmatch '^dotnet(\.exe)?$') { $dotnet = 'dotnet' }
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$releaseLike = & (Join-Path $bench 'New-ReleaseLikePwsh.ps1') -Root $Root
if (-not (Test-Path $modulePath)) { throw "No staged module at $modulePath; run ./build.ps1 Bench (it builds first)." }
$null = New-Item -ItemType Directory -Force -Path $outDir

function Get-Median([double[]] $values) {
    $sorted = @($values | Sort-Object)
    if ($sorted.Count -eq 0) { return [double]::NaN }
    $mid = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' }
}

function Invoke-Child([string] $what, [scriptblock] $command) {
    # Runs one child process and parses the JSON line it prints last.
    $output = & $command
    if ($LASTEXITCODE -ne 0) { throw "$what failed (exit code $LASTEXITCODE): $($output | Select-Object -Last 5)" }
    $line = @($output | Where-Object { $_ -is [string] -and $_.TrimStart().StartsWith('{') })[-1]
    if (-not $line) { throw "$what printed no result: $($output | Select-Object -Last 5)" }
    $line | ConvertFrom-Json
}

# --- the official JavaScript client, pinned in bench/package.json ---
$node = Get-Command node -ErrorAction SilentlyContinue
$npm = Get-Command npm -ErrorAction SilentlyContinue
if (-not $node -or -not $npm) { throw 'The benchmark needs Node.js and npm (for the official apify-client).' }
$pinned = (Get-Content -Raw (Join-Path $bench 'package.json') | ConvertFrom-Json).dependencies.'apify-client'
$installed = Join-Path $bench 'node_modules/apify-client/package.json'
if (-not (Test-Path $installed) -or (Get-Content -Raw $installed | ConvertFrom-Json).version -ne $pinned) {
    Write-Host "Installing apify-client $pinned into bench/node_modules"
    Push-Location $bench
    try {
        & $npm.Source install --no-package-lock --no-audit --no-fund --loglevel=error | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "npm install failed (exit code $LASTEXITCODE)." }
    }
    finally { Pop-Location }
}

Import-Module (Join-Path $Root 'tests/TestSupport/ApifyEmulator.psm1') -Force
$loadBefore = Get-LoadAverage
$serverArgs = @('--username', 'bench') + $(if ($Compress) { @('--compress') } else { @() })
$emu = Start-ApifyEmulator -ArgumentList $serverArgs
$savedEnv = @{ APIFY_TOKEN = $env:APIFY_TOKEN; APIFY_CLIENT_BASE_URL = $env:APIFY_CLIENT_BASE_URL }
try {
    Write-Host "Local server at $($emu.BaseUri)$(if ($Compress) { ' (compressing)' }); seeding $Builds builds"
    $null = Add-ApifyEmulatorSeed -Emulator $emu -Actor 'bench' -Builds $Builds
    $small = Add-ApifyEmulatorSeed -Emulator $emu -Actor 'stream-small' -Extra @{ generatedBuilds = $SmallStream }
    $large = Add-ApifyEmulatorSeed -Emulator $emu -Actor 'stream-large' -Extra @{ generatedBuilds = $LargeStream }
    $slow = Add-ApifyEmulatorSeed -Emulator $emu -Actor 'latency' -Extra @{ generatedBuilds = $LatencyBuilds; generatedDelayMs = $LatencyMs }
    Use-ApifyEmulator $emu

    # Warm the server up (its JIT, its caches) so that no contender pays for it: two plain walks.
    $http = [System.Net.Http.HttpClient]::new()
    $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $emu.Token)
    foreach ($warm in 1..2) {
        for ($offset = 0; $offset -lt $Builds; $offset += 1000) {
            $null = $http.GetByteArrayAsync("$($emu.BaseUri)/v2/actor-builds?offset=$offset").GetAwaiter().GetResult()
        }
        $null = $http.GetByteArrayAsync("$($emu.BaseUri)/v2/actors/$($small.actor)/builds").GetAwaiter().GetResult()
    }
    $http.Dispose()

    $raw = [ordered]@{ ApifyPS = @(); ApifyClient = @(); InvokeRestMethod = @(); ApifyPSReleaseLike = @(); Floor = @(); FloorReleaseLike = @(); Small = @(); Large = @(); Import = @(); Bare = @(); PSResourceGet = @(); ImportInside = @(); PSResourceGetInside = @() }
    foreach ($run in 1..$Runs) {
        Write-Host "Run $run of ${Runs}: ApifyPS, apify-client, Invoke-RestMethod, ApifyPS on the release-like pwsh, the PowerShell floor on both"
        $raw.ApifyPS += Invoke-Child 'ApifyPS walk' { & $dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $bench 'walk-apifyps.ps1') -ModulePath $modulePath -Walks $Walks -LatencyActor $slow.actor }
        $raw.ApifyClient += Invoke-Child 'apify-client walk' { & $node.Source (Join-Path $bench 'walk-apify-client.mjs') $emu.BaseUri $emu.Token $Walks $slow.actor }
        $raw.InvokeRestMethod += Invoke-Child 'Invoke-RestMethod walk' { & $dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $bench 'walk-invoke-restmethod.ps1') -Walks $Walks }
        $raw.ApifyPSReleaseLike += Invoke-Child 'ApifyPS walk (release-like pwsh)' { & $releaseLike -NoProfile -NonInteractive -File (Join-Path $bench 'walk-apifyps.ps1') -ModulePath $modulePath -Walks $Walks -FirstObjectRuns 0 }
        $raw.Floor += Invoke-Child 'PowerShell floor' { & $dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $bench 'walk-floor.ps1') -ModulePath $modulePath -Count $Builds -Walks $Walks }
        $raw.FloorReleaseLike += Invoke-Child 'PowerShell floor (release-like pwsh)' { & $releaseLike -NoProfile -NonInteractive -File (Join-Path $bench 'walk-floor.ps1') -ModulePath $modulePath -Count $Builds -Walks $Walks }
    }
    foreach ($run in 1..$MemoryRuns) {
        Write-Host "Memory run $run of ${MemoryRuns}: $SmallStream and $LargeStream builds generated on the fly"
        $raw.Small += Invoke-Child 'small stream' { & $dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $bench 'stream-apifyps.ps1') -ModulePath $modulePath -Actor $small.actor }
        $raw.Large += Invoke-Child 'large stream' { & $dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $bench 'stream-apifyps.ps1') -ModulePath $modulePath -Actor $large.actor }
    }
    # Import: `pwsh -NoProfile -c 'Import-Module ApifyPS'` (by name, from out/ on PSModulePath) against `pwsh -NoProfile -c 1`.
    $savedModulePath = $env:PSModulePath
    $env:PSModulePath = (Join-Path $Root 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
    try {
        Write-Host "Import: $ImportRuns runs each"
        foreach ($run in 1..$ImportRuns) {
            foreach ($case in 'Bare', 'Import', 'PSResourceGet') {
                $command = switch ($case) { 'Import' { 'Import-Module ApifyPS' } 'PSResourceGet' { 'Import-Module Microsoft.PowerShell.PSResourceGet' } default { '1' } }
                $sw = [System.Diagnostics.Stopwatch]::StartNew()
                $null = & $dotnet $pwshDll -NoProfile -NonInteractive -c $command
                if ($LASTEXITCODE -ne 0) { throw "pwsh -c '$command' failed (exit code $LASTEXITCODE)." }
                $raw[$case] += $sw.Elapsed.TotalMilliseconds
            }
            # The same imports timed inside the fresh process: what the import itself costs, without the process's
            # start and exit, whose noise on a shared machine (tens of ms) is larger than the difference measured.
            foreach ($case in 'ImportInside', 'PSResourceGetInside') {
                $name = if ($case -eq 'ImportInside') { 'ApifyPS' } else { 'Microsoft.PowerShell.PSResourceGet' }
                $output = & $dotnet $pwshDll -NoProfile -NonInteractive -c "`$sw = [System.Diagnostics.Stopwatch]::StartNew(); Import-Module $name; [int] `$sw.Elapsed.TotalMilliseconds"
                if ($LASTEXITCODE -ne 0) { throw "Import-Module $name timed inside pwsh failed (exit code $LASTEXITCODE)." }
                $raw[$case] += [double] @($output)[-1]
            }
        }
    }
    finally { $env:PSModulePath = $savedModulePath }
}
finally {
    Stop-ApifyEmulator $emu
    foreach ($k in $savedEnv.Keys) { Set-Item "Env:$k" -Value $savedEnv[$k] -ErrorAction SilentlyContinue; if (-not $savedEnv[$k]) { Remove-Item "Env:$k" -ErrorAction SilentlyContinue } }
}
$storageRows = @(if ($StorageRuns -gt 0) { & (Join-Path $bench 'Measure-Storage.ps1') -Runs $StorageRuns -Root $Root })
$loadAfter = Get-LoadAverage

# --- figures ---
function Get-WalkRate($results, [int] $walk) {
    Get-Median @($results | ForEach-Object { $w = $_.walks[$walk]; if ($w.items -ne $Builds) { throw "A walk saw $($w.items) items, not $Builds." }; $w.items / ($w.ms / 1000) })
}
$ps1 = Get-WalkRate $raw.ApifyPS 0; $ps2 = Get-WalkRate $raw.ApifyPS ($Walks - 1)
$js1 = Get-WalkRate $raw.ApifyClient 0; $js2 = Get-WalkRate $raw.ApifyClient ($Walks - 1)
$irm1 = Get-WalkRate $raw.InvokeRestMethod 0; $irm2 = Get-WalkRate $raw.InvokeRestMethod ($Walks - 1)
$rl1 = Get-WalkRate $raw.ApifyPSReleaseLike 0; $rl2 = Get-WalkRate $raw.ApifyPSReleaseLike ($Walks - 1)
$floor1 = Get-WalkRate $raw.Floor 0; $floor2 = Get-WalkRate $raw.Floor ($Walks - 1)
$floorRl1 = Get-WalkRate $raw.FloorReleaseLike 0; $floorRl2 = Get-WalkRate $raw.FloorReleaseLike ($Walks - 1)
$first = Get-Median @($raw.ApifyPS | ForEach-Object { Get-Median $_.firstMs })
$page = Get-Median @($raw.ApifyPS | ForEach-Object { Get-Median $_.pageMs })
$jsFirst = Get-Median @($raw.ApifyClient | ForEach-Object { $_.walks[$Walks - 1].firstMs })
function Get-LatencyRate($results) {
    Get-Median @($results | ForEach-Object { if ($_.latency.items -ne $LatencyBuilds) { throw "A slow walk saw $($_.latency.items) items." }; $_.latency.items / ($_.latency.ms / 1000) })
}
$psSlow = Get-LatencyRate $raw.ApifyPS; $jsSlow = Get-LatencyRate $raw.ApifyClient
foreach ($s in @($raw.Small) + @($raw.Large)) { if ($s.items -notin $SmallStream, $LargeStream) { throw "A stream saw $($s.items) items." } }
$smallMb = (Get-Median @($raw.Small.peakWorkingSetBytes)) / 1MB
$largeMb = (Get-Median @($raw.Large.peakWorkingSetBytes)) / 1MB
$largeRate = Get-Median @($raw.Large | ForEach-Object { $_.items / ($_.ms / 1000) })
$bare = Get-Median $raw.Bare; $import = Get-Median $raw.Import
$importAdds = ($import - $bare) / $bare
$psrg = Get-Median $raw.PSResourceGet; $psrgAdds = ($psrg - $bare) / $bare
$importInside = Get-Median $raw.ImportInside; $psrgInside = Get-Median $raw.PSResourceGetInside

function Get-WalkCostLine([string] $what, $results) {
    # Where each walk's time went, as the runtime counted it in the walking process (medians over the runs).
    $parts = foreach ($w in 0..($Walks - 1)) {
        $ms = Get-Median @($results | ForEach-Object { $_.walks[$w].ms })
        $jit = Get-Median @($results | ForEach-Object { $_.walks[$w].jitMs })
        $methods = Get-Median @($results | ForEach-Object { $_.walks[$w].jitMethods })
        $gc = Get-Median @($results | ForEach-Object { $_.walks[$w].gcPauseMs })
        'walk {0}: {1:n0} ms, JIT {2:n0} ms ({3:n0} methods), GC pauses {4:n0} ms' -f ($w + 1), $ms, $jit, $methods, $gc
    }
    "- ${what}: $($parts -join '; ')"
}
function Row($measure, $apifyps, $other, $ratio, $target, $met) {
    # $met: $true/$false against the issue's target, $null for a row given for information.
    [pscustomobject]@{ Measure = $measure; ApifyPS = $apifyps; Other = $other; Ratio = $ratio; Target = $target; Met = $(if ($null -eq $met) { '-' } elseif ($met) { 'yes' } else { 'NO' }) }
}
$n0 = { param($v) '{0:n0}' -f $v }
$rows = @(
    Row 'items/s, 1st walk in a fresh process (tool pwsh) vs apify-client (JS)' (& $n0 $ps1) (& $n0 $js1) ('{0:n2}x' -f ($ps1 / $js1)) '>= 1.0x' ($ps1 / $js1 -ge 1.0)
    Row 'items/s, 1st walk in a fresh release-like pwsh (ReadyToRun) vs apify-client (JS)' (& $n0 $rl1) (& $n0 $js1) ('{0:n2}x' -f ($rl1 / $js1)) '>= 1.0x' ($rl1 / $js1 -ge 1.0)
    Row "items/s, walk $Walks in the same process (warm) vs apify-client (JS)" (& $n0 $ps2) (& $n0 $js2) ('{0:n2}x' -f ($ps2 / $js2)) '>= 1.5x' ($ps2 / $js2 -ge 1.5)
    Row "items/s, walk $Walks (warm), release-like pwsh, vs apify-client (JS)" (& $n0 $rl2) (& $n0 $js2) ('{0:n2}x' -f ($rl2 / $js2)) '>= 1.5x' ($rl2 / $js2 -ge 1.5)
    Row 'items/s, 1st walk vs Invoke-RestMethod loop' (& $n0 $ps1) (& $n0 $irm1) ('{0:n2}x' -f ($ps1 / $irm1)) '>= 5x' ($ps1 / $irm1 -ge 5)
    Row "items/s, walk $Walks (warm) vs Invoke-RestMethod loop" (& $n0 $ps2) (& $n0 $irm2) ('{0:n2}x' -f ($ps2 / $irm2)) '>= 5x' ($ps2 / $irm2 -ge 5)
    Row 'items/s vs the PowerShell floor (same objects made beforehand, same | Measure-Object): time ratio, 1st walk, tool pwsh' (& $n0 $ps1) (& $n0 $floor1) ('{0:n2}x' -f ($floor1 / $ps1)) '(none)' $null
    Row 'items/s vs the PowerShell floor: time ratio, 1st walk, release-like pwsh' (& $n0 $rl1) (& $n0 $floorRl1) ('{0:n2}x' -f ($floorRl1 / $rl1)) '<= 1.3x' ($floorRl1 / $rl1 -le 1.3)
    Row "items/s vs the PowerShell floor: time ratio, walk $Walks (warm), release-like pwsh" (& $n0 $rl2) (& $n0 $floorRl2) ('{0:n2}x' -f ($floorRl2 / $rl2)) '<= 1.3x' ($floorRl2 / $rl2 -le 1.3)
    Row "items/s, server answering each page after $LatencyMs ms, vs apify-client (JS)" (& $n0 $psSlow) (& $n0 $jsSlow) ('{0:n2}x' -f ($psSlow / $jsSlow)) '(none)' $null
    Row 'first object (ms) vs one page request (ms)' ('{0:n1}' -f $first) ('{0:n1}' -f $page) ('{0:n2}x' -f ($first / $page)) '<= 1.5x' ($first / $page -le 1.5)
    Row "peak working set (MB), $LargeStream vs $SmallStream items" ('{0:n0}' -f $largeMb) ('{0:n0}' -f $smallMb) ('+{0:n0} MB' -f ($largeMb - $smallMb)) '< +50 MB' (($largeMb - $smallMb) -lt 50)
    Row "pwsh -c 'Import-Module ApifyPS' vs pwsh -c 1 (ms)" (& $n0 $import) (& $n0 $bare) ('+{0:p0}' -f $importAdds) '(none)' $null
    Row "pwsh -c 'Import-Module ApifyPS' vs 'Import-Module Microsoft.PowerShell.PSResourceGet' (ms)" (& $n0 $import) (& $n0 $psrg) ('{0:n2}x (PSResourceGet +{1:p0})' -f ($import / $psrg), $psrgAdds) '<= 1.0x' ($import -le $psrg)
    Row "Import-Module ApifyPS vs Import-Module Microsoft.PowerShell.PSResourceGet, timed inside a fresh pwsh (ms)" (& $n0 $importInside) (& $n0 $psrgInside) ('{0:n2}x' -f ($importInside / $psrgInside)) '<= 1.0x' ($importInside -le $psrgInside)
)

$machine = "{0} cores, {1}; pwsh {2}; node {3}; load average {4} before, {5} after" -f [Environment]::ProcessorCount,
    [System.Runtime.InteropServices.RuntimeInformation]::OSDescription.Trim(), $PSVersionTable.PSVersion, (& $node.Source --version), $loadBefore, $loadAfter
$md = @(
    "Taken $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC; $Builds builds, $Runs runs (memory: $MemoryRuns, import: $ImportRuns); server $(if ($Compress) { 'compressing (br/gzip)' } else { 'not compressing' }); $machine."
    ''
    '| Measure | ApifyPS | Other | Ratio | Target | Met |'
    '|---|---:|---:|---:|---|---|'
    ($rows | ForEach-Object { "| $($_.Measure) | $($_.ApifyPS) | $($_.Other) | $($_.Ratio) | $($_.Target) | $($_.Met) |" })
    $storageRows
    ''
    (Get-WalkCostLine 'ApifyPS, tool pwsh' $raw.ApifyPS)
    (Get-WalkCostLine 'ApifyPS, release-like pwsh' $raw.ApifyPSReleaseLike)
    (Get-WalkCostLine 'PowerShell floor, tool pwsh' $raw.Floor)
    (Get-WalkCostLine 'PowerShell floor, release-like pwsh' $raw.FloorReleaseLike)
    ''
    ('For reference: apify-client''s first item after {0:n1} ms (its last walk); ApifyPS streamed the {2:n0} generated builds at {1:n0} items/s (1st walk in a fresh process).' -f $jsFirst, $largeRate, $LargeStream)
)
$md | Set-Content -Path (Join-Path $outDir 'latest.md')
[pscustomobject]@{ machine = $machine; compress = [bool]$Compress; raw = $raw } | ConvertTo-Json -Depth 8 | Set-Content -Path (Join-Path $outDir 'latest.json')
$md | Out-Host
Write-Host "Written to $(Join-Path $outDir 'latest.md') (raw figures: latest.json)"
