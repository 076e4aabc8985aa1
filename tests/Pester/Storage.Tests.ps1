# Storages from PowerShell: datasets, key-value stores and request queues created, filled, exported and removed by
# the cmdlets against the local server; pushes batched under the size limit and never repeated after a lost answer;
# exports written whole or not at all, over an existing file only with -Force; queue de-duplication; the deletes the
# server refuses; -WhatIf sending nothing; tab completion of storage names.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--username', 'janedoe'
    Use-ApifyEmulator $script:Emu
    $script:Seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor 'store-test' -Builds 3 -Runs 2 -Extra @{ runDurationMs = 60000; datasetItemCount = 50 }
    $script:Tmp = Join-Path ([IO.Path]::GetTempPath()) ("apifyps-storage-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $script:Tmp | Out-Null
    Set-ApifyRetryPolicy -MaxRetries 3 -BaseDelayMilliseconds 1

    function Get-Request([string] $Method, [string] $Path) {
        @(Get-ApifyEmulatorRequest $script:Emu | Where-Object { (-not $Method -or $_.method -eq $Method) -and (-not $Path -or $_.path -like $Path) })
    }
}

AfterAll {
    Set-ApifyRetryPolicy -Default
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    if ($script:Tmp) { Remove-Item -Recurse -Force $script:Tmp -ErrorAction SilentlyContinue }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Add-ApifyDatasetItem' {
    BeforeEach { Clear-ApifyEmulatorRequest $script:Emu; Clear-ApifyEmulatorFault $script:Emu }

    It 'pushes a pipeline in batches that fill up to the size limit, in order, nested values kept' {
        $ds = New-ApifyDataset -Confirm:$false
        Clear-ApifyEmulatorRequest $script:Emu
        1..3000 | ForEach-Object { [pscustomobject]@{ n = $_; nested = @{ a = $_ }; tags = @('x', 'y') } } |
            Add-ApifyDatasetItem -DatasetId $ds.Id -MaxBatchBytes 20000 -Confirm:$false
        $pushes = @(Get-Request -Method POST -Path "/v2/datasets/$($ds.Id)/items")
        # About 45 bytes an item: 3000 items need 7 pushes of at most 20,000 bytes, and get no more.
        $itemBytes = ([Text.Encoding]::UTF8.GetByteCount('{"n":3000,"nested":{"a":3000},"tags":["x","y"]}') + 1)
        $pushes.Count | Should -BeLessOrEqual ([math]::Ceiling(3000 * $itemBytes / 19999) + 1)
        $pushes.Count | Should -BeGreaterThan 5
        $items = @(Get-ApifyDatasetItem -DatasetId $ds.Id)
        $items.Count | Should -Be 3000
        ($items.n -join ',') | Should -Be ((1..3000) -join ',')
        $items[9].nested.a | Should -Be 10
        $items[9].tags[1] | Should -Be 'y'
    }

    It 'stops at a push whose answer is lost, without sending it again or anything after it' {
        $ds = New-ApifyDataset -Confirm:$false
        Add-ApifyEmulatorFault $script:Emu -Path "/v2/datasets/$($ds.Id)/items" -Method POST -Action reset-after -Count 5 | Out-Null
        Clear-ApifyEmulatorRequest $script:Emu
        $err = $null
        try { 1..100 | ForEach-Object { @{ n = $_ } } | Add-ApifyDatasetItem -DatasetId $ds.Id -MaxBatchBytes 1024 -Confirm:$false -ErrorAction Stop }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'start-outcome-unknown*'
        $err.ToString() | Should -BeLike '*No item of this pipeline was stored before it*may or may not have been stored*later items were not sent*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike "*(Get-ApifyDataset -Id '$($ds.Id)').ItemCount*"
        @(Get-Request -Method POST -Path "/v2/datasets/$($ds.Id)/items").Count | Should -Be 1
    }

    It 'refuses an item that is not an object before sending it, and pushes the others' {
        $ds = New-ApifyDataset -Confirm:$false
        $errors = @()
        @{ a = 1 }, 'just text', @{ a = 2 } | Add-ApifyDatasetItem -DatasetId $ds.Id -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidDatasetItem*'
        @(Get-ApifyDatasetItem -DatasetId $ds.Id).a | Should -Be @(1, 2)
    }

    It 'writes what Properties shows of a PSCustomObject: note properties of its own, added ones and the type table''s, in order' {
        # The push reads a PSCustomObject's own note properties straight (Properties is slow); a type name whose type
        # data adds a note property must still get it, and objects of other type names in the same pipeline theirs only.
        $typeName = "ApifyPS.Test.Extra$([guid]::NewGuid().ToString('N'))"
        Update-TypeData -TypeName $typeName -MemberType NoteProperty -MemberName fromTypeData -Value 'td'
        Update-TypeData -TypeName $typeName -MemberType ScriptProperty -MemberName scripted -Value { 'never sent' }
        try {
            $ds = New-ApifyDataset -Confirm:$false
            $added = [pscustomobject]@{ a = 3 } | Add-Member -NotePropertyName later -NotePropertyValue 'L' -PassThru
            $added | Add-Member -MemberType ScriptProperty -Name computed -Value { 'never sent' }
            $items = @(
                [pscustomobject]@{ a = 1; b = 'x' }
                [pscustomobject]@{ PSTypeName = $typeName; a = 2 }
                $added
                [pscustomobject]@{ PSTypeName = $typeName; z = 9; a = 4 }
                [pscustomobject][ordered]@{ b = 'y'; a = 5 }
            )
            $items | Add-ApifyDatasetItem -DatasetId $ds.Id -Confirm:$false
            $stored = @(Get-ApifyDatasetItem -DatasetId $ds.Id)
            $stored.Count | Should -Be 5
            ($stored | ForEach-Object { $_.psobject.Properties.Name -join ',' }) | Should -Be @('a,b', 'a,fromTypeData', 'a,later', 'z,a,fromTypeData', 'b,a')
            $stored[1].fromTypeData | Should -Be 'td'
            $stored[3].fromTypeData | Should -Be 'td'
            $stored[2].later | Should -Be 'L'
        }
        finally { Remove-TypeData -TypeName $typeName -ErrorAction SilentlyContinue }
    }

    It 'sends nothing with -WhatIf' {
        $ds = New-ApifyDataset -Confirm:$false
        Clear-ApifyEmulatorRequest $script:Emu
        1..10 | ForEach-Object { @{ n = $_ } } | Add-ApifyDatasetItem -DatasetId $ds.Id -WhatIf
        New-ApifyDataset -Name 'never-made' -WhatIf | Out-Null
        Get-ApifyDataset -Id $ds.Id | Remove-ApifyDataset -WhatIf
        @(Get-Request | Where-Object method -ne 'GET').Count | Should -Be 0
    }
}

Describe 'Export-ApifyDataset' {
    BeforeAll {
        $script:Ds = New-ApifyDataset -Name 'export-me' -Confirm:$false
        1..40 | ForEach-Object { [pscustomobject]@{ n = $_; title = "Item $_"; seller = @{ name = "S$($_ % 3)" } } } |
            Add-ApifyDatasetItem -DatasetId $script:Ds.Id -Confirm:$false
    }
    BeforeEach { Clear-ApifyEmulatorFault $script:Emu }

    It 'writes the <Format> format whole' -ForEach @(
        @{ Format = 'csv' }, @{ Format = 'json' }, @{ Format = 'jsonl' }, @{ Format = 'xlsx' }, @{ Format = 'xml' }, @{ Format = 'html' }
    ) {
        $path = Join-Path $script:Tmp "all.$Format"
        Export-ApifyDataset -DatasetId $script:Ds.Id -Format $Format -Path $path -Force
        switch ($Format) {
            'csv' { $rows = @(Import-Csv $path); $rows.Count | Should -Be 40; $rows[39].'seller/name' | Should -Be 'S1' }
            'json' { @(Get-Content -Raw $path | ConvertFrom-Json).Count | Should -Be 40 }
            'jsonl' { @(Get-Content $path | Where-Object { $_ }).Count | Should -Be 40 }
            'xlsx' {
                Add-Type -AssemblyName System.IO.Compression.FileSystem
                $zip = [IO.Compression.ZipFile]::OpenRead($path)
                try { $zip.GetEntry('xl/worksheets/sheet1.xml') | Should -Not -BeNullOrEmpty } finally { $zip.Dispose() }
            }
            'xml' { ([xml](Get-Content -Raw $path)).items.item.Count | Should -Be 40 }
            'html' { (Get-Content -Raw $path) | Should -Match '^<table><tr><th>n</th>' }
        }
        @(Get-ChildItem $script:Tmp -Filter '*.part' -Force).Count | Should -Be 0
    }

    It 'never touches an existing file without -Force, and replaces it with -Force' {
        $path = Join-Path $script:Tmp 'existing.json'
        Set-Content -Path $path -Value 'keep'
        Clear-ApifyEmulatorRequest $script:Emu
        $err = $null
        try { Export-ApifyDataset -DatasetId $script:Ds.Id -Format json -Path $path -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ExportFileExists*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-Force*'
        (Get-Content -Raw $path).Trim() | Should -Be 'keep'
        @(Get-Request -Path "/v2/datasets/*/items").Count | Should -Be 0
        Export-ApifyDataset -DatasetId $script:Ds.Id -Format json -Path $path -Force -PassThru | Should -BeOfType ([IO.FileInfo])
        @(Get-Content -Raw $path | ConvertFrom-Json).Count | Should -Be 40
    }

    It 'leaves no file when the download breaks off mid-way' {
        $path = Join-Path $script:Tmp 'broken.csv'
        Add-ApifyEmulatorFault $script:Emu -Path "/v2/datasets/$($script:Ds.Id)/items" -Method GET -Action truncate -Abort -Count 20 | Out-Null
        $err = $null
        try { Export-ApifyDataset -DatasetId $script:Ds.Id -Format csv -Path $path -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        Test-Path $path | Should -BeFalse
        @(Get-ChildItem $script:Tmp -Filter '.broken.csv*' -Force).Count | Should -Be 0
    }

    It 'exports a piped run''s default dataset' {
        $run = Get-ApifyRun -Actor $script:Seed.actor -First 1
        $path = Join-Path $script:Tmp 'run.jsonl'
        $run | Export-ApifyDataset -Format jsonl -Path $path -Fields position, title -Force
        $lines = @(Get-Content $path | Where-Object { $_ })
        $lines.Count | Should -BeGreaterThan 0
        ($lines[0] | ConvertFrom-Json).PSObject.Properties.Name | Should -Be @('position', 'title')
    }
}

Describe 'Storages as objects' {
    It 'creates, lists, renames and removes a <Noun>' -ForEach @(
        @{ Noun = 'Dataset' }, @{ Noun = 'KeyValueStore' }, @{ Noun = 'RequestQueue' }
    ) {
        $name = 'obj-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $created = & "New-Apify$Noun" -Name $name -Confirm:$false
        $created.Name | Should -Be $name
        @(& "Get-Apify$Noun").Id | Should -Contain $created.Id
        (& "Get-Apify$Noun" -Id "janedoe~$name").Id | Should -Be $created.Id
        $created | & "Set-Apify$Noun" -NewName "$name-2" -Confirm:$false
        (& "Get-Apify$Noun" -Id $created.Id).Name | Should -Be "$name-2"
        $unnamed = & "New-Apify$Noun" -Confirm:$false
        @(& "Get-Apify$Noun").Id | Should -Not -Contain $unnamed.Id
        @(& "Get-Apify$Noun" -Unnamed).Id | Should -Contain $unnamed.Id
        & "Get-Apify$Noun" -Id $created.Id, $unnamed.Id | & "Remove-Apify$Noun" -Force
        { & "Get-Apify$Noun" -Id $created.Id -ErrorAction Stop } | Should -Throw
    }

    It 'refuses a name the API would refuse, before any request' {
        Clear-ApifyEmulatorRequest $script:Emu
        { New-ApifyDataset -Name 'not a name' -Confirm:$false } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
        @(Get-Request).Count | Should -Be 0
    }

    It 'completes storage names on Tab' {
        New-ApifyKeyValueStore -Name 'tab-complete-me' -Confirm:$false | Out-Null
        $line = 'Get-ApifyKeyValueStore -Id tab-comp'
        $matches = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches)
        $matches.CompletionText | Should -Contain 'janedoe~tab-complete-me'
    }
}

Describe 'Records' {
    It 'writes an object as JSON, a string as text and a file as bytes, and removes records' {
        $kv = New-ApifyKeyValueStore -Confirm:$false
        Set-ApifyRecord -StoreId $kv.Id -Key cfg -Value @{ retries = 3; sites = @('a', 'b') } -Confirm:$false
        Set-ApifyRecord -StoreId $kv.Id -Key note -Value 'hello' -Confirm:$false
        $bin = Join-Path $script:Tmp 'in.bin'
        [IO.File]::WriteAllBytes($bin, [byte[]](0..255))
        Set-ApifyRecord -StoreId $kv.Id -Key blob -InFile $bin -ContentType 'application/octet-stream' -Confirm:$false
        (Get-ApifyRecord -StoreId $kv.Id -Key cfg).sites[1] | Should -Be 'b'
        Get-ApifyRecord -StoreId $kv.Id -Key note | Should -Be 'hello'
        (Get-ApifyRecord -StoreId $kv.Id -Key blob).Length | Should -Be 256
        Get-ApifyRecordKey -StoreId $kv.Id | Where-Object Key -ne cfg | Remove-ApifyRecord -Force
        @(Get-ApifyRecordKey -StoreId $kv.Id).Key | Should -Be @('cfg')
    }
}

Describe 'Request queues' {
    It 'adds a URL once however often it is given, and removes piped requests' {
        $rq = New-ApifyRequestQueue -Confirm:$false
        $added = @('https://example.com/1', 'https://EXAMPLE.com/1#x', 'https://example.com/2' | Add-ApifyQueueRequest -QueueId $rq.Id -Confirm:$false)
        $added.WasAlreadyPresent | Should -Be @($false, $true, $false)
        $added[1].RequestId | Should -Be $added[0].RequestId
        $requests = @(Get-ApifyQueueRequest -QueueId $rq.Id)
        $requests.Count | Should -Be 2
        $requests[0].QueueId | Should -Be $rq.Id
        $requests | Where-Object Url -eq 'https://example.com/2' | Remove-ApifyQueueRequest -Force
        @(Get-ApifyQueueRequest -QueueId $rq.Id).Url | Should -Be @('https://example.com/1')
    }

    It 'sends 25 requests per call' {
        $rq = New-ApifyRequestQueue -Confirm:$false
        Clear-ApifyEmulatorRequest $script:Emu
        1..60 | ForEach-Object { "https://example.com/p/$_" } | Add-ApifyQueueRequest -QueueId $rq.Id -Confirm:$false | Out-Null
        @(Get-Request -Method POST -Path "/v2/request-queues/$($rq.Id)/requests/batch").Count | Should -Be 3
        (Get-ApifyRequestQueue -Id $rq.Id).TotalRequestCount | Should -Be 60
    }
}

Describe 'Remove-ApifyRun and Remove-ApifyBuild' {
    It 'removes a finished run and writes the server''s refusal for one still going' {
        $finished = Get-ApifyRun -Actor $script:Seed.actor -First 1
        $finished | Remove-ApifyRun -Force
        { Get-ApifyRun -Id $finished.Id -ErrorAction Stop } | Should -Throw
        $running = Start-ApifyRun -Actor $script:Seed.actor
        $errors = @()
        $running | Remove-ApifyRun -Force -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].Exception.StatusCode | Should -Be ([System.Net.HttpStatusCode]::BadRequest)
        $errors[0].ToString() | Should -BeLike '*finished*'
        $running | Stop-ApifyRun | Out-Null
    }

    It 'removes an old build and writes the server''s refusal for the default one' {
        $actor = Get-ApifyActor -Id $script:Seed.actor
        $default = $actor.TaggedBuilds.latest.BuildId
        $errors = @()
        Remove-ApifyBuild -Id $default -Force -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].ToString() | Should -BeLike '*default build*'
        $old = Get-ApifyBuild -Actor $script:Seed.actor | Where-Object Id -ne $default | Select-Object -First 1
        $old | Remove-ApifyBuild -Force
        { Get-ApifyBuild -Id $old.Id -ErrorAction Stop } | Should -Throw
    }
}
