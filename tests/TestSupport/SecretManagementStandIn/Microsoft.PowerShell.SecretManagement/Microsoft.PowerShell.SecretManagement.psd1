# A stand-in for Microsoft.PowerShell.SecretManagement, for the tests only: the real module is not served by the
# package registries this project can reach. It has the real module's name and the three commands ApifyPS runs
# (Get-Secret, Set-Secret, Remove-Secret), so ApifyPS finds it at run time exactly as it finds the real one.
@{
    ModuleVersion     = '1.1.2'
    GUID              = '8b0c2c2e-7a1c-4f86-9d7e-3f0c55b0a0e1'
    Author            = 'ApifyPS tests'
    Description       = 'Test stand-in for Microsoft.PowerShell.SecretManagement: one vault, kept in a JSON file.'
    RootModule        = 'Microsoft.PowerShell.SecretManagement.psm1'
    FunctionsToExport = @('Get-Secret', 'Set-Secret', 'Remove-Secret')
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
