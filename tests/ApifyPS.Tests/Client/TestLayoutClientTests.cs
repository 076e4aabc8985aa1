using System.Reflection;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Every xunit test class sits in its layer: the folder tests/ApifyPS.Tests/&lt;Layer&gt;, the namespace
/// ApifyPS.Tests.&lt;Layer&gt;, a name that ends with the layer's suffix, in a file named after the class. So
/// <c>build.ps1 Test -Filter ApifyPS.Tests.Hosted</c> runs one layer and <c>-Filter FaultMatrixResilienceTests</c> one class.
/// </summary>
public class TestLayoutClientTests
{
    /// <summary>Folder (and last namespace part) of each layer, and the end of its test classes' names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Layers = new Dictionary<string, string>
    {
        ["Client"] = "ClientTests",         // the core over real HTTP against the local server, no PowerShell
        ["Resilience"] = "ResilienceTests", // retries, timeouts, rate limits, fault matrices
        ["Emulator"] = "ContractTests",     // the local server itself against the spec and its control API
        ["Hosted"] = "HostedTests",         // the cmdlets in a pwsh hosted in this process
    };

    private const string Root = "ApifyPS.Tests";

    private static string TestsFolder => Path.Combine(EmulatorProcess.RepoRoot(), "tests", Root);

    /// <summary>Classes xunit runs: any with a [Fact] or [Theory] (Theory derives from Fact).</summary>
    public static IReadOnlyList<Type> TestClasses() =>
        typeof(TestLayoutClientTests).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    /// <summary>What is wrong with one test class's place and name; empty when it keeps the pattern.</summary>
    public static IEnumerable<string> Problems(Type type, string testsFolder) =>
        type.IsNested
            ? [$"{type.FullName}: a nested test class; make it a top-level class in its layer."]
            : Problems(type.Namespace ?? "", type.Name, testsFolder);

    public static IEnumerable<string> Problems(string ns, string name, string testsFolder)
    {
        var layer = ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..] : null;
        if (layer == null || !Layers.TryGetValue(layer, out var suffix))
        {
            yield return $"{ns}.{name}: namespace '{ns}' is not a layer ({string.Join(", ", Layers.Keys.Select(k => $"{Root}.{k}"))}).";
            yield break;
        }
        if (!name.EndsWith(suffix, StringComparison.Ordinal) || name.Length == suffix.Length)
            yield return $"{ns}.{name}: a {layer} test class is named <Subject>{suffix}.";
        if (!File.Exists(Path.Combine(testsFolder, layer, name + ".cs")))
            yield return $"{ns}.{name}: no file {layer}/{name}.cs (the file is named after its class, in its layer's folder).";
    }

    [Fact]
    public void Every_test_class_sits_in_its_layer_namespace_folder_and_name()
    {
        var classes = TestClasses();
        Assert.True(classes.Count >= 30, $"only {classes.Count} test classes found: the reflection over the test assembly is broken");
        var problems = classes.SelectMany(t => Problems(t, TestsFolder)).ToList();
        Assert.True(problems.Count == 0, "Test classes out of the layer pattern:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_file_in_a_layer_folder_is_a_test_class_of_that_layer()
    {
        var testClasses = TestClasses().Select(t => (t.Namespace, t.Name)).ToHashSet();
        var problems = new List<string>();
        foreach (var (layer, suffix) in Layers)
        {
            var folder = Path.Combine(TestsFolder, layer);
            Assert.True(Directory.Exists(folder), $"no layer folder {folder}");
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var relative = Path.GetRelativePath(TestsFolder, file);
                if (Path.GetDirectoryName(relative) != layer)
                    problems.Add($"{relative}: layers have no subfolders.");
                else if (!testClasses.Contains(($"{Root}.{layer}", name)))
                    problems.Add($"{relative}: not a test class {Root}.{layer}.{name} (helpers and fixtures go in Support/).");
            }
        }
        Assert.True(problems.Count == 0, "Files out of the layer pattern:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_pattern_check_refuses_a_class_out_of_its_layer()
    {
        // The check itself can fail: the shapes of the classes before the layers had namespaces and suffixes.
        Assert.Contains(Problems("ApifyPS.Tests", "FaultMatrixTests", TestsFolder), p => p.Contains("is not a layer"));
        Assert.Contains(Problems("ApifyPS.Tests.Emulator", "EmulatorContractTests", TestsFolder), p => p.Contains("no file Emulator/EmulatorContractTests.cs"));
        Assert.Contains(Problems("ApifyPS.Tests.Resilience", "FaultMatrixTests", TestsFolder), p => p.Contains("is named <Subject>ResilienceTests"));
        Assert.Contains(Problems("ApifyPS.Tests.Client", "ClientTests", TestsFolder), p => p.Contains("is named <Subject>ClientTests"));
        Assert.Contains(Problems(typeof(Nested), TestsFolder), p => p.Contains("nested"));
        Assert.Empty(Problems(typeof(TestLayoutClientTests), TestsFolder));
    }

    /// <summary>A shape the check must refuse (not a test class itself: no [Fact]).</summary>
    private sealed class Nested;
}
