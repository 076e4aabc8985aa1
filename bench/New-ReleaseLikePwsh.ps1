# Publishes the benchmark's release-like pwsh (bench/ReleaseLikePwsh: PowerShell 7.6.9 from Microsoft.PowerShell.SDK,
# ReadyToRun) into out/bench/pwsh-r2r and copies the running pwsh's Modules/ beside it (the SDK carries the engine,
# not the built-in modules such as Microsoft.PowerShell.Utility). Skipped when it is there already. Prints the path
# of the host's executable. Bench only: nothing ships it.
param([string] $Root = (Split-Path $PSScriptRoot -Parent))
$ErrorActionPreference = 'Stop'
$out = Join-Path $Root 'out/bench/pwsh-r2r'
$exe = Join-Path $out 'pwsh-r2r'
if (-not (Test-Path $exe) -or -not (Test-Path (Join-Path $out 'Modules/Microsoft.PowerShell.Utility'))) {
    Write-Host 'Publishing the release-like pwsh (ReadyToRun, once; about a minute)'
    $project = Join-Path $PSScriptRoot 'ReleaseLikePwsh/ReleaseLikePwsh.csproj'
    $log = & dotnet publish $project -c Release -o $out --nologo 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Publishing the release-like pwsh failed: $($log | Select-Object -Last 5)" }
    Copy-Item -Recurse -Force (Join-Path $PSHOME 'Modules') $out
}
$exe
