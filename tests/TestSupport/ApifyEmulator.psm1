# Starts, seeds, inspects and stops the local Apify-compatible server (out/emulator) from PowerShell.
# Used by build.ps1 (Demo), the Pester tests and the benchmarks. Every server started here is tied to the
# calling process (--exit-with) so a crashed run leaves nothing behind, and Stop-ApifyEmulator kills it at once.
Set-StrictMode -Version 3

$script:RepoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

function Start-ApifyEmulator {
    [CmdletBinding()]
    param(
        [string] $Token = ('test_' + [guid]::NewGuid().ToString('N')),
        [string] $Path = (Join-Path $script:RepoRoot 'out/emulator/ApifyPS.Emulator.dll'),
        [string[]] $ArgumentList = @(),
        [int] $StartTimeoutSeconds = 60
    )
    if (-not (Test-Path $Path)) { throw "No local server at $Path; run ./build.ps1 Build first." }
    $dotnet = (Get-Process -Id $PID).Path
    if ((Split-Path $dotnet -Leaf) -notmatch '^dotnet(\.exe)?$') { $dotnet = 'dotnet' }
    $psi = [System.Diagnostics.ProcessStartInfo]::new($dotnet)
    foreach ($a in @($Path, '--port', '0', '--token', $Token, '--exit-with', "$PID") + $ArgumentList) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([timespan]::FromSeconds($StartTimeoutSeconds)) -or -not $line.Result) {
        try { $process.Kill($true) } catch { }
        throw "The local server did not print its URL within $StartTimeoutSeconds s."
    }
    [pscustomobject]@{
        PSTypeName = 'ApifyPS.Test.Emulator'
        BaseUri    = $line.Result.Trim()
        Token      = $Token
        Process    = $process
    }
}

function Stop-ApifyEmulator {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] $Emulator)
    process {
        if ($Emulator -and $Emulator.Process -and -not $Emulator.Process.HasExited) {
            try { $Emulator.Process.Kill($true); $null = $Emulator.Process.WaitForExit(10000) } catch { }
        }
    }
}

function Add-ApifyEmulatorSeed {
    # POST /__emulator/seed; returns the answer ({actorId, actor (username~name), builds, runs}).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Actor,
        [int] $Builds = 0,
        [int] $Runs = 0,
        [hashtable] $Extra = @{}
    )
    $body = @{ actor = $Actor; builds = $Builds; runs = $Runs } + $Extra
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/__emulator/seed" -ContentType 'application/json' `
        -Body ($body | ConvertTo-Json -Depth 10 -Compress)
}

function Get-ApifyEmulatorRequest {
    # The server's request log: /v2 requests only, oldest first ({method, path, query, auth, body}); a ?token= value
    # and a secret environment variable's value are logged as ***.
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    # Invoke-RestMethod writes a JSON array as one object: assign it first so the pipeline enumerates it.
    $log = Invoke-RestMethod -Uri "$($Emulator.BaseUri)/__emulator/requests"
    $log | Where-Object { $_ -and $_.path -like '/v2/*' }
}

function Test-ApifyEmulatorEnvVar {
    # Whether the Actor version's environment variable holds -Value: the request log redacts a secret's value, so
    # this is how a test proves the secret arrived.
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Actor, [Parameter(Mandatory)] [string] $Version,
        [Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Value)
    $body = @{ actor = $Actor; version = $Version; name = $Name; value = $Value } | ConvertTo-Json -Compress
    (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/__emulator/env-vars/check" -ContentType 'application/json' -Body $body).matches
}

function Get-ApifyEmulatorActiveRequest {
    # The /v2 requests the server is answering right now ({method, path, query, auth}); one the client gave up on
    # leaves as soon as the server notices the closed connection.
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $active = Invoke-RestMethod -Uri "$($Emulator.BaseUri)/__emulator/requests/active"
    $active | Where-Object { $_ }
}

function Clear-ApifyEmulatorRequest {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Delete -Uri "$($Emulator.BaseUri)/__emulator/requests"
}

function Use-ApifyEmulator {
    # Points the module at the server through the environment (APIFY_TOKEN, APIFY_CLIENT_BASE_URL).
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $env:APIFY_TOKEN = $Emulator.Token
    $env:APIFY_CLIENT_BASE_URL = $Emulator.BaseUri
}

function Add-ApifyEmulatorFault {
    # POST /__emulator/faults: the next -Count requests matching -Method and -Path (* within a segment, ** across)
    # get the fault. -Action: status, html, empty, delay, reset-before, reset-after, close-after, truncate, and the body
    # faults stall-body (-Bytes first, then -StallMs or until the client goes away), trickle (-Bytes every -IntervalMs),
    # huge-body (-Bytes of JSON whitespace added; -Chunked: no Content-Length), gzip-bomb (the same, gzip-compressed), redirect (to -Location, -Status 300-399, 307 by default).
    # -Process:$false sends "process": false (close-after then reads the request without acting on it). Returns the fault.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = '*',
        [ValidateSet('status', 'html', 'empty', 'delay', 'reset-before', 'reset-after', 'close-after', 'truncate',
            'stall-body', 'trickle', 'huge-body', 'gzip-bomb', 'redirect')]
        [string] $Action = 'status',
        [int] $Count = 1,
        [int] $Status,
        [string] $RetryAfter,
        [string] $ErrorType,
        [int] $DelayMs,
        [switch] $Process,
        [switch] $Abort,
        [long] $Bytes,
        [int] $StallMs,
        [int] $IntervalMs,
        [switch] $Chunked,
        [string] $Location
    )
    $body = @{ path = $Path; method = $Method; action = $Action; count = $Count }
    if ($Location) { $body.location = $Location }
    if ($PSBoundParameters.ContainsKey('Status')) { $body.status = $Status }
    if ($RetryAfter) { $body.retryAfter = $RetryAfter }
    if ($ErrorType) { $body.errorType = $ErrorType }
    if ($DelayMs) { $body.delayMs = $DelayMs }
    if ($PSBoundParameters.ContainsKey('Process')) { $body.process = [bool]$Process }
    if ($Abort) { $body.abort = $true }
    if ($PSBoundParameters.ContainsKey('Bytes')) { $body.bytes = $Bytes }
    if ($StallMs) { $body.stallMs = $StallMs }
    if ($IntervalMs) { $body.intervalMs = $IntervalMs }
    if ($Chunked) { $body.chunked = $true }
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/__emulator/faults" -ContentType 'application/json' `
        -Body ($body | ConvertTo-Json -Compress)
}

function Get-ApifyEmulatorFault {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $faults = Invoke-RestMethod -Uri "$($Emulator.BaseUri)/__emulator/faults"
    $faults | Where-Object { $_ }
}

function Clear-ApifyEmulatorFault {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-RestMethod -Method Delete -Uri "$($Emulator.BaseUri)/__emulator/faults"
}

function Set-ApifyEmulatorRateLimit {
    # PUT /__emulator/rate-limit (per token and resource, sliding 1 s window); -Off turns it off.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [int] $Limit = 60,
        [ValidateSet('resource', 'token')] [string] $Scope = 'resource',
        [string] $RetryAfter,
        [switch] $Off
    )
    if ($Off) {
        $null = Invoke-RestMethod -Method Delete -Uri "$($Emulator.BaseUri)/__emulator/rate-limit"
        return
    }
    $body = @{ limit = $Limit; scope = $Scope }
    if ($RetryAfter) { $body.retryAfter = $RetryAfter }
    Invoke-RestMethod -Method Put -Uri "$($Emulator.BaseUri)/__emulator/rate-limit" -ContentType 'application/json' `
        -Body ($body | ConvertTo-Json -Compress)
}

function Get-ApifyEmulatorRateLimit {
    # {enabled, limit, startLimit, scope, retryAfter, allowed, limited}: limited = 429s answered.
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.BaseUri)/__emulator/rate-limit"
}

function Get-ApifyEmulatorJobsStarted {
    # {builds, runs, total}: jobs created through the API's start endpoints.
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Uri "$($Emulator.BaseUri)/__emulator/jobs-started"
}

Export-ModuleMember -Function Start-ApifyEmulator, Stop-ApifyEmulator, Add-ApifyEmulatorSeed, Get-ApifyEmulatorRequest,
    Clear-ApifyEmulatorRequest, Use-ApifyEmulator, Add-ApifyEmulatorFault, Get-ApifyEmulatorFault, Clear-ApifyEmulatorFault,
    Set-ApifyEmulatorRateLimit, Get-ApifyEmulatorRateLimit, Get-ApifyEmulatorJobsStarted, Get-ApifyEmulatorActiveRequest, Test-ApifyEmulatorEnvVar
