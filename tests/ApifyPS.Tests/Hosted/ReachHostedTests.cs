using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>
/// -Debug in a hosted runspace whose host cannot answer questions (a scheduled task's, pwsh -NonInteractive's): the
/// HTTP exchange is written, nothing is asked, nothing fails and the token appears nowhere; and -Profile against two
/// users of the local server: the stored profile for that call only, ahead of the session and $env:APIFY_TOKEN.
/// </summary>
[Collection(HostedPwshCollection.Name)] // the cmdlets read the process environment: one hosted runspace at a time
public class ReachHostedTests(TwoUserEmulatorFixture fixture) : IClassFixture<TwoUserEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private Runspace Open(PSHost host)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[] { typeof(ApifyPS.Cmdlets.ApifyCmdlet).Assembly.Location });
        Environment.SetEnvironmentVariable("APIFY_TOKEN", _server.Token);
        Environment.SetEnvironmentVariable("APIFY_CLIENT_BASE_URL", _server.BaseUri.ToString());
        var runspace = RunspaceFactory.CreateRunspace(host, iss);
        runspace.Open();
        return runspace;
    }

    [Theory]
    [InlineData("Get-ApifyBuild -Actor '{0}' -First 1 -Debug", "/v2/actors/")]
    [InlineData("Invoke-ApifyRestMethod -Path /v2/users/me -Debug", "/v2/users/me")]
    [InlineData("Start-ApifyRun -Actor '{0}' -Input @{{ startUrls = 'x' }} -Debug", "/runs")]
    public void Debug_shows_the_exchange_without_asking_in_a_host_that_cannot_answer(string script, string path)
    {
        var seed = _server.Seed("dbg" + Guid.NewGuid().ToString("N")[..8], builds: 2);
        var host = new NonInteractiveHost();
        using var runspace = Open(host);
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(string.Format(System.Globalization.CultureInfo.InvariantCulture, script, seed.Actor));
        var output = ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Equal(0, host.Questions);
        Assert.NotEmpty(output);
        var debug = ps.Streams.Debug.Select(d => d.Message).ToList();
        var verbose = ps.Streams.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(debug, d => d.StartsWith("HTTP ", StringComparison.Ordinal) && d.Contains(path) && d.Contains("Authorization: Bearer ***"));
        Assert.Contains(debug, d => d.StartsWith("HTTP 20", StringComparison.Ordinal) && d.Contains("Content-Type: application/json"));
        Assert.Contains(debug, d => d.StartsWith("HTTP response body", StringComparison.Ordinal) && d.Contains("\"data\""));
        Assert.Contains(verbose, v => v.Contains("(attempt 1 of"));
        var everything = string.Join("\n", debug.Concat(verbose).Concat(host.Lines));
        Assert.DoesNotContain(_server.Token, everything);
    }

    [Fact]
    public void Without_Debug_nothing_of_the_exchange_is_written()
    {
        var seed = _server.Seed("dbg" + Guid.NewGuid().ToString("N")[..8], builds: 1);
        var host = new NonInteractiveHost();
        using var runspace = Open(host);
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript($"Get-ApifyBuild -Actor '{seed.Actor}' -First 1 -Verbose");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.Empty(ps.Streams.Debug);
        Assert.NotEmpty(ps.Streams.Verbose);
    }

    [Fact]
    public void Profile_uses_the_stored_profile_for_that_call_only_ahead_of_the_session_and_the_environment()
    {
        using var home = new TempDirectory();
        var saved = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", home.Path);
        try
        {
            var seed = _server.Seed("prof" + Guid.NewGuid().ToString("N")[..8], builds: 3);
            using var pwsh = new HostedPwsh(_server);
            var script = $@"
                $bob = ConvertTo-SecureString '{TwoUserEmulatorFixture.OtherToken}' -AsPlainText -Force
                $stored = Connect-Apify -Token $bob -BaseUri '{_server.BaseUri}' -Profile bob
                $a = (Invoke-ApifyRestMethod -Path /v2/users/me -Profile bob).username
                $b = (Invoke-ApifyRestMethod -Path /v2/users/me).username
                $c = @(Get-ApifyBuild -Actor '{seed.Actor}' -ErrorAction SilentlyContinue -Profile bob).Count
                $d = @(Get-ApifyBuild -Actor '{seed.Actor}').Count
                $null = Connect-Apify -Token (ConvertTo-SecureString '{_server.Token}' -AsPlainText -Force) -BaseUri '{_server.BaseUri}' -SessionOnly
                $e = (Invoke-ApifyRestMethod -Path /v2/users/me -Profile bob).username
                Disconnect-Apify
                ""$($stored.Username)|$a|$b|$c|$d|$e""";
            var output = pwsh.Invoke(script, out var errors);
            Assert.Equal("bob|bob|janedoe|0|3|bob", Assert.Single(output).ToString());
            // bob cannot see janedoe's Actor: the one error, a 404 for bob's call.
            Assert.All(errors, e => Assert.StartsWith("record-not-found,", e.FullyQualifiedErrorId));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", saved);
        }
    }

    [Fact]
    public void A_profile_that_is_not_stored_is_an_error_before_anything_is_sent()
    {
        using var home = new TempDirectory();
        var saved = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", home.Path);
        try
        {
            using var pwsh = new HostedPwsh(_server);
            _server.ClearRequests();
            pwsh.Invoke("Invoke-ApifyRestMethod -Path /v2/users/me -Profile nosuch", out var errors);
            var error = Assert.Single(errors);
            Assert.StartsWith("profile-not-found,", error.FullyQualifiedErrorId);
            Assert.Contains("nosuch", error.ToString());
            Assert.Empty(_server.Requests());
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", saved);
        }
    }
}
