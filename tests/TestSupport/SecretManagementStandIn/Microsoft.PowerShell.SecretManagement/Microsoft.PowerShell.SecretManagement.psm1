# One vault, named by $env:APIFYPS_TEST_VAULT_NAME, kept in the JSON file $env:APIFYPS_TEST_VAULT_PATH (plain text:
# a test double, never a place for real secrets). Errors are written as the real module writes them.
Set-StrictMode -Version 3

function Read-Vault([string] $Vault) {
    if ($Vault -ne $env:APIFYPS_TEST_VAULT_NAME) { throw "Vault '$Vault' does not exist in the registry." }
    $secrets = @{}
    if (Test-Path $env:APIFYPS_TEST_VAULT_PATH) {
        (Get-Content -Raw $env:APIFYPS_TEST_VAULT_PATH | ConvertFrom-Json).psobject.Properties | ForEach-Object { $secrets[$_.Name] = $_.Value }
    }
    $secrets
}

function Write-Vault([hashtable] $Secrets) {
    $Secrets | ConvertTo-Json | Set-Content -Path $env:APIFYPS_TEST_VAULT_PATH
}

function Get-Secret {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [string] $Vault, [switch] $AsPlainText)
    $secrets = Read-Vault $Vault
    if (-not $secrets.ContainsKey($Name)) {
        Write-Error "The secret $Name was not found." -Category ObjectNotFound
        return
    }
    if ($AsPlainText) { $secrets[$Name] } else { ConvertTo-SecureString $secrets[$Name] -AsPlainText -Force }
}

function Set-Secret {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [string] $Vault, [securestring] $SecureStringSecret, [object] $Secret)
    $secrets = Read-Vault $Vault
    $secrets[$Name] = if ($SecureStringSecret) { [System.Net.NetworkCredential]::new('', $SecureStringSecret).Password } else { "$Secret" }
    Write-Vault $secrets
}

function Remove-Secret {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Vault)
    $secrets = Read-Vault $Vault
    if (-not $secrets.ContainsKey($Name)) {
        Write-Error "The secret $Name was not found." -Category ObjectNotFound
        return
    }
    $secrets.Remove($Name)
    Write-Vault $secrets
}
