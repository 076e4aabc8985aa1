# The module's root script. It loads ApifyPS.dll and its third-party assemblies (./dependencies) privately, so a
# different Polly or System.Text.Json that another module loaded never meets ours (docs/design.md, "Dependency
# isolation"), and imports the cmdlets; the manifest's CmdletsToExport says which are exported. The loader itself
# comes in through the manifest's RequiredAssemblies (cheaper than Add-Type), and the first import is one statement:
# import time is measured (docs/performance.md).
if ([ApifyPS.Loader.ModuleLoader]::IsLoaded($PSScriptRoot)) {
    # A re-import (Import-Module -Force, or Remove-Module then Import-Module) gets the same assembly back; the module
    # table may still hold the cmdlets' module of the previous import, which would make Import-Module skip it and
    # leave this import without cmdlets.
    $assembly = [ApifyPS.Loader.ModuleLoader]::Load($PSScriptRoot)
    Get-Module -All | Where-Object { $_.ImplementingAssembly -eq $assembly } | Remove-Module -Force
    Import-Module -Assembly $assembly
    Remove-Variable assembly
}
else {
    Import-Module -Assembly ([ApifyPS.Loader.ModuleLoader]::Load($PSScriptRoot))
}
