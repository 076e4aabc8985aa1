BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Long polls held at most 1 s: waits for the short runs here end quickly.
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe', '--max-wait-for-finish', '1'
    Use-ApifyEmulator $script:Emu
    function script:New-Actor([hashtable] $Extra = @{}) {
        $behaviour = @{ runDurationMs = 200; logIntervalMs = 50 }
        foreach ($k in $Extra.Keys) { $behaviour[$k] = $Extra[$k] }
        (Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor ('p' + [guid]::NewGuid().ToString('N').Substring(0, 10)) -Builds 1 -Extra $behaviour).actor
    }
    function script:Get-Request([string] $Like) { @(Get-ApifyEmulatorRequest $script:Emu | Where-Object path -like $Like) }
    $script:Products = @(
        [ordered]@{ url = 'https://example.com/a'; title = 'A'; price = 10.5; tags = @('x', 'y'); seller = [ordered]@{ name = 'S1'; address = @{ city = 'Prague' } }; '#debug' = @{ ms = 12 } }
        [ordered]@{ url = 'https://example.com/b'; title = 'B'; price = 3; tags = @(); seller = [ordered]@{ name = 'S2'; address = $null } }
        @{}
        [ordered]@{ url = 'https://example.com/d'; title = 'D'; price = 7.25; tags = @('z'); seller = [ordered]@{ name = 'S1'; address = @{ city = 'Brno' } } }
        [ordered]@{ url = 'https://example.com/e'; title = 'E'; price = 1; tags = @('x'); seller = [ordered]@{ name = 'S3'; address = @{ city = 'Oslo' } } }
    )
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Get-ApifyDatasetItem' {
    BeforeAll {
        $script:ItemsActor = New-Actor @{ datasetItems = $script:Products }
        $script:Run = Start-ApifyRun -Actor $script:ItemsActor -Input @{ maxPages = 5 } -Wait
    }
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'Start-ApifyRun -Wait | Get-ApifyDatasetItem returns exactly the stored items, in order, nested values intact' {
        $items = @(Start-ApifyRun -Actor $script:ItemsActor -Wait | Get-ApifyDatasetItem)
        $items.Count | Should -Be 5
        $items.title | Should -Be @('A', 'B', $null, 'D', 'E')
        $items[0] | Should -BeOfType ([System.Management.Automation.PSCustomObject])
        $items[0].seller.address.city | Should -Be 'Prague'
        $items[0].tags | Should -Be @('x', 'y')
        $items[0].price | Should -Be 10.5
        $items[0].'#debug'.ms | Should -Be 12
        $items[1].tags.Count | Should -Be 0
        $items[1].seller.address | Should -BeNullOrEmpty
        @($items[2].PSObject.Properties).Count | Should -Be 0
        (Get-Request '*/items')[0].path | Should -BeLike '/v2/datasets/*/items'
    }

    It 'walks pages by the pagination headers: -PageSize, then -First and -Skip as limit and offset' {
        @($script:Run | Get-ApifyDatasetItem -PageSize 2).Count | Should -Be 5
        (Get-Request '*/items').query | Should -Be @('limit=2', 'offset=2&limit=2', 'offset=4&limit=2')
        Clear-ApifyEmulatorRequest $script:Emu
        (Get-ApifyDatasetItem -DatasetId $script:Run.DefaultDatasetId -Skip 3 -First 2 -PageSize 1).title | Should -Be @('D', 'E')
        (Get-Request '*/items').query | Should -Be @('offset=3&limit=1', 'offset=4&limit=1')
    }

    It 'Select-Object -First stops after the first page' {
        @($script:Run | Get-ApifyDatasetItem -PageSize 2 | Select-Object -First 2).Count | Should -Be 2
        @(Get-Request '*/items').Count | Should -Be 1
    }

    It '-Fields, -Omit, -Clean and -Descending reach the server and shape the items' {
        $items = @($script:Run | Get-ApifyDatasetItem -Fields title, seller -Descending -Clean)
        (Get-Request '*/items')[0].query | Should -Be 'fields=title%2Cseller&clean=true&limit=1000&desc=true'
        $items.title | Should -Be @('E', 'D', 'B', 'A')
        @($items[0].PSObject.Properties.Name) | Should -Be @('title', 'seller')
        Clear-ApifyEmulatorRequest $script:Emu
        $items = @(Get-ApifyDatasetItem -RunId $script:Run.Id -Omit 'seller,#debug' -First 1)
        (Get-Request '*/items')[0].query | Should -Be 'omit=seller%2C%23debug&limit=1'
        (Get-Request '*/items')[0].path | Should -Be "/v2/actor-runs/$($script:Run.Id)/dataset/items"
        @($items[0].PSObject.Properties.Name) | Should -Be @('url', 'title', 'price', 'tags')
    }

    It '-IncludeTotalCount writes the dataset total first' {
        $out = @($script:Run | Get-ApifyDatasetItem -IncludeTotalCount -First 1)
        $out[0] | Should -Match '5'
        $out.Count | Should -Be 2
    }

    It 'exports to CSV with one column per field' {
        $csv = Join-Path $TestDrive 'items.csv'
        $script:Run | Get-ApifyDatasetItem -Fields url, title, price -Clean | Export-Csv -Path $csv -NoTypeInformation
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be 4
        $rows[3].url | Should -Be 'https://example.com/e'
        @($rows[0].PSObject.Properties.Name) | Should -Be @('url', 'title', 'price')
    }

    It 'streams generated items across many pages' {
        $actor = New-Actor @{ datasetItemCount = 25000; logIntervalMs = 0 }
        $run = Start-ApifyRun -Actor $actor -Wait
        $count = 0; $last = $null
        $run | Get-ApifyDatasetItem -PageSize 1000 | ForEach-Object { $count++; $last = $_ }
        $count | Should -Be 25000
        $last.position | Should -Be 25000
        $last.seller.name | Should -Be 'Seller 9'
    }

    It 'refuses an empty field name before any request, and reports a missing dataset as an error' {
        { Get-ApifyDatasetItem -DatasetId abc -Fields 'url,,title' } | Should -Throw -ErrorId 'InvalidFieldName,*'
        @(Get-Request '*').Count | Should -Be 0
        $r = Get-ApifyDatasetItem -DatasetId noSuchDataset12 -ErrorVariable err -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'record-not-found,*'
        $err[0].TargetObject | Should -Be 'noSuchDataset12'
    }

    It 'binds a run from the pipeline, a dataset id by value and DefaultDatasetId by property name' {
        @($script:Run.DefaultDatasetId | Get-ApifyDatasetItem).Count | Should -Be 5
        @([pscustomobject]@{ DefaultDatasetId = $script:Run.DefaultDatasetId } | Get-ApifyDatasetItem).Count | Should -Be 5
        @([pscustomobject]@{ RunId = $script:Run.Id } | Get-ApifyDatasetItem).Count | Should -Be 5
        $build = Get-ApifyBuild -Actor $script:ItemsActor -First 1
        $build | Get-ApifyDatasetItem -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedInputObject,*'
    }
}

Describe 'Get-ApifyRecord' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'writes a JSON OUTPUT as objects' {
        $run = Start-ApifyRun -Actor (New-Actor) -Input @{ query = 'shoes'; pages = @(1, 2) } -Wait
        $out = $run | Get-ApifyRecord
        $out.runId | Should -Be $run.Id
        $out.input.pages | Should -Be @(1, 2)
        (Get-Request '*/records/*')[0].path | Should -Be "/v2/key-value-stores/$($run.DefaultKeyValueStoreId)/records/OUTPUT"
        (Get-ApifyRecord -RunId $run.Id -Key INPUT).query | Should -Be 'shoes'
    }

    It 'writes a text record as one string' {
        $run = Start-ApifyRun -Actor (New-Actor @{ output = "line 1`nline 2"; outputContentType = 'text/plain; charset=utf-8' }) -Wait
        $out = @($run | Get-ApifyRecord)
        $out.Count | Should -Be 1
        $out[0] | Should -BeOfType ([string])
        $out[0] | Should -Be "line 1`nline 2"
    }

    It 'writes anything else as bytes, and -OutFile writes them as they are' {
        [byte[]] $png = 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 255, 128
        $run = Start-ApifyRun -Actor (New-Actor @{ output = [Convert]::ToBase64String($png); outputContentType = 'image/png' }) -Wait
        $out = @($run | Get-ApifyRecord)
        $out.Count | Should -Be 1
        , $out[0] | Should -BeOfType ([byte[]])
        $out[0] | Should -Be $png
        $file = Join-Path $TestDrive 'screenshot.png'
        $info = $run | Get-ApifyRecord -OutFile $file -PassThru
        $info | Should -BeOfType ([System.IO.FileInfo])
        [System.IO.File]::ReadAllBytes($file) | Should -Be $png
        $run | Get-ApifyRecord -OutFile $file | Should -BeNullOrEmpty
    }

    It '-OutFile into a folder names the file after the key' {
        $run = Start-ApifyRun -Actor (New-Actor @{ recordCount = 2 }) -Wait
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'records')
        $run | Get-ApifyRecordKey -Prefix page | Get-ApifyRecord -OutFile $folder.FullName
        @(Get-ChildItem $folder).Name | Should -Be @('page-00001', 'page-00002')
        (Get-Content -Raw (Join-Path $folder 'page-00002') | ConvertFrom-Json).page | Should -Be 2
    }

    It 'reports a missing record as a non-terminating error and refuses -PassThru without -OutFile' {
        $run = Start-ApifyRun -Actor (New-Actor @{ noOutput = $true }) -Wait
        $out = $run | Get-ApifyRecord -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'record-not-found,*'
        $err[0].TargetObject | Should -Be 'OUTPUT'
        Clear-ApifyEmulatorRequest $script:Emu
        { $run | Get-ApifyRecord -PassThru } | Should -Throw -ErrorId 'PassThruWithoutOutFile,*'
        @(Get-Request '*').Count | Should -Be 0
    }
}

Describe 'Get-ApifyRecordKey' {
    BeforeAll {
        $script:KeysRun = Start-ApifyRun -Actor (New-Actor @{ recordCount = 7 }) -Input @{ a = 1 } -Wait
    }
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'lists keys paged by key across several pages' {
        $keys = @($script:KeysRun | Get-ApifyRecordKey -PageSize 4)
        $keys.Key | Should -Be @('INPUT', 'OUTPUT', 'page-00001', 'page-00002', 'page-00003', 'page-00004', 'page-00005', 'page-00006', 'page-00007')
        $keys[0] | Should -BeOfType ([ApifyPS.Models.ApifyKeyValueStoreKey])
        $keys[0].StoreId | Should -Be $script:KeysRun.DefaultKeyValueStoreId
        $keys[0].Size | Should -Be 7
        (Get-Request '*/keys').query | Should -Be @('limit=4', 'exclusiveStartKey=page-00002&limit=4', 'exclusiveStartKey=page-00006&limit=4')
    }

    It '-RunId looks up the run''s store; -Prefix, -ExclusiveStartKey and -First narrow the list' {
        (Get-ApifyRecordKey -RunId $script:KeysRun.Id -Prefix page -ExclusiveStartKey page-00003 -First 2).Key | Should -Be @('page-00004', 'page-00005')
        $requests = @(Get-Request '/v2/*')
        $requests[0].path | Should -Be "/v2/actor-runs/$($script:KeysRun.Id)"
        $requests[1].query | Should -Be 'prefix=page&exclusiveStartKey=page-00003&limit=2'
    }

    It 'keys piped to Get-ApifyRecord get their records' {
        $records = @(Get-ApifyRecordKey -StoreId $script:KeysRun.DefaultKeyValueStoreId -Prefix page -First 3 | Get-ApifyRecord)
        $records.page | Should -Be @(1, 2, 3)
    }

    It 'shows keys as a table' {
        $text = $script:KeysRun | Get-ApifyRecordKey -First 2 | Out-String
        $text | Should -Match 'Key\s+Size\s+StoreId'
        $text | Should -Match 'INPUT\s+7 B'
    }
}

Describe 'Get-ApifyLog' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu }

    It 'writes a finished run''s log as lines, by run object, -RunId or -Id' {
        $run = Start-ApifyRun -Actor (New-Actor) -Wait
        $lines = @($run | Get-ApifyLog)
        $lines[0] | Should -BeOfType ([string])
        $lines[0] | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ACTOR: Pulling Docker image'
        $lines[-1] | Should -Match 'exited with code 0\.$'
        @(Get-ApifyLog -RunId $run.Id) | Should -Be $lines
        @(Get-ApifyLog $run.Id) | Should -Be $lines
        (Get-Request '*log*').path | Should -Be @("/v2/actor-runs/$($run.Id)/log", "/v2/actor-runs/$($run.Id)/log", "/v2/logs/$($run.Id)")
    }

    It 'shows why a build failed' {
        $actor = New-Actor @{ buildOutcome = 'FAILED'; buildDurationMs = 200 }
        $build = Start-ApifyBuild -Actor $actor -Wait -ErrorAction SilentlyContinue
        $log = @($build | Get-ApifyLog)
        $log -match 'npm ERR!' | Should -Not -BeNullOrEmpty
        $log[-1] | Should -Match 'Build failed\.$'
        (Get-Request '*log*')[0].path | Should -Be "/v2/actor-builds/$($build.Id)/log"
    }

    It '-Follow streams a running run''s log and ends when the run ends' {
        $run = Start-ApifyRun -Actor (New-Actor @{ runDurationMs = 1500; logIntervalMs = 100 })
        $lines = @($run | Get-ApifyLog -Follow)
        $lines[-1] | Should -Match 'exited with code 0\.$'
        @($lines -match 'Processed').Count | Should -BeGreaterThan 3
        (Get-Request '*log*')[0].query | Should -Be 'stream=true'
        (Get-ApifyRun -Id $run.Id).Status | Should -Be 'SUCCEEDED'
    }

    It 'Wait-ApifyRun -ShowLog sends the log to the Information stream' {
        $run = Start-ApifyRun -Actor (New-Actor @{ runDurationMs = 600 })
        $done = $run | Wait-ApifyRun -ShowLog -InformationVariable info
        $done.Status | Should -Be 'SUCCEEDED'
        "$($info[-1])" | Should -Match 'exited with code 0\.$'
        $info[0].Tags | Should -Contain 'ApifyLog'
    }

    It 'reports an unknown job as an error' {
        Get-ApifyLog -Id noSuchJobId1234 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'record-not-found,*'
    }
}
