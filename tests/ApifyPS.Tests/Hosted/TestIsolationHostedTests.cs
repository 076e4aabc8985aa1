using System.Runtime.InteropServices;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>
/// build.ps1 Test gives the whole run a fresh home and no APIFY_* variables, so no test can reach the real API with
/// the developer's own token (a stored profile, the Apify CLI's login, $env:APIFY_TOKEN).
/// </summary>
public class TestIsolationHostedTests
{
    private static string? Start(string name) => TestRunEnvironment.AtStart[name];

    private static string RunHome()
    {
        var home = CredentialStore.HomeDirectory(Start);
        Assert.True(File.Exists(Path.Combine(home, TestRunEnvironment.HomeMarker)),
            $"The tests run with the home {home}, which is not the one build.ps1 Test makes for a run (no {TestRunEnvironment.HomeMarker} in it).");
        return home;
    }

    private static void AssertUnder(string home, string path) =>
        Assert.StartsWith(Path.GetFullPath(home).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, Path.GetFullPath(path));

    [Fact]
    public void The_run_has_its_own_home_holding_the_profile_store_and_the_cli_login()
    {
        var home = RunHome();
        AssertUnder(home, CredentialStore.DefaultDirectory(Start));
        AssertUnder(home, ApifyCliLogin.DefaultPath(Start));
        var others = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? new[] { "APPDATA", "LOCALAPPDATA" }
            : new[] { "XDG_CONFIG_HOME" };
        foreach (var name in others) AssertUnder(home, Start(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not set for the run."));
    }

    [Fact]
    public void No_connection_variable_of_the_developer_reaches_the_run()
    {
        RunHome();
        foreach (var name in new[] { ConnectionResolver.TokenVariable, ConnectionResolver.ProfileVariable, ConnectionResolver.BaseUrlVariable })
            Assert.True(string.IsNullOrEmpty(Start(name)), $"{name} was set when the tests started.");
    }
}
