<#
.SYNOPSIS
    Build report for one Actor: the newest builds, the ones that failed, and a CSV of the failures.
.DESCRIPTION
    What an administrator runs on a Monday morning (or from a scheduled task): which builds of our scraper ran
    lately, which of them failed, exported for the ticket. Needs ApifyPS imported and a connection
    ($env:APIFY_TOKEN, and $env:APIFY_CLIENT_BASE_URL when not talking to api.apify.com).
.EXAMPLE
    ./Get-BuildReport.ps1 -Actor janedoe~web-scraper -CsvPath ./failed-builds.csv
#>
param(
    [Parameter(Mandatory)] [string] $Actor,
    [string] $CsvPath = './failed-builds.csv',
    [int] $Newest = 100
)
$ErrorActionPreference = 'Stop'

Write-Host "== The 10 newest builds of $Actor"
Get-ApifyBuild -Actor $Actor -Descending -First 10 | Format-Table -AutoSize | Out-Host

Write-Host "== Builds that did not succeed among the newest $Newest"
$failed = @(Get-ApifyBuild -Actor $Actor -Descending -First $Newest | Where-Object Status -ne 'SUCCEEDED')
$failed | Format-Table -AutoSize | Out-Host

Write-Host "== By status, all builds"
Get-ApifyBuild -Actor $Actor | Group-Object Status -NoElement | Sort-Object Count -Descending | Format-Table -AutoSize | Out-Host

$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent ([IO.Path]::GetFullPath($CsvPath)))
$failed | Select-Object Id, BuildNumber, Status, StartedAt, FinishedAt, Duration, Origin |
    Export-Csv -Path $CsvPath -NoTypeInformation
Write-Host "Wrote $($failed.Count) failed builds to $CsvPath"
