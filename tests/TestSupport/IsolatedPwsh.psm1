# A fresh `pwsh -NoProfile` (run as `dotnet <PSHOME>/pwsh.dll`, the PowerShell this one runs on) whose home and
# profile folders are a temporary sandbox: what it installs, registers or stores (PSResourceGet repositories,
# installed modules, credentials) lands there and is removed with the sandbox. Used by build.ps1 Package and the
# tests that install the module or run the help examples.
Set-StrictMode -Version 3

function New-ApifySandbox {
    # A temporary directory that serves as the home folder, with the folders .NET and PowerShell put the user's
    # data in. They must exist: .NET treats a missing one as unknown and tools then write relative to the working
    # directory. XDG_* variables are removed rather than pointed into the sandbox: PSResourceGet installs to
    # ~/.local/share/powershell/Modules whatever XDG_DATA_HOME says, while pwsh looks in XDG_DATA_HOME.
    [CmdletBinding()]
    param([string] $Prefix = 'apifyps-sandbox-')
    $root = Join-Path ([System.IO.Path]::GetTempPath()) ($Prefix + [guid]::NewGuid().ToString('N'))
    foreach ($d in '.local/share', '.config', '.cache', 'AppData/Roaming', 'AppData/Local') {
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $root $d)
    }
    $environment = [ordered]@{
        HOME = $root; USERPROFILE = $root
        APPDATA = Join-Path $root 'AppData/Roaming'; LOCALAPPDATA = Join-Path $root 'AppData/Local'
        XDG_CONFIG_HOME = $null; XDG_DATA_HOME = $null; XDG_CACHE_HOME = $null
        # As for a new user: PowerShell's default module path for this home, not this process's.
        PSModulePath = $null
    }
    [pscustomobject]@{ PSTypeName = 'ApifyPS.Test.Sandbox'; Path = $root; Environment = $environment }
}

function Remove-ApifySandbox {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [AllowNull()] $Sandbox)
    process {
        if ($Sandbox -and (Test-Path -LiteralPath $Sandbox.Path)) { Remove-Item -Recurse -Force -LiteralPath $Sandbox.Path -ErrorAction SilentlyContinue }
    }
}

function Invoke-ApifyPwsh {
    <#
    .SYNOPSIS
        Runs `dotnet <PSHOME>/pwsh.dll -NoProfile -NonInteractive <arguments>` in the sandbox; returns ExitCode and
        Output (standard output and error, merged). Killed with its children at the deadline.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location).Path,
        [int] $TimeoutSeconds = 600
    )
    $dotnet = (Get-Process -Id $PID).Path
    if ((Split-Path $dotnet -Leaf) -notmatch '^dotnet(\.exe)?$') { $dotnet = 'dotnet' }
    $psi = [System.Diagnostics.ProcessStartInfo]::new($dotnet)
    foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive') + $ArgumentList) { $psi.ArgumentList.Add($a) }
    foreach ($variables in $Sandbox.Environment, $Environment) {
        foreach ($k in @($variables.Keys)) {
            if ($null -eq $variables[$k]) { $null = $psi.Environment.Remove($k) } else { $psi.Environment[$k] = [string]$variables[$k] }
        }
    }
    $psi.Environment['NO_COLOR'] = '1'
    $psi.WorkingDirectory = $WorkingDirectory
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($psi)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            $null = $process.WaitForExit(10000)
            throw "pwsh $($ArgumentList -join ' ') did not finish within $TimeoutSeconds s."
        }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = ($stdout.Result + $stderr.Result) }
    }
    finally { $process.Dispose() }
}

Export-ModuleMember -Function New-ApifySandbox, Remove-ApifySandbox, Invoke-ApifyPwsh
