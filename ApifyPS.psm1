# The module's root script. It loads ApifyPS.dll and its third-party assemblies (./dependencies) privately, so a
# different Polly or System.Text.Json that another module loaded never meets ours (docs/design.md, "Dependency
# isolation"), and imports the cmdlets; the manifest's CmdletsToExport says which are exported.
if (-not ('ApifyPS.Loader.ModuleLoader' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'ApifyPS.Loader.dll')
}
Import-Module -Assembly ([ApifyPS.Loader.ModuleLoader]::Load($PSScriptRoot))
