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
    # The views of every type in one file, made by build.ps1 from src/ApifyPS/Formats (one file per type there).
    FormatsToProcess     = @('ApifyPS.Format.ps1xml')
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
        # Storages (issue 15)
        'Get-ApifyDataset'
        'New-ApifyDataset'
        'Set-ApifyDataset'
        'Remove-ApifyDataset'
        'Add-ApifyDatasetItem'
        'Export-ApifyDataset'
        'Get-ApifyKeyValueStore'
        'New-ApifyKeyValueStore'
        'Set-ApifyKeyValueStore'
        'Remove-ApifyKeyValueStore'
        'Set-ApifyRecord'
        'Remove-ApifyRecord'
        'Get-ApifyRequestQueue'
        'New-ApifyRequestQueue'
        'Set-ApifyRequestQueue'
        'Remove-ApifyRequestQueue'
        'Get-ApifyQueueRequest'
        'Add-ApifyQueueRequest'
        'Remove-ApifyQueueRequest'
        'Remove-ApifyRun'
        'Remove-ApifyBuild'
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
