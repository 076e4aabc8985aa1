using System.Text.RegularExpressions;

namespace ApifyPS.Tests.Support;

/// <summary>A code name the docs write in backticks: its dotted parts, and the line of the file it is on.</summary>
public sealed record DocsCodeName(string File, int Line, string Span, IReadOnlyList<string> Parts)
{
    public string Name => string.Join('.', Parts);
}

/// <summary>
/// Which backtick spans of a Markdown page name C# code, and the names in them. A span is code when, with its
/// string literals, (argument lists) and &lt;generic arguments&gt; set aside, it is only identifiers, dots and
/// brackets: so not a path (/v2/acts, Client/Paging.cs), a cmdlet or parameter (Get-ApifyRun, -First), a variable
/// ($env:HOME), JSON (generatedBuilds: 3), a header (Retry-After), a pattern (Apify{Build|Run}) or prose.
/// In a code span a name counts when it starts upper case and has a lower-case letter (not HOME, FAILED, 0x0) and
/// every later part starts upper case too (not auth.json, ApifyPS.dll, store.Lifecycle); a name of one part counts when
/// it has two capitals (ListPageBuffer, ISecretVault, PSJsonReader) or is called (Await(task)) or is an attribute
/// ([JsonIgnore]): one capital alone (Finished, Stop, Prod) is a status, a value or a word as often as code.
/// </summary>
public static partial class DocsCodeNames
{
    public static IReadOnlyList<DocsCodeName> In(string file, string markdown)
    {
        var text = MaskFencedBlocks(markdown.Replace("\r\n", "\n"));
        var names = new List<DocsCodeName>();
        foreach (Match span in InlineCode().Matches(text))
        {
            var line = 1 + text.AsSpan(0, span.Index).Count('\n');
            var code = span.Groups["code"].Value.Replace('\n', ' ').Trim();
            foreach (var parts in NamesIn(code))
                names.Add(new DocsCodeName(file, line, code, parts));
        }
        return names;
    }

    /// <summary>The code names in one span's text (empty when the span is not code).</summary>
    public static IReadOnlyList<string[]> NamesIn(string code)
    {
        var literalsOut = StringLiteral().Replace(code, "\"\"");
        var skeleton = literalsOut;
        // Innermost argument lists first, each set aside as a mark, so f(g(x)) becomes f().
        for (var before = ""; before != skeleton;) { before = skeleton; skeleton = Arguments().Replace(skeleton, "\u0001"); }
        skeleton = skeleton.Replace("\u0001", "()");
        for (var before = ""; before != skeleton;) { before = skeleton; skeleton = GenericArguments().Replace(skeleton, ""); }
        var attribute = skeleton.StartsWith('[') && skeleton.EndsWith(']');
        if (attribute) skeleton = skeleton[1..^1];
        if (!CodeSkeleton().IsMatch(skeleton)) return [];
        var names = new List<string[]>();
        foreach (Match m in Chain().Matches(literalsOut))
        {
            var parts = m.Groups["chain"].Value.Split('.');
            if (!char.IsUpper(parts[0][0]) || !parts[0].Any(char.IsLower)) continue;
            if (parts.Skip(1).Any(p => !char.IsUpper(p[0]))) continue;
            var called = m.Groups["call"].Success;
            if (parts.Length == 1 && !called && !attribute && parts[0].Count(char.IsUpper) < 2) continue;
            names.Add(parts);
        }
        return names;
    }

    /// <summary>Lines inside ``` or ~~~ fences blanked (kept as empty lines, so line numbers stay right).</summary>
    private static string MaskFencedBlocks(string text)
    {
        var lines = text.Split('\n');
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var opener = Fence().Match(lines[i]);
            if (fence == null && opener.Success) { fence = opener.Groups["fence"].Value; lines[i] = ""; }
            else if (fence != null)
            {
                if (opener.Success && opener.Groups["fence"].Value.StartsWith(fence, StringComparison.Ordinal)) fence = null;
                lines[i] = "";
            }
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^\s*(?<fence>`{3,}|~{3,})")]
    private static partial Regex Fence();

    /// <summary>`code` or ``code with ` in it``, within one paragraph (no blank line inside).</summary>
    [GeneratedRegex(@"(?<!`)(?<ticks>`+)(?!`)(?<code>(?:(?!\n[ \t]*\n).)+?)(?<!`)\k<ticks>(?!`)", RegexOptions.Singleline)]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"""[^""]*""|'[^']*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Arguments();

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex GenericArguments();

    /// <summary>Identifiers, dots and empty argument lists only: C#, not prose, paths, commands or data.</summary>
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(?:\(\))?(?:\.(?:[A-Za-z_][A-Za-z0-9_]*(?:\(\))?)?)*$")]
    private static partial Regex CodeSkeleton();

    /// <summary>A dotted name not itself after a dot (the .Add of a call's result is not looked up).</summary>
    [GeneratedRegex(@"(?<![\w.])(?<chain>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?=(?:<[^<>]*>)?(?<call>\())?")]
    private static partial Regex Chain();
}
