using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>Retries as a PowerShell user meets them: -Verbose per attempt, Ctrl+C during a backoff, the retry policy cmdlets.</summary>
[Collection(HostedPwshCollection.Name)]
public class ResilienceHostedTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private string SeedBuild()
    {
        var seed = _server.Seed("rh" + Guid.NewGuid().ToString("N")[..10], builds: 1);
        return new ApifyClient(_server.Connection()).Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync().GetAwaiter().GetResult().Single().Id;
    }

    private int RequestsTo(string path) => _server.Requests().Count(r => r.Path == path);

    [Fact]
    public async Task Ctrl_C_during_a_backoff_wait_stops_the_cmdlet_at_once()
    {
        var id = SeedBuild();
        var path = "/v2/actor-builds/" + id;
        _server.AddFault(new { path, action = "status", status = 503, retryAfter = "120" });
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Get-ApifyBuild -Id '{id}' -Verbose");
        var verbose = new List<string>();
        ps.Streams.Verbose.DataAdded += (_, e) => { lock (verbose) verbose.Add(ps.Streams.Verbose[e.Index].Message); };
        var async = ps.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(RequestsTo(path) == 1 && verbose.Count == 1)) await Task.Delay(20);
        Assert.Single(verbose); // the 503 and the 120 s wait it announced
        Assert.EndsWith("; retrying in 120000 ms (Retry-After)", verbose[0]);
        var stop = Task.Run(ps.Stop);
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20)))); // else the wait was not cancelled
        Assert.True(async.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20)));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Equal(1, RequestsTo(path));
    }

    [Fact]
    public void Verbose_shows_every_attempt_and_the_retry_policy_applies_process_wide()
    {
        var id = SeedBuild();
        var path = "/v2/actor-builds/" + id;
        using var pwsh = new HostedPwsh(_server);
        try
        {
            _server.AddFault(new { path, action = "status", status = 503, count = 2 });
            using var ps = pwsh.Create();
            ps.AddScript($"Set-ApifyRetryPolicy -BaseDelayMilliseconds 1; Get-ApifyBuild -Id '{id}' -Verbose");
            var output = ps.Invoke();
            Assert.Single(output);
            var lines = ps.Streams.Verbose.Select(v => v.Message).ToList();
            Assert.Equal(3, lines.Count);
            Assert.Matches($@"^GET {path} -> 503 Service Unavailable in \d+ ms \(attempt 1 of 9\); retrying in \d+ ms$", lines[0]);
            Assert.Matches($@"^GET {path} -> 200 OK in \d+ ms \(attempt 3 of 9\)$", lines[2]);

            _server.AddFault(new { path, action = "status", status = 503, count = 5 });
            var after = pwsh.Invoke($"Set-ApifyRetryPolicy -MaxRetries 1; Get-ApifyBuild -Id '{id}'", out var errors);
            Assert.Empty(after);
            var error = Assert.Single(errors);
            Assert.StartsWith("internal-server-error,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Equal(2, ((ApifyApiException)error.Exception).Attempts);
            // The policy is the process's: the core sees it without any cmdlet.
            Assert.Equal(1, ApifyRetryPolicy.Current.MaxRetries);
        }
        finally
        {
            pwsh.Invoke("Set-ApifyRetryPolicy -Default", out _);
            _server.ClearFaults();
        }
        Assert.Same(ApifyRetryPolicy.Default, ApifyRetryPolicy.Current);
    }
}
