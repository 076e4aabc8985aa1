# Runs in a fresh pwsh (build.ps1 starts it): imports the staged module, writes its MAML help from
# docs/cmdlets/*.md and the cmdlets' metadata, and reports every cmdlet whose help is incomplete. With -IndexPath
# (build.ps1 Docs) it first brings the pages up to date with the cmdlets (SYNTAX sections and parameter yaml from
# their metadata, a section for each new parameter, a page outline for each new cmdlet) and writes the index.
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $SourceDirectory,
    [Parameter(Mandatory)] [string] $HelpPath,
    [string] $IndexPath,
    # docs/about: about_<Topic>.md pages, written next to the MAML as about_<Topic>.help.txt.
    [string] $AboutDirectory
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'ApifyHelp.psm1')
$module = Import-Module $ModuleManifest -PassThru
$entries = @(Get-ApifyHelpEntry -Module $module.Name -SourceDirectory $SourceDirectory)
if ($IndexPath) {
    foreach ($e in $entries) {
        $file = Join-Path $SourceDirectory "$($e.Command.Name).md"
        $old = if (Test-Path -LiteralPath $file) { [System.IO.File]::ReadAllText($file) } else { '' }
        $new = Update-ApifyHelpMarkdown -Command $e.Command -Text $old
        if ($new -ne ($old -replace "`r`n", "`n")) {
            [System.IO.File]::WriteAllText($file, $new, [System.Text.UTF8Encoding]::new($false))
            Write-Host "Updated $file from the cmdlet's metadata$(if (-not $old) { ' (a new page: fill in its sections)' })"
        }
    }
    $entries = @(Get-ApifyHelpEntry -Module $module.Name -SourceDirectory $SourceDirectory)
}
$problems = @(foreach ($e in $entries) { Test-ApifyHelpSource -Command $e.Command -Markdown $e.Markdown })
ConvertTo-ApifyMaml -Entry @($entries | Where-Object Markdown) -Path $HelpPath
Write-Host "Help: $(@($entries | Where-Object Markdown).Count) of $($entries.Count) cmdlets from $SourceDirectory -> $HelpPath"
if ($AboutDirectory -and (Test-Path $AboutDirectory)) {
    foreach ($page in Get-ChildItem $AboutDirectory -Filter 'about_*.md') {
        $target = Join-Path (Split-Path $HelpPath) "$($page.BaseName).help.txt"
        [System.IO.File]::WriteAllText($target, (ConvertTo-ApifyAboutHelp -Path $page.FullName), [System.Text.UTF8Encoding]::new($false))
        Write-Host "Help: $($page.Name) -> $target"
    }
}
foreach ($p in $problems) { Write-Warning "help: $p" }
if ($IndexPath) {
    $text = Get-ApifyReferenceIndex -Entry $entries
    [System.IO.File]::WriteAllText($IndexPath, $text, [System.Text.UTF8Encoding]::new($false))
    Write-Host "Wrote the cmdlet reference index $IndexPath"
}
