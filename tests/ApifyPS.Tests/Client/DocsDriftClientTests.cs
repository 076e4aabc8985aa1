using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Every type or member that docs/*.md and docs/about/*.md name in backticks exists: in the module (ApifyPS.dll), its
/// loader, the local server, these tests, or .NET and PowerShell. What counts as a name: <see cref="DocsCodeNames"/>.
/// (docs/cmdlets/*.md name cmdlets and parameters; the help test checks those.)
/// </summary>
public class DocsDriftClientTests(ITestOutputHelper output)
{
    /// <summary>
    /// Names the docs write in code spans that are not code: each must still be used (so the list does not rot), and
    /// say why it is here.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> NotCode = new Dictionary<string, string>
    {
        ["PSModulePath"] = "an environment variable",
        ["CmdletsToExport"] = "a module manifest key",
        ["FormatsToProcess"] = "a module manifest key",
        ["RequiredAssemblies"] = "a module manifest key",
        ["PrivateData.PSData.ReleaseNotes"] = "a module manifest key",
        ["SecretStore"] = "the name of a SecretManagement vault",
        ["Microsoft.NETFramework.ReferenceAssemblies"] = "a NuGet package",
    };

    /// <summary>Fewer than this many names means the reading broke, not that the docs are right.</summary>
    private const int AtLeast = 150;

    private static string Root => EmulatorProcess.RepoRoot();

    private static IReadOnlyList<string> DocFiles() =>
        Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs", "about"), "*.md"))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

    private static CodeIndex Index()
    {
        var tests = typeof(DocsDriftClientTests).Assembly.Location;
        var module = Path.Combine(Path.GetDirectoryName(tests)!, "ApifyPS.dll");
        var loader = LocateLoader();
        var server = EmulatorProcess.LocateServer();
        return new CodeIndex([module, loader, server, tests], literalAssemblies: [module, loader, server]);
    }

    /// <summary>The built loader: its project's output (built before the tests), else the staged module's copy.</summary>
    private static string LocateLoader()
    {
        var config = typeof(DocsDriftClientTests).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Debug";
        var own = Path.Combine(Root, "src", "ApifyPS.Loader", "bin", config, "netstandard2.0", "ApifyPS.Loader.dll");
        var staged = Path.Combine(Root, "out", "ApifyPS", "ApifyPS.Loader.dll");
        if (File.Exists(own)) return own;
        if (File.Exists(staged)) return staged;
        throw new FileNotFoundException($"No built loader at {own} or {staged}.");
    }

    [Fact]
    public void Every_code_name_in_the_docs_exists()
    {
        using var index = Index();
        var names = DocFiles()
            .SelectMany(f => DocsCodeNames.In(Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        var stale = new List<string>();
        var unusedNotCode = NotCode.Keys.ToHashSet();
        foreach (var name in names)
        {
            if (NotCode.ContainsKey(name.Name)) { unusedNotCode.Remove(name.Name); continue; }
            if (index.Resolve(name.Parts) is { } why) stale.Add($"{name.File}:{name.Line}: `{name.Name}` ({why}) in `{name.Span}`");
        }
        output.WriteLine($"Checked {names.Count} code names ({names.Select(n => n.Name).Distinct().Count()} distinct) " +
                         $"in {DocFiles().Count} docs against {index.ProjectTypeCount} project types.");
        Assert.True(names.Count >= AtLeast, $"only {names.Count} code names found in the docs (at least {AtLeast} expected): the reading broke.");
        Assert.True(stale.Count == 0,
            $"{stale.Count} name(s) in the docs do not exist in the code (rename them in the docs; a word that is not code goes in {nameof(NotCode)}):\n" +
            string.Join("\n", stale));
        Assert.True(unusedNotCode.Count == 0, $"{nameof(NotCode)} lists words the docs no longer use: {string.Join(", ", unusedNotCode)}");
    }

    [Theory]
    [InlineData("ListPageBuffer.ReadIndexedAsync", "ListPageBuffer.ReadIndexedAsync")]
    [InlineData("ApifyRequestKind.LongPoll", "ApifyRequestKind.LongPoll")]
    [InlineData("ConnectionResolver.Resolve(ConnectionSources)", "ConnectionResolver.Resolve ConnectionSources")]
    [InlineData("ApifyPath.V2.Add(\"actors\").Add(PathSegment.ActorId, id)", "ApifyPath.V2.Add PathSegment.ActorId")]
    [InlineData("IProgress<ApifyJobProgress>", "IProgress ApifyJobProgress")]
    [InlineData("[ArgumentCompleter(typeof(ApifyActorCompleter))]", "ArgumentCompleter ApifyActorCompleter")]
    [InlineData("[ApifyPS.Models.ApifyBuild]", "ApifyPS.Models.ApifyBuild")]
    [InlineData("[JsonIgnore]", "JsonIgnore")]
    [InlineData("ListByKeyAsync<T>", "ListByKeyAsync")]
    [InlineData("Await(task)", "Await")]
    [InlineData("ToString()", "ToString")]
    [InlineData("ManualResetEventSlim(spinCount: 0)", "ManualResetEventSlim")]
    [InlineData("Client/Paging.cs", "")]             // a path
    [InlineData("Paging.cs", "")]                    // a file
    [InlineData("ApifyPS.Loader.dll", "")]
    [InlineData("Get-ApifyRun", "")]                 // a cmdlet
    [InlineData("Add-/Get-/Clear-ApifyEmulatorFault", "")]
    [InlineData("-WaitForCapacity", "")]             // a parameter
    [InlineData("$env:APIFY_TOKEN", "")]             // a variable
    [InlineData("APIFY_TOKEN", "")]
    [InlineData("GET /v2/actors?my=true", "")]       // HTTP
    [InlineData("Retry-After", "")]                  // a header
    [InlineData("generatedBuilds", "")]              // a JSON field
    [InlineData("\"isSecret\": true", "")]
    [InlineData("abort: true", "")]
    [InlineData("Apify{Build|Run}{Failed|TimedOut}", "")]
    [InlineData("SUCCEEDED", "")]                    // a status
    [InlineData("Finished", "")]                     // a word: one capital
    [InlineData("Select-Object -First 50", "")]
    [InlineData("AllowAutoRedirect = false", "")]
    [InlineData("for await (const build of client.builds().list())", "")]
    [InlineData("0x2", "")]
    public void What_counts_as_a_code_name(string span, string expected) =>
        Assert.Equal(expected, string.Join(' ', DocsCodeNames.NamesIn(span).Select(p => string.Join('.', p))));

    [Fact]
    public void Names_are_found_across_lines_and_outside_code_blocks_with_their_line()
    {
        const string page = "# Title\n\nText with `ListPageBuffer.ReadIndexedAsync` and a span that\nwraps: `ApifyClient.ListAsync(first,\nsecond)`.\n\n" +
                            "```powershell\n`NotAName.Here` $x = `\"y`\"\n```\n\n   ~~~\n   `AlsoNot.Here`\n   ~~~\nLast `ApifyRequestKind.Start`.\n";
        var names = DocsCodeNames.In("page.md", page);
        Assert.Equal(["page.md:3 ListPageBuffer.ReadIndexedAsync", "page.md:4 ApifyClient.ListAsync", "page.md:14 ApifyRequestKind.Start"],
            names.Select(n => $"{n.File}:{n.Line} {n.Name}"));
    }

    [Fact]
    public void The_index_tells_existing_names_from_stale_ones()
    {
        using var index = Index();
        // Of these tests (a project assembly), so the check holds while the module's types are renamed.
        Assert.Null(index.Resolve(["DocsDriftClientTests"]));
        Assert.Null(index.Resolve(["ApifyPS", "Tests", "Client", "DocsDriftClientTests", "Every_code_name_in_the_docs_exists"]));
        Assert.Null(index.Resolve(["TestLayoutClientTests", "Layers", "Keys"]));      // a field's type, then its member
        Assert.Null(index.Resolve(["EmulatorProcess", "LoggedRequest", "RawPath"])); // a nested type's member
        Assert.Null(index.Resolve(["TempDirectory", "Dispose"]));
        Assert.NotNull(index.Resolve(["DocsDriftClientTests", "ReadIndexedAsync"]));
        Assert.NotNull(index.Resolve(["TestLayoutClientTests", "Layers", "ReadIndexedAsync"]));
        Assert.NotNull(index.Resolve(["NoSuchTypeAnywhere", "Member"]));
        Assert.NotNull(index.Resolve(["NoSuchMemberAnywhere"]));
        // .NET's and PowerShell's names, members and enum values; inherited members.
        Assert.Null(index.Resolve(["HttpClient", "GetByteArrayAsync"]));
        Assert.Null(index.Resolve(["DataProtectionScope", "CurrentUser"]));
        Assert.Null(index.Resolve(["ConfirmImpact", "High"]));
        Assert.Null(index.Resolve(["OutputType"]));                                    // [OutputType]: OutputTypeAttribute
        Assert.Null(index.Resolve(["System", "Net", "Http", "HttpClient"]));
        Assert.NotNull(index.Resolve(["HttpClient", "ReadIndexedAsync"]));
        Assert.NotNull(index.Resolve(["ConfirmImpact", "Highest"]));
        // The module's string literals (error ids, tags) count for names of one part; the server's routes are read too.
        Assert.Null(index.Resolve(["ApifyPS"]));
        Assert.Null(index.Resolve(["ApifyPS", "Emulator"]));
    }
}
