<#
.SYNOPSIS
    An unattended check for a scheduled task or cron job: did the newest builds of an Actor succeed?
.DESCRIPTION
    Runs with the stored credential of the account the task runs as (Connect-Apify once, as that account): no
    token in the script, the task's command line or its environment. Every error stops the script
    ($ErrorActionPreference = 'Stop') and becomes an exit code the scheduler can act on:
      0  the newest builds all succeeded
      2  some of them did not succeed (listed on standard output)
      3  no usable credential: not connected, a damaged or missing profile, a refused token, a missing vault
      1  anything else (the API or the network failed, a wrong Actor name)
    The error itself goes to standard error, for the task's log. Nothing is ever prompted for.
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File ./Invoke-ScheduledBuildCheck.ps1 -Actor janedoe~web-scraper
#>
param(
    [Parameter(Mandatory)] [string] $Actor,
    [int] $Newest = 10
)
$ErrorActionPreference = 'Stop'
$credentialErrors = 'not-connected', 'credential-unreadable', 'profile-not-found', 'invalid-token', 'secret-vault-unavailable'
try {
    if (-not (Get-Module ApifyPS)) { Import-Module ApifyPS } # installed from the Gallery; or imported by the caller
    $who = Get-ApifyConnection
    Write-Output "Connected as $($who.Username) to $($who.BaseUri) ($($who.Source))"
    $notSucceeded = @(Get-ApifyBuild -Actor $Actor -Descending -First $Newest | Where-Object Status -ne 'SUCCEEDED')
    if ($notSucceeded.Count -gt 0) {
        Write-Output "$($notSucceeded.Count) of the $Newest newest builds of $Actor did not succeed:"
        $notSucceeded | Select-Object Id, BuildNumber, Status, StartedAt | Format-Table -AutoSize | Out-String -Width 200 | Write-Output
        exit 2
    }
    Write-Output "The $Newest newest builds of $Actor succeeded."
    exit 0
}
catch {
    Write-Error -Message "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" -ErrorAction Continue
    if (($_.FullyQualifiedErrorId -split ',')[0] -in $credentialErrors) { exit 3 }
    exit 1
}
