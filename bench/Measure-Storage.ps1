#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The storage rows of the benchmark: Export-ApifyDataset against the raw download of the same URL with curl, and
    against Get-ApifyDatasetItem | Export-Csv; Add-ApifyDatasetItem against the official JavaScript client's pushItems.
.DESCRIPTION
    One local server; a run whose dataset holds -ExportItems items generated on the fly (they cost the server no
    memory). Each contender runs in a fresh process, alternated run by run, -Runs times; medians of items/s; the
    exported files must match curl's byte for byte. Prints markdown rows (the table of bench/Invoke-Benchmark.ps1)
    and returns them; build.ps1 Bench runs it after the walks. Needs curl, node and bench/node_modules (apify-client).
#>
[CmdletBinding()]
param(
    [int] $ExportItems = 1000000,
    [int] $CsvCmdletItems = 100000,
    [int] $PushItems = 100000,
    [int] $PushBatch = 10000,
    [int] $Runs = 3,
    [string] $Root = (Split-Path $PSScriptRoot -Parent)
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$bench = Join-Path $Root 'bench'
$modulePath = Join-Path $Root 'out/ApifyPS/ApifyPS.psd1'
$work = Join-Path $Root 'out/bench/storage'
$null = New-Item -ItemType Directory -Force -Path $work
$dotnet = (Get-Process -Id $PID).Path
if ((Split-Path $dotnet -Leaf) -notmatch '^dotnet(\.exe)?$') { $dotnet = 'dotnet' }
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$curl = (Get-Command curl -ErrorAction Stop).Source
$node = (Get-Command node -ErrorAction Stop).Source

function Get-Median([double[]] $values) {
    $sorted = @($values | Sort-Object); $mid = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}
function Invoke-Child([string] $what, [scriptblock] $command) {
    $output = & $command
    if ($LASTEXITCODE -ne 0) { throw "$what failed (exit code $LASTEXITCODE): $($output | Select-Object -Last 5)" }
    @($output | Where-Object { $_ -is [string] -and $_.TrimStart().StartsWith('{') })[-1] | ConvertFrom-Json
}

Import-Module (Join-Path $Root 'tests/TestSupport/ApifyEmulator.psm1') -Force
$emu = Start-ApifyEmulator -ArgumentList '--username', 'bench'
$saved = @{ APIFY_TOKEN = $env:APIFY_TOKEN; APIFY_CLIENT_BASE_URL = $env:APIFY_CLIENT_BASE_URL }
try {
    Use-ApifyEmulator $emu
    Import-Module $modulePath
    $big = Add-ApifyEmulatorSeed -Emulator $emu -Actor 'export-big' -Builds 1 -Extra @{ runDurationMs = 100; datasetItemCount = $ExportItems; logIntervalMs = 0 }
    $bigSet = (Start-ApifyRun -Actor $big.actor -Wait).DefaultDatasetId
    $small = Add-ApifyEmulatorSeed -Emulator $emu -Actor 'export-small' -Builds 1 -Extra @{ runDurationMs = 100; datasetItemCount = $CsvCmdletItems; logIntervalMs = 0 }
    $smallSet = (Start-ApifyRun -Actor $small.actor -Wait).DefaultDatasetId
    $raw = [ordered]@{}
    foreach ($k in 'CurlCsv', 'ExportCsv', 'CurlJsonl', 'ExportJsonl', 'CsvCmdlet', 'ExportCsvSmall', 'Push', 'JsPush') { $raw[$k] = @() }
    # The token goes to curl in a header file that only this user can read, not on its command line.
    $headerFile = Join-Path $work 'auth-header'
    Set-Content -Path $headerFile -Value "Authorization: Bearer $($emu.Token)" -NoNewline
    if (-not $IsWindows) { & chmod 600 $headerFile }
    function Measure-Curl([string] $format, [string] $path) {
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        & $curl -sS -f -H "@$headerFile" -o $path "$($emu.BaseUri)/v2/datasets/$bigSet/items?format=$format"
        if ($LASTEXITCODE -ne 0) { throw "curl failed ($LASTEXITCODE)" }
        [pscustomobject]@{ items = $ExportItems; ms = $sw.Elapsed.TotalMilliseconds; bytes = (Get-Item $path).Length }
    }
    foreach ($run in 1..$Runs) {
        Write-Host "Storage run $run of ${Runs}: export of $ExportItems items (csv, jsonl) against curl; $CsvCmdletItems items through Export-Csv; push of $PushItems items against apify-client"
        foreach ($format in 'csv', 'jsonl') {
            $key = if ($format -eq 'csv') { 'Csv' } else { 'Jsonl' }
            $raw["Curl$key"] += Measure-Curl $format (Join-Path $work "curl.$format")
            $raw["Export$key"] += Invoke-Child "Export-ApifyDataset $format" { & $dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $bench 'storage-apifyps.ps1') -ModulePath $modulePath -Mode Export -DatasetId $bigSet -Format $format -Path (Join-Path $work "export.$format") -Count $ExportItems }
            if ((Get-FileHash (Join-Path $work "curl.$format")).Hash -ne (Get-FileHash (Join-Path $work "export.$format")).Hash) { throw "Export-ApifyDataset's $format differs from curl's download." }
        }
        $raw.CsvCmdlet += Invoke-Child 'Get-ApifyDatasetItem | Export-Csv' { & $dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $bench 'storage-apifyps.ps1') -ModulePath $modulePath -Mode ExportCsvCmdlet -DatasetId $smallSet -Path (Join-Path $work 'cmdlet.csv') -Count $CsvCmdletItems }
        $raw.ExportCsvSmall += Invoke-Child 'Export-ApifyDataset csv (small)' { & $dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $bench 'storage-apifyps.ps1') -ModulePath $modulePath -Mode Export -DatasetId $smallSet -Format csv -Path (Join-Path $work 'small.csv') -Count $CsvCmdletItems }
        $target = New-ApifyDataset -Name "push-ps-$run"
        $raw.Push += Invoke-Child 'Add-ApifyDatasetItem' { & $dotnet $pwshDll -NoProfile -NonInteractive -File (Join-Path $bench 'storage-apifyps.ps1') -ModulePath $modulePath -Mode Push -DatasetId $target.Id -Count $PushItems }
        if ((Get-ApifyDataset -Id $target.Id).ItemCount -ne $PushItems) { throw 'Add-ApifyDatasetItem did not store every item.' }
        $jsTarget = New-ApifyDataset -Name "push-js-$run"
        $raw.JsPush += Invoke-Child 'apify-client pushItems' { & $node (Join-Path $bench 'push-apify-client.mjs') $emu.BaseUri $emu.Token $jsTarget.Id $PushItems $PushBatch }
        if ((Get-ApifyDataset -Id $jsTarget.Id).ItemCount -ne $PushItems) { throw 'pushItems did not store every item.' }
    }
    Remove-Item $headerFile
}
finally {
    Stop-ApifyEmulator $emu
    foreach ($k in $saved.Keys) { Set-Item "Env:$k" $saved[$k] -ErrorAction SilentlyContinue; if (-not $saved[$k]) { Remove-Item "Env:$k" -ErrorAction SilentlyContinue } }
}
$rate = { param($list) Get-Median @($list | ForEach-Object { $_.items / ($_.ms / 1000) }) }
$n0 = { param($v) '{0:n0}' -f $v }
$curlCsv = & $rate $raw.CurlCsv; $exportCsv = & $rate $raw.ExportCsv
$curlJsonl = & $rate $raw.CurlJsonl; $exportJsonl = & $rate $raw.ExportJsonl
$cmdlet = & $rate $raw.CsvCmdlet; $exportSmall = & $rate $raw.ExportCsvSmall
$push = & $rate $raw.Push; $jsPush = & $rate $raw.JsPush
$met = { param($ok) if ($ok) { 'yes' } else { 'NO' } }
$rows = @(
    "| items/s, Export-ApifyDataset csv of $(& $n0 $ExportItems) items vs curl of the same URL | $(& $n0 $exportCsv) | $(& $n0 $curlCsv) | $('{0:n2}x' -f ($exportCsv / $curlCsv)) | >= 0.8x | $(& $met ($exportCsv / $curlCsv -ge 0.8)) |"
    "| items/s, Export-ApifyDataset jsonl of $(& $n0 $ExportItems) items vs curl of the same URL | $(& $n0 $exportJsonl) | $(& $n0 $curlJsonl) | $('{0:n2}x' -f ($exportJsonl / $curlJsonl)) | >= 0.8x | $(& $met ($exportJsonl / $curlJsonl -ge 0.8)) |"
    "| items/s, Export-ApifyDataset csv vs Get-ApifyDatasetItem \| Export-Csv ($(& $n0 $CsvCmdletItems) items) | $(& $n0 $exportSmall) | $(& $n0 $cmdlet) | $('{0:n1}x' -f ($exportSmall / $cmdlet)) | several times | $(& $met ($exportSmall / $cmdlet -ge 3)) |"
    "| items/s, Add-ApifyDatasetItem of $(& $n0 $PushItems) items vs apify-client pushItems (batches of $(& $n0 $PushBatch)) | $(& $n0 $push) | $(& $n0 $jsPush) | $('{0:n2}x' -f ($push / $jsPush)) | >= 1.0x | $(& $met ($push / $jsPush -ge 1.0)) |"
)
$raw | ConvertTo-Json -Depth 5 | Set-Content (Join-Path $Root 'out/bench/storage.json')
$rows
