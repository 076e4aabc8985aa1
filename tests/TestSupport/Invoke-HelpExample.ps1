# Runs ONE help example (started by Invoke-HelpExamples.ps1, in a fresh pwsh per example, so nothing an example
# changes in the process -- a session connection, a retry policy -- reaches the next one). The example runs in a new
# runspace with the module imported, whose host (ExampleHost.cs) plays the reader at the keyboard, in the current
# directory; its output is formatted as the console would show it, so the views run too. Writes
# {Passed, Error, Output} as JSON to -ResultPath.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $HostAssembly,
    [Parameter(Mandatory)] [string] $CodePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $TimeoutSeconds = 120
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
Add-Type -Path $HostAssembly
$code = Get-Content -Raw -LiteralPath $CodePath

$exampleHost = [ApifyPS.Tests.Help.ExampleHost]::new($env:APIFY_TOKEN)
$iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
$iss.ImportPSModule([string[]]@($ModuleManifest))
$runspace = [runspacefactory]::CreateRunspace($exampleHost, $iss)
$runspace.Open()
$ps = [powershell]::Create()
$ps.Runspace = $runspace
$result = @{ Passed = $false; Error = $null; Output = '' }
try {
    $null = $ps.AddScript({
            param($Directory)
            Set-Location -LiteralPath $Directory
            $global:ConfirmPreference = 'None'
            $global:ProgressPreference = 'SilentlyContinue'
            $PSStyle.OutputRendering = 'PlainText'
        }).AddArgument((Get-Location).Path).Invoke()
    $ps.Commands.Clear()
    $null = $ps.AddScript("& {`n$code`n} | Out-String -Width 120")
    $handle = $ps.BeginInvoke()
    if (-not $handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($TimeoutSeconds))) {
        $ps.Stop()
        $result.Error = "did not finish within $TimeoutSeconds s"
    }
    else {
        $errorText = $null
        try { $result.Output = (@($ps.EndInvoke($handle)) -join '') }
        catch { $errorText = "terminating error: $(($_.Exception.InnerException ?? $_.Exception).Message)" }
        $errors = @($ps.Streams.Error | ForEach-Object {
                "$($_.FullyQualifiedErrorId): $($_.Exception.Message) $($_.InvocationInfo.PositionMessage)"
            })
        $result.Error = (@($errorText) + $errors | Where-Object { $_ }) -join "`n"
        $result.Passed = -not $result.Error
    }
}
finally {
    $result.Output = $exampleHost.Transcript + $result.Output
    $ps.Dispose()
    $runspace.Dispose()
    ConvertTo-Json -InputObject $result | Set-Content -LiteralPath $ResultPath -Encoding utf8
}
