# Help for ApifyPS cmdlets, from one source: docs/cmdlets/<Verb-Noun>.md (platyPS-style Markdown, see
# docs/cmdlets/Get-ApifyBuild.md). What the Markdown is better at (synopsis, description, examples, parameter
# descriptions, inputs/outputs, notes, links, default values) comes from it; what the cmdlet itself knows for sure
# (parameter sets, types, mandatory, position, pipeline input, aliases, wildcards) comes from its metadata, so help
# can never contradict the code. Used by build.ps1 (MAML for Get-Help, the cmdlet reference index) and the tests.
Set-StrictMode -Version 3

$script:CommonParameterNames = [System.Management.Automation.PSCmdlet]::CommonParameters
$script:ShouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Markdown

function Read-ApifyHelpMarkdown {
    <#
    .SYNOPSIS
        Parses one platyPS-style help Markdown file into its parts.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)] [Alias('FullName')] [string] $Path)
    process {
        $lines = @((Get-Content -LiteralPath $Path -Encoding utf8) -replace "`r$", '')
        $i = 0
        if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
            $i = 1
            while ($i -lt $lines.Count -and $lines[$i] -ne '---') { $i++ }
            $i++
        }
        # Headings outside code fences only: a PowerShell comment in an example starts with '#' too.
        $name = $null
        $sections = [ordered]@{}
        $current = $null
        $inFence = $false
        for (; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($line -match '^\s*```') { $inFence = -not $inFence }
            if (-not $inFence -and $line -match '^# (\S.*)$') { $name = $Matches[1].Trim(); $current = $null; continue }
            if (-not $inFence -and $line -match '^## (\S.*)$') {
                $current = [System.Collections.Generic.List[string]]::new()
                $sections[$Matches[1].Trim().ToUpperInvariant()] = $current
                continue
            }
            if ($null -ne $current) { $current.Add($line) }
        }
        $get = { param($key) if ($sections.Contains($key)) { @($sections[$key]) } else { @() } }

        $parameters = [ordered]@{}
        $commonParameters = $false
        foreach ($sub in (Split-Subsection (& $get 'PARAMETERS'))) {
            if ($sub.Title -eq 'CommonParameters') { $commonParameters = $true; continue }
            $parsed = Split-TextAndFence $sub.Lines
            $yaml = @{}
            foreach ($fence in $parsed.Fences | Where-Object Language -eq 'yaml') {
                foreach ($y in $fence.Lines) { if ($y -match '^([^:]+):\s*(.*)$') { $yaml[$Matches[1].Trim()] = $Matches[2].Trim() } }
            }
            $parameters[($sub.Title -replace '^-', '')] = [pscustomobject]@{
                Name        = $sub.Title -replace '^-', ''
                Description = @(ConvertTo-Paragraph $parsed.Text)
                Yaml        = $yaml
            }
        }

        [pscustomobject]@{
            PSTypeName       = 'ApifyHelp.Markdown'
            Path             = (Resolve-Path -LiteralPath $Path).Path
            Name             = $name
            Synopsis         = (@(ConvertTo-Paragraph (& $get 'SYNOPSIS')) -join ' ').Trim()
            Description      = @(ConvertTo-Paragraph (& $get 'DESCRIPTION'))
            Examples         = @(foreach ($sub in (Split-Subsection (& $get 'EXAMPLES'))) {
                    $parsed = Split-TextAndFence $sub.Lines
                    [pscustomobject]@{
                        Title   = $sub.Title
                        Code    = (@($parsed.Fences | ForEach-Object { $_.Lines -join "`n" }) -join "`n`n").Trim()
                        Remarks = @(ConvertTo-Paragraph $parsed.Text)
                    }
                })
            Parameters       = $parameters
            CommonParameters = $commonParameters
            Inputs           = @(Read-TypeList (& $get 'INPUTS'))
            Outputs          = @(Read-TypeList (& $get 'OUTPUTS'))
            Notes            = @(ConvertTo-Paragraph (& $get 'NOTES'))
            Links            = @(foreach ($l in (& $get 'RELATED LINKS')) {
                    foreach ($m in [regex]::Matches($l, '\[([^\]]+)\]\(([^)]*)\)')) {
                        [pscustomobject]@{ Text = $m.Groups[1].Value; Uri = $m.Groups[2].Value }
                    }
                })
        }
    }
}

function Split-Subsection([string[]] $Lines) {
    # '### Title' blocks of a section (outside code fences), each with its lines.
    $result = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^### (\S.*)$') {
            $current = [pscustomobject]@{ Title = $Matches[1].Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $result.Add($current)
            continue
        }
        if ($null -ne $current) { $current.Lines.Add($line) }
    }
    $result.ToArray()
}

function Split-TextAndFence([string[]] $Lines) {
    # Separates prose from fenced code blocks (```lang ... ```).
    $text = [System.Collections.Generic.List[string]]::new()
    $fences = [System.Collections.Generic.List[object]]::new()
    $fence = $null
    foreach ($line in $Lines) {
        if ($line -match '^\s*```\s*(\S*)\s*$') {
            if ($null -eq $fence) {
                $fence = [pscustomobject]@{ Language = $Matches[1].ToLowerInvariant(); Lines = [System.Collections.Generic.List[string]]::new() }
            }
            else { $fences.Add($fence); $fence = $null }
            continue
        }
        if ($null -ne $fence) { $fence.Lines.Add($line) } else { $text.Add($line) }
    }
    if ($null -ne $fence) { $fences.Add($fence) }
    [pscustomobject]@{ Text = $text.ToArray(); Fences = $fences.ToArray() }
}

function ConvertTo-Paragraph([string[]] $Lines) {
    # Markdown prose -> plain paragraphs for Get-Help: lines of a paragraph joined, list items kept apart,
    # inline code and links made plain.
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if ($buffer.Count) { $paragraphs.Add((ConvertTo-PlainText ($buffer -join ' '))); $buffer.Clear() }
    }
    foreach ($line in $Lines) {
        if ($line -match '^\s*$') { & $flush; continue }
        if ($line -match '^\s*[-*] ') { & $flush }
        $buffer.Add($line.Trim())
    }
    & $flush
    $paragraphs.ToArray()
}

function ConvertTo-PlainText([string] $Text) {
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]+)\)', '$1 ($2)')
    $Text = $Text -replace '`([^`]*)`', '$1'
    $Text -replace '\*\*([^*]+)\*\*', '$1'
}

function Read-TypeList([string[]] $Lines) {
    foreach ($sub in (Split-Subsection $Lines)) {
        [pscustomobject]@{ Type = $sub.Title; Description = @(ConvertTo-Paragraph $sub.Lines) }
    }
}

#endregion

#region Metadata

function Get-ApifyTypeDisplayName([type] $Type) {
    # The short names Get-Help and platyPS show: String[], Int32, SwitchParameter, ApifyResource.
    if ($Type.IsArray) { return (Get-ApifyTypeDisplayName $Type.GetElementType()) + '[]' }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return Get-ApifyTypeDisplayName $underlying }
    if ($Type.IsGenericType) {
        $genericArgs = @($Type.GetGenericArguments() | ForEach-Object { Get-ApifyTypeDisplayName $_ }) -join ', '
        return ($Type.Name -replace '`\d+$', '') + "[$genericArgs]"
    }
    $Type.Name
}

function Get-ApifyParameterInfo {
    <#
    .SYNOPSIS
        What the cmdlet's metadata says about each of its parameters (common parameters left out): type, sets,
        mandatory, position, pipeline input, aliases, wildcards.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)
    $allSets = @($Command.ParameterSets | ForEach-Object Name)
    foreach ($p in $Command.Parameters.Values) {
        if ($script:CommonParameterNames -contains $p.Name) { continue }
        $sets = @($p.ParameterSets.Keys)
        $setNames = @(if ($sets -contains "__AllParameterSets") { $allSets } else { $sets })
        $setData = @($p.ParameterSets.Values)
        $positions = @($setData | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Sort-Object -Unique)
        $pipeline = @(
            if ($setData | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' }
            if ($setData | Where-Object ValueFromPipeline) { 'ByValue' }
        )
        [pscustomobject]@{
            Name        = $p.Name
            Type        = $p.ParameterType
            TypeName    = Get-ApifyTypeDisplayName $p.ParameterType
            IsSwitch    = $p.SwitchParameter
            Sets        = $setNames
            AllSets     = ($sets -contains '__AllParameterSets') -or ($allSets.Count -gt 1 -and $setNames.Count -eq $allSets.Count)
            Mandatory   = @($setData | Where-Object { -not $_.IsMandatory }).Count -eq 0
            Position    = if ($positions.Count -eq 1 -and @($setData | Where-Object { $_.Position -lt 0 }).Count -eq 0) { [string]$positions[0] } else { 'Named' }
            Pipeline    = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
            Aliases     = @($p.Aliases)
            Wildcards   = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            IsShouldProcess = $p.Name -in 'WhatIf', 'Confirm'
        }
    }
}

#endregion

#region Checks

function Test-ApifyHelpSource {
    <#
    .SYNOPSIS
        The problems of one cmdlet's help source against the cmdlet itself; none means complete.
    .DESCRIPTION
        A synopsis (a sentence, not the syntax), a description, at least two examples with code, every parameter
        described (WhatIf/Confirm get PowerShell's standard text when the Markdown leaves them out) and no parameter
        the cmdlet does not have, inputs, outputs naming every declared output type, and at least one related link.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command,
        [AllowNull()] $Markdown
    )
    $n = $Command.Name
    if ($null -eq $Markdown) { return "${n}: no help source docs/cmdlets/$n.md" }
    if ($Markdown.Name -ne $n) { "${n}: the Markdown's title is '$($Markdown.Name)', not '$n'" }
    if (-not $Markdown.Synopsis) { "${n}: no SYNOPSIS" }
    elseif ($Markdown.Synopsis -match "^\s*$([regex]::Escape($n))\b") { "${n}: the SYNOPSIS is the syntax, not a sentence" }
    if (-not ($Markdown.Description -join '').Trim()) { "${n}: no DESCRIPTION" }
    $examples = @($Markdown.Examples)
    if ($examples.Count -lt 2) { "${n}: $($examples.Count) example(s); at least 2 are needed" }
    foreach ($e in $examples) {
        if (-not $e.Code) { "${n}: example '$($e.Title)' has no code block" }
        if (-not ($e.Remarks -join '').Trim()) { "${n}: example '$($e.Title)' does not say what it does" }
    }
    $actual = @(Get-ApifyParameterInfo -Command $Command)
    foreach ($name in $Markdown.Parameters.Keys) {
        if (-not ($actual | Where-Object Name -eq $name)) { "${n}: the Markdown describes -$name, which the cmdlet does not have" }
    }
    foreach ($p in $actual) {
        $doc = if ($Markdown.Parameters.Contains($p.Name)) { $Markdown.Parameters[$p.Name] } else { $null }
        if ($p.IsShouldProcess -and -not ($doc -and ($doc.Description -join '').Trim())) { continue }
        if (-not $doc) { "${n}: -$($p.Name) is not described" }
        elseif (-not ($doc.Description -join '').Trim()) { "${n}: -$($p.Name) has an empty description" }
    }
    if (-not @($Markdown.Inputs).Count) { "${n}: no INPUTS (write 'None' when nothing comes from the pipeline)" }
    if (-not @($Markdown.Outputs).Count) { "${n}: no OUTPUTS (write 'None' when it writes nothing)" }
    foreach ($t in @($Command.OutputType | Where-Object Type)) {
        $listed = @($Markdown.Outputs | Where-Object { $_.Type -eq $t.Type.FullName -or $_.Type -eq $t.Type.Name })
        if (-not $listed) { "${n}: OUTPUTS does not list $($t.Type.FullName), an [OutputType] of the cmdlet" }
    }
    if (-not @($Markdown.Links).Count) { "${n}: no RELATED LINKS" }
}

#endregion

#region MAML

function ConvertTo-ApifyMaml {
    <#
    .SYNOPSIS
        Writes the MAML help file (<Module>.dll-Help.xml) for the given cmdlets from their Markdown and metadata.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [object[]] $Entry, # [pscustomobject]@{ Command; Markdown }
        [Parameter(Mandatory)] [string] $Path
    )
    $maml = 'http://schemas.microsoft.com/maml/2004/10'
    $cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $Path)
    $w = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($e in $Entry | Sort-Object { $_.Command.Name }) {
            $c = $e.Command
            $md = $e.Markdown
            $params = @(Get-ApifyParameterInfo -Command $c)
            $w.WriteStartElement('command', 'command', $cmd)
            $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
            $w.WriteAttributeString('xmlns', 'command', $null, $cmd)
            $w.WriteAttributeString('xmlns', 'dev', $null, $dev)

            $w.WriteStartElement('command', 'details', $cmd)
            $w.WriteElementString('name', $cmd, $c.Name)
            $w.WriteElementString('verb', $cmd, $c.Verb)
            $w.WriteElementString('noun', $cmd, $c.Noun)
            Write-Para $w 'description' @($md.Synopsis)
            $w.WriteEndElement()

            Write-Para $w 'description' $md.Description

            # Syntax: one item per parameter set, the default first, positional parameters in position order.
            $w.WriteStartElement('command', 'syntax', $cmd)
            $sets = @($c.ParameterSets | Sort-Object { -not $_.IsDefault })
            foreach ($set in $sets) {
                $w.WriteStartElement('command', 'syntaxItem', $cmd)
                $w.WriteElementString('name', $maml, $c.Name)
                $inSet = @($set.Parameters | Where-Object { $script:CommonParameterNames -notcontains $_.Name })
                $ordered = @($inSet | Where-Object Position -ge 0 | Sort-Object Position) + @($inSet | Where-Object Position -lt 0)
                foreach ($sp in $ordered) {
                    $info = $params | Where-Object Name -eq $sp.Name
                    $pipeline = @(if ($sp.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($sp.ValueFromPipeline) { 'ByValue' })
                    Write-Parameter $w $info $md -Required $sp.IsMandatory `
                        -Position $(if ($sp.Position -ge 0) { [string]$sp.Position } else { 'Named' }) `
                        -Pipeline $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }) -InSyntax
                }
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            $w.WriteStartElement('command', 'parameters', $cmd)
            foreach ($p in @($params | Sort-Object { $_.IsShouldProcess }, Name)) {
                Write-Parameter $w $p $md -Required $p.Mandatory -Position $p.Position -Pipeline $p.Pipeline
            }
            $w.WriteEndElement()

            foreach ($kind in @(@('inputTypes', 'inputType', $md.Inputs), @('returnValues', 'returnValue', $md.Outputs))) {
                $w.WriteStartElement('command', $kind[0], $cmd)
                foreach ($t in @($kind[2])) {
                    $w.WriteStartElement('command', $kind[1], $cmd)
                    $w.WriteStartElement('dev', 'type', $dev)
                    $w.WriteElementString('name', $maml, $t.Type)
                    $w.WriteEndElement()
                    Write-Para $w 'description' $t.Description
                    $w.WriteEndElement()
                }
                $w.WriteEndElement()
            }

            if (@($md.Notes).Count) {
                $w.WriteStartElement('maml', 'alertSet', $maml)
                $w.WriteStartElement('maml', 'alert', $maml)
                foreach ($para in $md.Notes) { $w.WriteElementString('para', $maml, $para) }
                $w.WriteEndElement()
                $w.WriteEndElement()
            }

            $w.WriteStartElement('command', 'examples', $cmd)
            foreach ($ex in $md.Examples) {
                $w.WriteStartElement('command', 'example', $cmd)
                $w.WriteElementString('title', $maml, "-------------------------- $($ex.Title) --------------------------")
                $w.WriteElementString('code', $dev, $ex.Code)
                $w.WriteStartElement('dev', 'remarks', $dev)
                foreach ($para in $ex.Remarks) { $w.WriteElementString('para', $maml, $para) }
                $w.WriteElementString('para', $maml, '') # a blank line before the next example
                $w.WriteEndElement()
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            $w.WriteStartElement('command', 'relatedLinks', $cmd)
            foreach ($l in $md.Links) {
                $w.WriteStartElement('maml', 'navigationLink', $maml)
                $w.WriteElementString('linkText', $maml, $l.Text)
                $w.WriteElementString('uri', $maml, $l.Uri)
                $w.WriteEndElement()
            }
            $w.WriteEndElement()

            $w.WriteEndElement() # command
        }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally { $w.Dispose() }
}

function Write-Para($w, [string] $Element, [string[]] $Paragraphs) {
    $w.WriteStartElement('maml', $Element, 'http://schemas.microsoft.com/maml/2004/10')
    foreach ($para in @($Paragraphs)) { $w.WriteElementString('para', 'http://schemas.microsoft.com/maml/2004/10', $para) }
    $w.WriteEndElement()
}

function Write-Parameter {
    param($w, $Info, $Markdown, [bool] $Required, [string] $Position, [string] $Pipeline, [switch] $InSyntax)
    $maml = 'http://schemas.microsoft.com/maml/2004/10'
    $cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    $doc = if ($Markdown.Parameters.Contains($Info.Name)) { $Markdown.Parameters[$Info.Name] } else { $null }
    $description = if ($doc -and ($doc.Description -join '').Trim()) { $doc.Description }
    elseif ($script:ShouldProcessText.ContainsKey($Info.Name)) { @($script:ShouldProcessText[$Info.Name]) }
    else { @() }
    $yaml = if ($doc) { $doc.Yaml } else { @{} }
    $globbing = $Info.Wildcards -or ($yaml['Accept wildcard characters'] -eq 'True')
    $w.WriteStartElement('command', 'parameter', $cmd)
    $w.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $w.WriteAttributeString('variableLength', $Info.Type.IsArray.ToString().ToLowerInvariant())
    $w.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $w.WriteAttributeString('pipelineInput', $Pipeline)
    $w.WriteAttributeString('position', $Position.ToLowerInvariant())
    $w.WriteAttributeString('aliases', $(if ($Info.Aliases) { $Info.Aliases -join ', ' } else { 'none' }))
    $w.WriteElementString('name', $maml, $Info.Name)
    $w.WriteStartElement('maml', 'description', $maml)
    foreach ($para in $description) { $w.WriteElementString('para', $maml, $para) }
    $w.WriteEndElement()
    if (-not ($InSyntax -and $Info.IsSwitch)) {
        $w.WriteStartElement('command', 'parameterValue', $cmd)
        $w.WriteAttributeString('required', (-not $Info.IsSwitch).ToString().ToLowerInvariant())
        $w.WriteAttributeString('variableLength', $Info.Type.IsArray.ToString().ToLowerInvariant())
        $w.WriteString($Info.TypeName)
        $w.WriteEndElement()
    }
    if (-not $InSyntax) {
        $w.WriteStartElement('dev', 'type', $dev)
        $w.WriteElementString('name', $maml, $Info.Type.FullName)
        $w.WriteEndElement()
        $default = if ($yaml['Default value']) { $yaml['Default value'] } elseif ($Info.IsSwitch) { 'False' } else { 'None' }
        $w.WriteElementString('defaultValue', $dev, $default)
    }
    $w.WriteEndElement()
}

#endregion

#region Reference

function Get-ApifyHelpEntry {
    <#
    .SYNOPSIS
        Pairs every exported command of a module with its help Markdown (null when there is none).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Module,
        [Parameter(Mandatory)] [string] $SourceDirectory
    )
    foreach ($c in Get-Command -Module $Module -CommandType Cmdlet, Function | Sort-Object Name) {
        $file = Join-Path $SourceDirectory "$($c.Name).md"
        [pscustomobject]@{
            Command  = $c
            Markdown = if (Test-Path -LiteralPath $file) { Read-ApifyHelpMarkdown -Path $file } else { $null }
        }
    }
}

function Get-ApifyReferenceIndex {
    <#
    .SYNOPSIS
        The text of docs/cmdlets/README.md: every cmdlet with its synopsis, grouped by noun, linking its page.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [object[]] $Entry)
    $sb = [System.Text.StringBuilder]::new()
    $null = $sb.AppendLine('# Cmdlet reference')
    $null = $sb.AppendLine()
    $null = $sb.AppendLine('Generated by `./build.ps1 Docs` from the pages in this folder, which are also the source of the help')
    $null = $sb.AppendLine('`Get-Help` shows (`out/ApifyPS/en-US/ApifyPS.dll-Help.xml`). Edit the pages, not this index.')
    foreach ($group in $Entry | Group-Object { $_.Command.Noun } | Sort-Object Name) {
        $null = $sb.AppendLine()
        $null = $sb.AppendLine("## $($group.Name)")
        $null = $sb.AppendLine()
        $null = $sb.AppendLine('| cmdlet | what it does |')
        $null = $sb.AppendLine('|---|---|')
        foreach ($e in $group.Group | Sort-Object { $_.Command.Name }) {
            $synopsis = if ($e.Markdown) { $e.Markdown.Synopsis -replace '\|', '\|' } else { '(no help yet)' }
            $null = $sb.AppendLine("| [$($e.Command.Name)]($($e.Command.Name).md) | $synopsis |")
        }
    }
    $sb.ToString() -replace "`r`n", "`n"
}

#endregion

Export-ModuleMember -Function Read-ApifyHelpMarkdown, Get-ApifyParameterInfo, Test-ApifyHelpSource, ConvertTo-ApifyMaml,
    Get-ApifyHelpEntry, Get-ApifyReferenceIndex, Get-ApifyTypeDisplayName
