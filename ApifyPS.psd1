@{
    # The version is stamped by build.ps1 from Directory.Build.props (the one version source).
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0b8e53-2f7c-4d2e-9a61-3c8d7b1e4a90'
    Author               = 'ApifyPS contributors'
    CompanyName          = 'ApifyPS'
    Copyright            = '(c) ApifyPS contributors. MIT License.'
    Description          = 'Drive the Apify platform (API v2) from PowerShell: list, start, wait for and abort Actor builds and runs, manage Actors, and pull run results, with typed objects and lazy paging.'
    RootModule           = 'ApifyPS.psm1'
    # Loads ApifyPS.dll and its dependencies into a private load context (the root script calls it).
    RequiredAssemblies   = @('ApifyPS.Loader.dll')
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @(
        'Formats/ApifyBuild.Format.ps1xml'
        'Formats/ApifyActor.Format.ps1xml'
        'Formats/ApifyActorVersion.Format.ps1xml'
        'Formats/ApifyEnvironmentVariable.Format.ps1xml'
        'Formats/ApifyWebhook.Format.ps1xml'
        'Formats/ApifyRun.Format.ps1xml'
        'Formats/ApifyConnectionInfo.Format.ps1xml'
        'Formats/ApifyRetryPolicy.Format.ps1xml'
        'Formats/ApifyKeyValueStoreKey.Format.ps1xml'
        # Account and alerting
        'Formats/ApifyUser.Format.ps1xml'
        'Formats/ApifyUsage.Format.ps1xml'
        'Formats/ApifyDailyUsage.Format.ps1xml'
        'Formats/ApifyUsageSummary.Format.ps1xml'
        'Formats/ApifyLimit.Format.ps1xml'
        'Formats/ApifyRunCost.Format.ps1xml'
        'Formats/ApifyWebhookDispatch.Format.ps1xml'
        # Tasks and schedules.
        'Formats/ApifyTask.Format.ps1xml'
        'Formats/ApifySchedule.Format.ps1xml'
        'Formats/ApifyScheduleLogEntry.Format.ps1xml'
        'Formats/ApifyScheduleSyncRow.Format.ps1xml'
        # Reach: the Store's Actors.
        'Formats/ApifyStoreActor.Format.ps1xml'
    )
    CmdletsToExport      = @(
        'Get-ApifyBuild'
        'Start-ApifyBuild'
        'Stop-ApifyBuild'
        'Wait-ApifyBuild'
        'Get-ApifyRun'
        'Start-ApifyRun'
        'Stop-ApifyRun'
        'Wait-ApifyRun'
        'Invoke-ApifyActor'
        'Convert-ApifyRun'
        'Connect-Apify'
        'Get-ApifyConnection'
        'Disconnect-Apify'
        'Get-ApifyActor'
        'New-ApifyActor'
        'Set-ApifyActor'
        'Remove-ApifyActor'
        'Get-ApifyActorVersion'
        'New-ApifyActorVersion'
        'Set-ApifyActorVersion'
        'Remove-ApifyActorVersion'
        'Get-ApifyWebhook'
        'Get-ApifyRetryPolicy'
        'Set-ApifyRetryPolicy'
        'Get-ApifyDatasetItem'
        'Get-ApifyRecord'
        'Get-ApifyRecordKey'
        'Get-ApifyLog'
        # Account and alerting
        'Get-ApifyUser'
        'Get-ApifyUsage'
        'Get-ApifyLimit'
        'Set-ApifyLimit'
        'Measure-ApifyRunCost'
        'New-ApifyWebhook'
        'Set-ApifyWebhook'
        'Remove-ApifyWebhook'
        'Test-ApifyWebhook'
        'Get-ApifyWebhookDispatch'
        # Tasks and schedules.
        'Get-ApifyTask'
        'New-ApifyTask'
        'Set-ApifyTask'
        'Remove-ApifyTask'
        'Start-ApifyTask'
        'Invoke-ApifyTask'
        'Get-ApifySchedule'
        'New-ApifySchedule'
        'Set-ApifySchedule'
        'Enable-ApifySchedule'
        'Disable-ApifySchedule'
        'Remove-ApifySchedule'
        'Get-ApifyScheduleLog'
        'Sync-ApifySchedule'
        # Reach: any endpoint, resurrect and reboot, the Store, validate-input.
        'Invoke-ApifyRestMethod'
        'Resume-ApifyRun'
        'Restart-ApifyRun'
        'Find-ApifyActor'
        'Test-ApifyActorInput'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Apify', 'WebScraping', 'Automation', 'API', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/apifyps/ApifyPS'
            LicenseUri   = 'https://github.com/apifyps/ApifyPS/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
