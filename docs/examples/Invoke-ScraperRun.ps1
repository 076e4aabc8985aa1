<#
.SYNOPSIS
    Runs a scraper Actor, follows its log while it works, and exports what it found.
.DESCRIPTION
    The daily job of an administrator, as a script a scheduled task can run: start the Actor with this run's input,
    show its log while waiting, stop with exit code 1 when the run did not succeed, then export the run's dataset to
    CSV (flattening the nested seller) and show the cheapest items in stock and the run's OUTPUT record. Needs
    ApifyPS imported and a connection (Connect-Apify once, or $env:APIFY_TOKEN).
.EXAMPLE
    ./Invoke-ScraperRun.ps1 -Actor janedoe~web-scraper -CsvPath ./products.csv
#>
param(
    [Parameter(Mandatory)] [string] $Actor,
    [string] $CsvPath = './products.csv',
    [hashtable] $RunInput = @{ startUrls = @(@{ url = 'https://shop.example.com/' }); maxPagesPerCrawl = 50 }
)
$ErrorActionPreference = 'Stop'

Write-Host "== Running $Actor (its log follows)"
# -Wait long-polls the API; -ShowLog streams the run's log to the Information stream meanwhile. A run that ends
# FAILED, TIMED-OUT or ABORTED writes an error, which -ErrorAction Stop turns into the script's failure.
$run = Start-ApifyRun -Actor $Actor -Input $RunInput -MemoryMbytes 1024 -Wait -ShowLog -InformationAction Continue
$run | Format-Table | Out-Host

Write-Host "== The first items of its dataset"
$run | Get-ApifyDatasetItem -First 5 -Fields title, price, currency, inStock |
    Format-Table | Out-Host

Write-Host "== All items, streamed page by page into a CSV"
$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent ([IO.Path]::GetFullPath($CsvPath)))
$run | Get-ApifyDatasetItem -Omit '#debug' |
    Select-Object position, title, price, currency, inStock, url, @{ n = 'seller'; e = { $_.seller.name } }, @{ n = 'tags'; e = { $_.tags -join ';' } } |
    Export-Csv -Path $CsvPath -NoTypeInformation
Write-Host "Wrote $((Import-Csv $CsvPath).Count) items to $CsvPath"

Write-Host "== Cheapest items in stock"
Import-Csv $CsvPath | Where-Object inStock -eq 'True' | Sort-Object { [double]$_.price } | Select-Object -First 5 title, price, seller |
    Format-Table | Out-Host

Write-Host "== The run's OUTPUT record"
$run | Get-ApifyRecord -Key OUTPUT | Format-List | Out-Host
