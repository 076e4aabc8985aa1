BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-ApifyEmulator -ArgumentList '--max-wait-for-finish', '1'
    Use-ApifyEmulator $script:Emu
    $seed = Add-ApifyEmulatorSeed -Emulator $script:Emu -Actor ('rf' + [guid]::NewGuid().ToString('N').Substring(0, 10)) -Builds 1 `
        -Extra @{ runDurationMs = 100; logIntervalMs = 0; output = 'the record'; outputContentType = 'text/plain; charset=utf-8'; recordCount = 2 }
    $script:Run = Start-ApifyRun -Actor $seed.actor -Wait
    $script:RecordPath = "/v2/key-value-stores/$($script:Run.DefaultKeyValueStoreId)/records/OUTPUT"
    function script:Get-RecordRequest { @(Get-ApifyEmulatorRequest $script:Emu | Where-Object path -Like '*/records/*') }
}

AfterAll {
    if ($script:Emu) { Stop-ApifyEmulator $script:Emu }
    Remove-Item Env:APIFY_TOKEN, Env:APIFY_CLIENT_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Get-ApifyRecord -OutFile' {
    BeforeEach {
        Clear-ApifyEmulatorRequest $script:Emu
        Clear-ApifyEmulatorFault $script:Emu
    }

    It '-NoClobber keeps an existing file and sends nothing; without it the file is replaced' {
        $file = Join-Path $TestDrive 'kept.txt'
        Set-Content -Path $file -Value 'mine' -NoNewline
        $script:Run | Get-ApifyRecord -OutFile $file -NoClobber -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NoClobber,*'
        $err[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $err[0].TargetObject | Should -Be $file
        Get-Content -Raw $file | Should -Be 'mine'
        @(Get-RecordRequest).Count | Should -Be 0

        $script:Run | Get-ApifyRecord -OutFile $file
        Get-Content -Raw $file | Should -Be 'the record'
        { $script:Run | Get-ApifyRecord -NoClobber } | Should -Throw -ErrorId 'NoClobberWithoutOutFile,*'
    }

    It '-NoClobber into a folder skips the files there and writes the others' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'some-records')
        Set-Content -Path (Join-Path $folder 'page-00001') -Value 'older' -NoNewline
        $script:Run | Get-ApifyRecordKey -Prefix page | Get-ApifyRecord -OutFile $folder.FullName -NoClobber -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NoClobber,*'
        Get-Content -Raw (Join-Path $folder 'page-00001') | Should -Be 'older'
        (Get-Content -Raw (Join-Path $folder 'page-00002') | ConvertFrom-Json).page | Should -Be 2
        @(Get-RecordRequest).path | Should -Be @("/v2/key-value-stores/$($script:Run.DefaultKeyValueStoreId)/records/page-00002")
    }

    It 'a missing folder is one terminating OutFileNotWritten error, and nothing is sent' {
        $file = Join-Path $TestDrive 'no-such-folder/out.txt'
        # Terminating (Should -Throw sees no non-terminating error): the other keys in the pipeline are not tried.
        { $script:Run | Get-ApifyRecordKey | Get-ApifyRecord -OutFile $file } | Should -Throw -ErrorId 'OutFileNotWritten,*'
        $thrown = $null
        try { $script:Run | Get-ApifyRecord -OutFile $file } catch { $thrown = $_ }
        $thrown.CategoryInfo.Category | Should -Be 'WriteError'
        $thrown.TargetObject | Should -Be $file
        $thrown.Exception.Message | Should -BeLike '*no-such-folder*does not exist*'
        @(Get-RecordRequest).Count | Should -Be 0
        Test-Path (Join-Path $TestDrive 'no-such-folder') | Should -BeFalse
    }

    It 'replacing a file keeps its mode (an owner-only file stays owner-only)' -Skip:$IsWindows {
        $file = Join-Path $TestDrive 'private.txt'
        Set-Content -Path $file -Value 'secret' -NoNewline
        chmod 600 $file
        $script:Run | Get-ApifyRecord -OutFile $file
        Get-Content -Raw $file | Should -Be 'the record'
        (Get-Item $file).UnixMode | Should -Be '-rw-------'
        @(Get-ChildItem -Force $TestDrive -Filter '*.part').Count | Should -Be 0
    }

    It 'a record that pauses after its headers (shorter than the timeout) is written whole, once' {
        $null = Add-ApifyEmulatorFault $script:Emu -Path $script:RecordPath -Action stall-body -Bytes 4 -StallMs 300
        $file = Join-Path $TestDrive 'paused.txt'
        $script:Run | Get-ApifyRecord -OutFile $file
        Get-Content -Raw $file | Should -Be 'the record'
        @(Get-RecordRequest).Count | Should -Be 1
    }
}

Describe 'Get-ApifyRecord without -OutFile' {
    BeforeEach { Clear-ApifyEmulatorFault $script:Emu }

    It 'a record too large for memory is an invalid-response error that points to -OutFile' {
        $null = Add-ApifyEmulatorFault $script:Emu -Path $script:RecordPath -Action huge-body -Bytes 3000000000
        $out = $script:Run | Get-ApifyRecord -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'invalid-response,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $err[0].Exception.Message | Should -BeLike '*more than 64 MiB*'
        $err[0].ErrorDetails.RecommendedAction | Should -BeLike '*Get-ApifyRecord -OutFile*'
    }
}
