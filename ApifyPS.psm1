# The module's root script. It loads ApifyPS.dll and its third-party assemblies (./dependencies) privately, so a
# different Polly or System.Text.Json that another module loaded never meets ours (docs/design.md, "Dependency
# isolation"), and imports the cmdlets; the manifest's CmdletsToExport says which are exported.
if (-not ('ApifyPS.Loader.ModuleLoader' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'ApifyPS.Loader.dll')
}
$assembly = [ApifyPS.Loader.ModuleLoader]::Load($PSScriptRoot)
# A re-import (Import-Module -Force) would otherwise find the cmdlets' module of the previous import still in the
# module table, skip it, and leave this import without cmdlets.
Get-Module -All | Where-Object { $_.ImplementingAssembly -eq $assembly } | Remove-Module -Force
Import-Module -Assembly $assembly
Remove-Variable assembly
