# Runs tests/Pester/*.Tests.ps1 (-Include: only these file names; -Exclude: all but these) with the Pester restored
# by build.ps1, writes {Passed, Failed} to -SummaryPath, and exits non-zero on any failure. Called by build.ps1 Test
# in a fresh pwsh (two at once, on two groups of files: -RunName tells their results apart).
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [Parameter(Mandatory)] [string] $ResultsDir,
    [string] $Filter,
    [string[]] $Include,
    [string[]] $Exclude,
    [string] $RunName = 'pester'
)
$ErrorActionPreference = 'Stop'
# The environment build.ps1 gave the run, taken before any test sets its own (TestIsolation.Tests.ps1 checks it).
$global:ApifyPSTestRunStart = @{}
foreach ($name in 'HOME', 'USERPROFILE', 'XDG_CONFIG_HOME', 'APPDATA', 'LOCALAPPDATA', 'APIFY_TOKEN', 'APIFY_PROFILE', 'APIFY_CLIENT_BASE_URL') {
    $global:ApifyPSTestRunStart[$name] = [Environment]::GetEnvironmentVariable($name)
}
Import-Module $PesterPath -Force
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultsDir "$RunName.xml"
# From build.ps1 a list comes as one comma-separated argument (pwsh -File does not parse arrays).
$Include = @($Include | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$Exclude = @($Exclude | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$files = @(Get-ChildItem $PSScriptRoot -Filter "*$Filter*.Tests.ps1" |
    Where-Object { (-not $Include -or $_.Name -in $Include) -and $_.Name -notin $Exclude }).FullName
if (-not $files) {
    @{ Passed = 0; Failed = 0 } | ConvertTo-Json | Set-Content -Path $SummaryPath
    Write-Host "Pester ($RunName): no test file matches"
    exit 0
}
$config.Run.Path = $files
$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed } | ConvertTo-Json | Set-Content -Path $SummaryPath
Write-Host "Pester ($RunName): $($result.PassedCount) passed, $failed failed"
exit ([int]($failed -gt 0))
