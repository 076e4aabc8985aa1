using System.Text.RegularExpressions;
using ApifyPS.Client;
using Xunit;

namespace ApifyPS.Tests.Support;

/// <summary>Test data written as path text ("/v2/actors/a~b/runs") built the way the client builds paths.</summary>
public static class TestPaths
{
    /// <summary>Each part after /v2: a fixed part when it looks like one, else an (unescaped) value through a PathSegment.</summary>
    public static ApifyPath Of(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0] != "v2") throw new ArgumentException($"'{path}' does not start with /v2.", nameof(path));
        var built = ApifyPath.V2;
        foreach (var part in parts.Skip(1))
            built = Regex.IsMatch(part, @"^[a-z][a-z0-9-]*(\.[a-z]+)?$")
                ? built.Add(part)
                : built.Add(PathSegment.ActorId, Uri.UnescapeDataString(part));
        Assert.Equal(path, built.Value);
        return built;
    }
}
