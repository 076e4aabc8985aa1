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
# Parameters every API cmdlet has from its base, with one standard text (a page may still describe its own).
$script:StandardParameterText = @{
    Profile = 'The stored profile (Connect-Apify -Profile <name>) this call uses, for this call only: it wins over the session''s connection and $env:APIFY_TOKEN, so one script can read from one account and write to another. Tab completes the stored names; a profile that is not stored is an error before anything is sent.'
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
            Mandatory   = @($setData | Where-Object { -not $_.IsMandatory }).Count -eq 0
            Position    = if ($positions.Count -eq 1 -and @($setData | Where-Object { $_.Position -lt 0 }).Count -eq 0) { [string]$positions[0] } else { 'Named' }
            Pipeline    = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
            Aliases     = @($p.Aliases)
            Wildcards   = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            AcceptedValues = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object ValidValues)
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
        if (-not ($e.Remarks -join '').Trim() -and $e.Title -notmatch '^Example \d+:\s*\S') {
            "${n}: example '$($e.Title)' does not say what it does (a title 'Example N: what it does', or a remark)"
        }
    }
    $actual = @(Get-ApifyParameterInfo -Command $Command)
    foreach ($name in $Markdown.Parameters.Keys) {
        if (-not ($actual | Where-Object Name -eq $name)) { "${n}: the Markdown describes -$name, which the cmdlet does not have" }
    }
    foreach ($p in $actual) {
        $doc = if ($Markdown.Parameters.Contains($p.Name)) { $Markdown.Parameters[$p.Name] } else { $null }
        if (($p.IsShouldProcess -or $script:StandardParameterText.ContainsKey($p.Name)) -and -not ($doc -and ($doc.Description -join '').Trim())) { continue }
        if (-not $doc) { "${n}: -$($p.Name) is not described" }
        elseif (-not ($doc.Description -join '').Trim()) { "${n}: -$($p.Name) has an empty description" }
    }
    if (-not @($Markdown.Inputs).Count) { "${n}: no INPUTS (write 'None' when nothing comes from the pipeline)" }
    if (-not @($Markdown.Outputs).Count) { "${n}: no OUTPUTS (write 'None' when it writes nothing)" }
    foreach ($t in @($Command.OutputType | Where-Object { $_.Type -and $_.Type -ne [void] })) {
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
                $ordered = @($inSet | Where-Object Position -ge 0 | Sort-Object Position) +
                    @($inSet | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) + @($inSet | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
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
    elseif ($script:StandardParameterText.ContainsKey($Info.Name)) { @($script:StandardParameterText[$Info.Name]) }
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
    if ($Info.AcceptedValues) {
        $w.WriteStartElement('command', 'parameterValueGroup', $cmd)
        foreach ($v in $Info.AcceptedValues) {
            $w.WriteStartElement('command', 'parameterValue', $cmd)
            $w.WriteAttributeString('required', 'false')
            $w.WriteAttributeString('variableLength', 'false')
            $w.WriteString($v)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
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

#region Markdown from metadata

function Get-ApifySyntaxText {
    <#
    .SYNOPSIS
        The SYNTAX section of a help page, from the cmdlet's parameter sets (platyPS layout, wrapped at 110).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)
    $sets = @($Command.ParameterSets)
    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($set in @($sets | Where-Object IsDefault) + @($sets | Where-Object { -not $_.IsDefault } | Sort-Object Name)) {
        if ($lines.Count) { $lines.Add('') }
        if ($sets.Count -gt 1 -or $set.Name -ne '__AllParameterSets') {
            $lines.Add("### $($set.Name)$(if ($set.IsDefault -and $sets.Count -gt 1) { ' (Default)' })")
        }
        $lines.Add('```')
        $inSet = @($set.Parameters | Where-Object { $script:CommonParameterNames -notcontains $_.Name })
        $ordered = @($inSet | Where-Object Position -ge 0 | Sort-Object Position) +
            @($inSet | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) + @($inSet | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
        $tokens = @(foreach ($p in $ordered) {
                $isSwitch = $p.ParameterType -eq [System.Management.Automation.SwitchParameter]
                $name = if ($p.Position -ge 0) { "[-$($p.Name)]" } else { "-$($p.Name)" }
                $text = if ($isSwitch) { "-$($p.Name)" } else { "$name <$(Get-ApifyTypeDisplayName $p.ParameterType)>" }
                if ($p.IsMandatory) { $text } else { "[$text]" }
            }) + '[<CommonParameters>]'
        $line = $Command.Name
        foreach ($t in $tokens) {
            if (($line.Length + 1 + $t.Length) -gt 110) { $lines.Add($line); $line = " $t" } else { $line += " $t" }
        }
        $lines.Add($line)
        $lines.Add('```')
    }
    $lines.ToArray()
}

function Get-ApifyParameterYaml {
    <#
    .SYNOPSIS
        The yaml block(s) of one parameter on a help page, from the cmdlet's metadata: one block per distinct way the
        parameter behaves across its parameter sets (platyPS layout). Default value comes from the page.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command,
        [Parameter(Mandatory)] [string] $Name,
        [string] $DefaultValue
    )
    $info = @(Get-ApifyParameterInfo -Command $Command | Where-Object Name -eq $Name)[0]
    $metadata = $Command.Parameters[$Name]
    $allSetNames = @($Command.ParameterSets | ForEach-Object Name)
    $groups = [ordered]@{}
    foreach ($entry in $metadata.ParameterSets.GetEnumerator() | Sort-Object Key) {
        $d = $entry.Value
        $pipeline = @(if ($d.ValueFromPipelineByPropertyName) { 'ByPropertyName' }; if ($d.ValueFromPipeline) { 'ByValue' })
        $key = '{0}|{1}|{2}' -f $d.IsMandatory, $(if ($d.Position -ge 0) { $d.Position } else { 'Named' }), $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' })
        if (-not $groups.Contains($key)) { $groups[$key] = [System.Collections.Generic.List[string]]::new() }
        $groups[$key].Add($entry.Key)
    }
    $default = if ($DefaultValue) { $DefaultValue } elseif ($info.IsSwitch) { 'False' } else { 'None' }
    $blocks = foreach ($key in $groups.Keys) {
        $mandatory, $position, $pipelineText = $key -split '\|'
        $setNames = @($groups[$key])
        $setText = if ($setNames -contains '__AllParameterSets') { '(All)' }
        else { (@($allSetNames | Where-Object { $setNames -contains $_ }) -join ', ') }
        @(
            '```yaml'
            "Type: $($info.TypeName)"
            "Parameter Sets: $setText"
            "Aliases:$(if ($info.Aliases) { ' ' + ($info.Aliases -join ', ') })"
            if ($info.AcceptedValues) { "Accepted values: $($info.AcceptedValues -join ', ')" }
            ''
            "Required: $mandatory"
            "Position: $position"
            "Default value: $default"
            "Accept pipeline input: $pipelineText"
            "Accept wildcard characters: $($info.Wildcards)"
            '```'
        ) -join "`n"
    }
    $blocks -join "`n`n"
}

function Update-ApifyHelpMarkdown {
    <#
    .SYNOPSIS
        Rewrites the parts of a help page the cmdlet itself knows (the SYNTAX section and each parameter's yaml
        block), adds a section for each parameter the page does not describe yet, and creates the page (sections to
        fill in) for a cmdlet that has none. The prose is left as it is. Returns the new text.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command,
        [Parameter(Mandatory)] [AllowEmptyString()] [string] $Text
    )
    if (-not $Text.Trim()) { $Text = New-ApifyHelpMarkdownText -Command $Command }
    $lines = @(($Text -replace "`r`n", "`n").TrimEnd("`n") -split "`n")
    $out = [System.Collections.Generic.List[string]]::new()
    $params = @(Get-ApifyParameterInfo -Command $Command | Sort-Object { $_.IsShouldProcess }, Name)
    $documented = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    $section = ''
    $i = 0
    $inFence = $false
    while ($i -lt $lines.Count) {
        $line = $lines[$i]
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (\S.*)$') {
            if ($section -eq 'PARAMETERS') { Add-MissingParameterSection $out $Command $params $documented -BeforeCommon:$false }
            $section = $Matches[1].Trim().ToUpperInvariant()
            $out.Add($line)
            $i++
            if ($section -eq 'SYNTAX') {
                # Replace the whole section body.
                while ($i -lt $lines.Count -and -not ($lines[$i] -match '^## ')) { $i++ }
                $out.Add('')
                foreach ($l in Get-ApifySyntaxText -Command $Command) { $out.Add($l) }
                $out.Add('')
            }
            continue
        }
        if ($section -eq 'PARAMETERS' -and -not $inFence -and $line -match '^### (\S.*)$') {
            $title = $Matches[1].Trim()
            if ($title -eq 'CommonParameters') {
                Add-MissingParameterSection $out $Command $params $documented -BeforeCommon:$true
                $out.Add($line); $i++; continue
            }
            $name = $title -replace '^-', ''
            $null = $documented.Add($name)
            $out.Add($line)
            $i++
            # Copy the prose; drop the old yaml block(s), remembering the default value; write new ones.
            $default = $null
            $body = [System.Collections.Generic.List[string]]::new()
            while ($i -lt $lines.Count -and $lines[$i] -notmatch '^#{2,3} ') {
                if ($lines[$i] -match '^\s*```yaml') {
                    $i++
                    while ($i -lt $lines.Count -and $lines[$i] -notmatch '^\s*```') {
                        if (-not $default -and $lines[$i] -match '^Default value:\s*(.+)$') { $default = $Matches[1].Trim() }
                        $i++
                    }
                    $i++
                    continue
                }
                $body.Add($lines[$i]); $i++
            }
            while ($body.Count -and -not $body[$body.Count - 1].Trim()) { $body.RemoveAt($body.Count - 1) }
            foreach ($b in $body) { $out.Add($b) }
            if ($Command.Parameters.ContainsKey($name) -and $script:CommonParameterNames -notcontains $name) {
                $out.Add('')
                foreach ($y in (Get-ApifyParameterYaml -Command $Command -Name $name -DefaultValue $default) -split "`n") { $out.Add($y) }
            }
            $out.Add('')
            continue
        }
        $out.Add($line)
        $i++
    }
    if ($section -eq 'PARAMETERS') { Add-MissingParameterSection $out $Command $params $documented -BeforeCommon:$false }
    (($out -join "`n") -replace "\n{3,}", "`n`n").TrimEnd("`n") + "`n"
}

function Add-MissingParameterSection($out, $Command, $params, $documented, [switch] $BeforeCommon) {
    # A section for each parameter the page lacks; its description is left empty for the author (the checks fail
    # until it is written). WhatIf and Confirm get PowerShell's standard text.
    foreach ($p in $params) {
        if ($documented.Contains($p.Name)) { continue }
        $null = $documented.Add($p.Name)
        $out.Add("### -$($p.Name)")
        if ($script:ShouldProcessText.ContainsKey($p.Name)) { $out.Add($script:ShouldProcessText[$p.Name]) }
        elseif ($script:StandardParameterText.ContainsKey($p.Name)) { $out.Add($script:StandardParameterText[$p.Name]) }
        $out.Add('')
        foreach ($y in (Get-ApifyParameterYaml -Command $Command -Name $p.Name) -split "`n") { $out.Add($y) }
        $out.Add('')
    }
}

function New-ApifyHelpMarkdownText {
    # The outline of a new help page: the sections to fill in, in the order of docs/cmdlets/Get-ApifyBuild.md.
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command)
    $outputs = @($Command.OutputType | Where-Object Type | ForEach-Object { "### $($_.Type.FullName)`n" })
    @"
---
external help file: ApifyPS.dll-Help.xml
Module Name: ApifyPS
online version:
schema: 2.0.0
---

# $($Command.Name)

## SYNOPSIS

## SYNTAX

## DESCRIPTION

## EXAMPLES

## PARAMETERS

### CommonParameters
This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction,
-InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and
-WarningVariable. For more information, see
[about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

## INPUTS

## OUTPUTS

$($outputs -join "`n")
## NOTES

## RELATED LINKS
"@
}

#endregion

#region About topics

function ConvertTo-ApifyAboutHelp {
    <#
    .SYNOPSIS
        Turns an about topic page (docs/about/about_<Topic>.md, platyPS layout) into the about_<Topic>.help.txt that
        Get-Help about_<Topic> reads: headings become plain lines (sections in capitals, as PowerShell's own about
        topics), code fences and inline code marks are dropped, the rest stays as written.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)
    $out = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    foreach ($line in (Get-Content -LiteralPath $Path -Encoding utf8)) {
        if ($line -match '^\s*```') { $inFence = -not $inFence; continue }
        if ($inFence) { $out.Add('    ' + $line); continue }
        if ($line -match '^# (.+)$') { $out.Add('TOPIC'); $out.Add('    ' + $Matches[1].Trim()); continue }
        if ($line -match '^## (.+)$') { $out.Add($Matches[1].Trim().ToUpperInvariant()); continue }
        if ($line -match '^#{3,} (.+)$') { $out.Add($Matches[1].Trim()); continue }
        $out.Add((ConvertTo-PlainText $line))
    }
    ($out -join [Environment]::NewLine) + [Environment]::NewLine
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
    Get-ApifyHelpEntry, Get-ApifyReferenceIndex, Get-ApifyTypeDisplayName, Get-ApifySyntaxText, Get-ApifyParameterYaml,
    Update-ApifyHelpMarkdown, ConvertTo-ApifyAboutHelp
