# The views as an administrator sees them: every default table view, rendered from real objects of the local server,
# fits an 80-column console with every column whole (none dropped, squeezed or wrapped); the list views show what a
# thing is in one screen, Id first, and Format-List * still shows everything.
#
# An 80-column console gives a table 79 columns: PowerShell leaves the console's last column unwritten so a full line
# never wraps by itself (a view of exactly 80 has its last column cut by one there). So the views are laid out in 79,
# and rendered at -Width 79 (that console) and -Width 80 (Out-String in 80 columns).
BeforeDiscovery {
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    Import-Module (Join-Path $root 'out/ApifyPS/ApifyPS.psd1') -Force
    # Every type the module's views select (one file, made by build.ps1 from src/ApifyPS/Formats).
    $script:ViewTypes = @(Get-Item (Join-Path $root 'out/ApifyPS/ApifyPS.Format.ps1xml') |
            ForEach-Object { ([xml](Get-Content -Raw $_.FullName)).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName } |
            Sort-Object -Unique | ForEach-Object { @{ TypeName = $_ } })
    # Every type a cmdlet says it writes.
    $script:OutputTypes = @(Get-Command -Module ApifyPS | ForEach-Object OutputType | Where-Object Type |
            ForEach-Object { $_.Type } | Where-Object { $_.Namespace -like 'ApifyPS*' } | Sort-Object FullName -Unique |
            ForEach-Object { @{ TypeName = $_.FullName; ViewTypes = @($script:ViewTypes.TypeName) } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe', '--max-wait-for-finish', '1'
    Use-ApifyEmulator $script:Emu

    # Real objects of every type, with the values that stretch a column: every terminal status, a long Actor name
    # and title, a Git URL, secret and plain environment variables, webhooks on two kinds of events, record keys.
    $seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'web-scraper' -Builds 8 -Runs 8 -Extra @{
        webhooks = 3; buildStatuses = @('SUCCEEDED', 'FAILED', 'TIMED-OUT', 'ABORTED'); runStatuses = @('SUCCEEDED', 'ABORTED', 'TIMED-OUT', 'FAILED')
        runDurationMs = 100; recordCount = 3; logIntervalMs = 0
    }
    $long = New-ApifyActor -Name 'price-tracker-for-every-online-shop-in-europe' -Title 'Price tracker for every online shop in Europe, daily'
    $version = New-ApifyActorVersion -Actor $long.Id -Version 0.1 -SourceType GIT_REPO -BuildTag latest `
        -GitRepoUrl 'https://github.com/janedoe/price-tracker-for-every-online-shop-in-europe.git#main' `
        -EnvironmentVariable @{ API_KEY = (ConvertTo-SecureString 'not-shown' -AsPlainText -Force); REGION = 'eu-west-1'; SHOPS_CONFIGURATION_URL = 'https://config.example.com/shops/europe/all-of-them.json' }
    $run = Start-ApifyRun -Actor $seed.actor -Wait
    # Tasks and schedules: a long task name, a long time zone, a fired schedule's log, a plan with every kind of row.
    $task = New-ApifyTask -Actor $seed.actor -Name 'nightly-price-tracker-for-every-online-shop-in-europe' -Input @{ maxPages = 5 } -MemoryMbytes 2048
    $null = Start-ApifyTask -Task $task.Id -Wait
    $schedule = New-ApifySchedule -Name 'nightly-price-tracker-for-every-shop' -Cron '30 4 * * 1-5' -Timezone 'America/Argentina/Buenos_Aires' -Task $task.Id
    $null = New-ApifySchedule -Name 'hourly' -Cron '@hourly' -Actor $seed.actor -Disabled
    $null = Invoke-RestMethod -Method Post -Uri "$($script:Emu.BaseUri)/__emulator/schedules/$($schedule.Id)/fire"
    $syncFile = Join-Path ([System.IO.Path]::GetTempPath()) ('apifyps-views-' + [guid]::NewGuid().ToString('N') + '.psd1')
    Set-Content $syncFile "@{ Schedules = @( @{ Name = 'hourly'; Cron = '0 * * * *'; Actor = '$($seed.actor)'; Input = @{ a = 1 } }, @{ Name = 'brand-new-schedule'; Cron = '@daily'; Actor = '$($seed.actor)' } ) }"
    $syncRows = @(Sync-ApifySchedule -Path $syncFile -Prune -WhatIf 6>$null)
    Remove-Item $syncFile
    $script:Samples = @{
        'ApifyPS.Models.ApifyBuild'               = @(Get-ApifyBuild -Actor $seed.actor)
        'ApifyPS.Models.ApifyRun'                 = @(Get-ApifyRun -Actor $seed.actor)
        'ApifyPS.Models.ApifyActor'               = @(Get-ApifyActor -My)
        'ApifyPS.Models.ApifyActorVersion'        = @(Get-ApifyActorVersion -Actor $long.Id) + @(Get-ApifyActorVersion -Actor $seed.actor)
        'ApifyPS.Models.ApifyEnvironmentVariable' = @($version.EnvVars)
        'ApifyPS.Models.ApifyWebhook'             = @(Get-ApifyWebhook -Actor $seed.actor)
        'ApifyPS.Models.ApifyKeyValueStoreKey'    = @($run | Get-ApifyRecordKey)
        'ApifyPS.Models.ApifyConnectionInfo'      = @(Get-ApifyConnection)
        'ApifyPS.Client.ApifyRetryPolicy'         = @(Get-ApifyRetryPolicy)
        # Account and alerting
        'ApifyPS.Models.ApifyUser'                = @(Get-ApifyUser) + @(Get-ApifyUser -Id janedoe)
        'ApifyPS.Models.ApifyUsage'               = @(Get-ApifyUsage)
        'ApifyPS.Models.ApifyDailyUsage'          = @(Get-ApifyUsage -Daily)
        'ApifyPS.Models.ApifyUsageSummary'        = @(Get-ApifyUsage -Summary)
        'ApifyPS.Models.ApifyLimit'               = @(Get-ApifyLimit)
        'ApifyPS.Models.ApifyRunCost'             = @(Get-ApifyRun -Actor $seed.actor | Measure-ApifyRunCost -By Actor) + @(Get-ApifyRun -Actor $seed.actor | Measure-ApifyRunCost -By Day)
        'ApifyPS.Models.ApifyWebhookDispatch'     = @(Get-ApifyWebhook -Actor $seed.actor | Test-ApifyWebhook -Confirm:$false)
        'ApifyPS.Models.ApifyTask'                = @(Get-ApifyTask)
        'ApifyPS.Models.ApifySchedule'            = @(Get-ApifySchedule)
        'ApifyPS.Models.ApifyScheduleLogEntry'    = @(Get-ApifyScheduleLog -Id $schedule.Id)
        'ApifyPS.Models.ApifyScheduleSyncRow'     = $syncRows
        # Reach: the Store's Actors (both made public here, the long name included).
        'ApifyPS.Models.ApifyStoreActor'          = @(Set-ApifyActor -Id $seed.actor -IsPublic -Confirm:$false; Set-ApifyActor -Id $long.Id -IsPublic -Confirm:$false; Find-ApifyActor -Username janedoe)
    }
    # Storages (issue 15): named and unnamed ones, a run's default ones, long URLs, requests already present.
    $dsNamed = New-ApifyDataset -Name 'daily-prices-of-every-online-shop-in-europe-since-2019' -Confirm:$false
    1..3 | ForEach-Object { @{ n = $_ } } | Add-ApifyDatasetItem -DatasetId $dsNamed.Id -Confirm:$false
    New-ApifyKeyValueStore -Name 'crawler-settings-for-every-online-shop-in-europe' -Confirm:$false | Out-Null
    $rqNamed = New-ApifyRequestQueue -Name 'frontier-of-every-online-shop-in-europe-2019' -Confirm:$false
    New-ApifyDataset -Confirm:$false | Out-Null; New-ApifyKeyValueStore -Confirm:$false | Out-Null; New-ApifyRequestQueue -Confirm:$false | Out-Null
    $run | Get-ApifyDataset | Out-Null; $run | Get-ApifyKeyValueStore | Out-Null
    $script:Samples['ApifyPS.Models.ApifyQueueRequestAdded'] = @('https://shop.example.com/products/category/electronics/televisions?page=1&sort=price',
        'https://shop.example.com/products/category/electronics/televisions?sort=price&page=1', 'https://example.com/' |
        Add-ApifyQueueRequest -QueueId $rqNamed.Id -Confirm:$false)
    $script:Samples['ApifyPS.Models.ApifyQueueRequest'] = @(Get-ApifyQueueRequest -QueueId $rqNamed.Id)
    $script:Samples['ApifyPS.Models.ApifyDataset'] = @(Get-ApifyDataset -Unnamed)
    $script:Samples['ApifyPS.Models.ApifyKeyValueStore'] = @(Get-ApifyKeyValueStore -Unnamed)
    $script:Samples['ApifyPS.Models.ApifyRequestQueue'] = @(Get-ApifyRequestQueue -Unnamed)
    # What Format-List shows of one thing: the full forms the -Id parameter sets get.
    $script:Single = @{
        'ApifyPS.Models.ApifyBuild' = Get-ApifyBuild -Id $script:Samples['ApifyPS.Models.ApifyBuild'][1].Id
        'ApifyPS.Models.ApifyRun'   = Get-ApifyRun -Id $run.Id
        'ApifyPS.Models.ApifyActor' = Get-ApifyActor -Id $seed.actor
        'ApifyPS.Models.ApifyTask'     = Get-ApifyTask -Id $task.Id
        'ApifyPS.Models.ApifySchedule' = Get-ApifySchedule -Id $schedule.Id
    }

    function script:Get-DefaultView([string] $TypeName, [type] $Control) {
        @(Get-FormatData -TypeName $TypeName -PowerShellVersion $PSVersionTable.PSVersion | ForEach-Object FormatViewDefinition |
                Where-Object { $_.Control -is $Control }) | Select-Object -First 1
    }

    # The header and dash lines the table view's XML asks for: each label padded to its column's width (right-aligned
    # columns to the right), one space between columns; a last column without a width starts where it should.
    function script:Get-ExpectedHeader($Table) {
        $headers = @($Table.Headers)
        $columns = @($Table.Rows[0].Columns)
        $labels = for ($i = 0; $i -lt $headers.Count; $i++) {
            if ($headers[$i].Label) { $headers[$i].Label } else { $columns[$i].DisplayEntry.Value }
        }
        $line = { param($texts)
            $cells = for ($i = 0; $i -lt $headers.Count; $i++) {
                $h = $headers[$i]
                if ($h.Width -le 0) { $texts[$i] }
                elseif ("$($h.Alignment)" -eq 'Right') { $texts[$i].PadLeft($h.Width) }
                else { $texts[$i].PadRight($h.Width) }
            }
            ($cells -join ' ').TrimEnd()
        }
        @{ Labels = @($labels); Header = & $line $labels; Dashes = & $line @($labels | ForEach-Object { '-' * $_.Length }) }
    }

    function script:Get-Lines([string] $Text) { @($Text -split "`r?`n" | Where-Object { $_.Trim() }) }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Output types' {
    It '<TypeName> has views (checked below)' -ForEach $script:OutputTypes {
        $ViewTypes | Should -Contain $TypeName -Because "an admin sees $TypeName as a table: a view file selects it"
    }

    It '<TypeName> has its own ToString' -ForEach $script:OutputTypes {
        $type = $TypeName -as [type]
        $type.GetMethod('ToString', [type[]]@()).DeclaringType | Should -Not -Be ([object])
    }
}

Describe 'Table views in an 80-column console' {
    It 'has real objects to render for <TypeName>' -ForEach $script:ViewTypes {
        $script:Samples[$TypeName].Count | Should -BeGreaterThan 0 -Because "every view is rendered here (add objects of $TypeName to the samples)"
        @($script:Samples[$TypeName] | Where-Object { $_.GetType().FullName -ne $TypeName }).Count | Should -Be 0
    }

    It '<TypeName>: the columns of the default table view add up to 79 at most, headers within their widths' -ForEach $script:ViewTypes {
        $view = Get-DefaultView $TypeName ([System.Management.Automation.TableControl])
        $view | Should -Not -BeNullOrEmpty -Because "$TypeName has a default table view"
        # The first view of a type is the one Out-Default uses: it must be the table.
        (Get-FormatData -TypeName $TypeName -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition[0].Control |
            Should -BeOfType ([System.Management.Automation.TableControl])
        $headers = @($view.Control.Headers)
        $expected = Get-ExpectedHeader $view.Control
        for ($i = 0; $i -lt $headers.Count; $i++) {
            $last = $i -eq $headers.Count - 1
            if (-not $last) { $headers[$i].Width | Should -BeGreaterThan 0 -Because "column '$($expected.Labels[$i])' has a fixed width, so the columns after it align" }
            if ($headers[$i].Width -gt 0) {
                $expected.Labels[$i].Length | Should -BeLessOrEqual $headers[$i].Width -Because "header '$($expected.Labels[$i])' fits its column"
            }
        }
        # A last column without a width takes what is left of the line: at least 20.
        $used = ($headers | Measure-Object Width -Sum).Sum + $headers.Count - 1 + $(if ($headers[-1].Width -gt 0) { 0 } else { 20 })
        $used | Should -BeLessOrEqual 79 -Because "$TypeName's table fits in an 80-column console (widths plus one space between columns)"
    }

    It '<TypeName> renders every column whole in 79 and 80 columns' -ForEach $script:ViewTypes {
        $view = Get-DefaultView $TypeName ([System.Management.Automation.TableControl])
        $expected = Get-ExpectedHeader $view.Control
        foreach ($Width in 79, 80) {
            $text = $script:Samples[$TypeName] | Out-String -Width $Width
            $lines = Get-Lines $text
            # Nothing dropped, squeezed or wrapped: the header is the view's, column for column.
            $lines[0].TrimEnd() | Should -BeExactly $expected.Header -Because "at width $Width every column of $TypeName keeps its width"
            $lines[1].TrimEnd() | Should -BeExactly $expected.Dashes
            $lines.Count | Should -Be ($script:Samples[$TypeName].Count + 2) -Because 'one line per object: no cell wraps'
            foreach ($l in $lines) { $l.TrimEnd().Length | Should -BeLessOrEqual $Width -Because "'$l' fits in $Width columns" }
        }
    }

    It 'aligns build statuses in one column' {
        $lines = Get-Lines ($script:Samples['ApifyPS.Models.ApifyBuild'] | Out-String -Width 79)
        $lines[0] | Should -Match '^Id\s+Status\s+BuildNumber\s+StartedAt \(UTC\)\s+Duration\s+Origin$'
        $at = $lines[0].IndexOf('Status')
        foreach ($l in $lines | Select-Object -Skip 2) { $l.Substring($at) | Should -Match '^(SUCCEEDED|FAILED|TIMED-OUT|ABORTED) ' }
    }
}

Describe 'List views: one screen, Id first' {
    It '<TypeName>: Format-List shows at most 20 lines, Id first' -ForEach $script:ViewTypes {
        $objects = @(if ($script:Single.ContainsKey($TypeName)) { $script:Single[$TypeName] } else { $script:Samples[$TypeName] })
        foreach ($o in $objects) {
            $lines = Get-Lines ($o | Format-List | Out-String -Width 80)
            $lines.Count | Should -BeLessOrEqual 20 -Because "Format-List of a $TypeName fits one screen (Format-List * shows everything)"
            if ($o -is [ApifyPS.Models.ApifyResource]) {
                # The id first, under the name other cmdlets take it by (a version's id is its number).
                $lines[0] | Should -Match "^(Id|VersionNumber)\s+: $([regex]::Escape($o.Id))$"
            }
        }
    }

    It '<TypeName>: Format-List * still shows every property' -ForEach $script:ViewTypes {
        $o = @(if ($script:Single.ContainsKey($TypeName)) { $script:Single[$TypeName] } else { $script:Samples[$TypeName] })[0]
        $text = $o | Format-List * | Out-String -Width 200
        foreach ($p in $o.PSObject.Properties.Name) { $text | Should -Match "(?m)^$([regex]::Escape($p))\s+:" }
    }

    It 'shows a run as what it is: the Actor, task, status, times, build, usage and storages' {
        $run = $script:Single['ApifyPS.Models.ApifyRun']
        $lines = Get-Lines ($run | Format-List | Out-String -Width 80)
        $labels = @($lines | ForEach-Object { ($_ -split '\s+:', 2)[0] })
        $labels | Should -Be @('Id', 'ActorId', 'ActorTaskId', 'Status', 'StatusMessage', 'StartedAt (UTC)', 'FinishedAt (UTC)', 'Duration',
            'Origin', 'BuildNumber', 'ExitCode', 'Usage (USD)', 'DefaultDatasetId', 'DefaultKeyValueStoreId', 'DefaultRequestQueueId',
            'Options', 'Stats')
        $lines | Should -Contain "ActorId                : $($run.ActorId)"
        $lines | Should -Contain "StartedAt (UTC)        : $($run.StartedAt.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture))"
        $lines | Should -Contain "DefaultDatasetId       : $($run.DefaultDatasetId)"
        ($lines | Where-Object { $_ -like 'Options *' }) | Should -Match ": build latest, timeout \d+ s, \d+ MB memory"
    }
}
