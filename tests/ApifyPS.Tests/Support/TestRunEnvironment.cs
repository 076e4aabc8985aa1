using System.Runtime.CompilerServices;

namespace ApifyPS.Tests.Support;

/// <summary>
/// The environment this test process started with, taken before any test runs (tests set APIFY_TOKEN and HOME for
/// themselves later, process-wide): what build.ps1 Test gave the run.
/// </summary>
public static class TestRunEnvironment
{
    /// <summary>The file build.ps1 Test writes into the home it makes for the run.</summary>
    public const string HomeMarker = ".apifyps-test-home";

    public static IReadOnlyDictionary<string, string?> AtStart { get; private set; } = new Dictionary<string, string?>();

    [ModuleInitializer]
    internal static void Capture()
    {
        var names = new[] { "HOME", "USERPROFILE", "XDG_CONFIG_HOME", "APPDATA", "LOCALAPPDATA", "APIFY_TOKEN", "APIFY_PROFILE", "APIFY_CLIENT_BASE_URL" };
        AtStart = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
    }
}
