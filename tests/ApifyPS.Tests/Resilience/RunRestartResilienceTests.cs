using ApifyPS.Client;
using ApifyPS.Cmdlets;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Resilience;

/// <summary>
/// Resurrect and reboot start work again, so they keep the start rule: after an answer that was lost they are not
/// sent again, and the error names the run to look at; a 429 (nothing done) is sent again.
/// </summary>
public class RunRestartResilienceTests(EmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private readonly List<string> _verbose = new();

    private ApifyClient Client() => new(_server.Connection(), new ApifyClientOptions
    {
        MaxRetries = 8,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(4),
        Verbose = line => { lock (_verbose) _verbose.Add(line); },
    });

    private string _name = "";

    private async Task<ApifyRun> Run(int durationMs, string outcome, bool wait)
    {
        _name = "rr" + Guid.NewGuid().ToString("N")[..10];
        var actor = _server.Seed(_name, builds: 1, extra: new { runDurationMs = durationMs, runOutcome = outcome }).Actor;
        var client = Client();
        var run = await client.Runs.StartAsync(actor, null);
        if (wait) return (await client.Runs.WaitAsync(run.Id, new ApifyWaitOptions(), run)).Job;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); run.Status != "RUNNING"; run = await client.Runs.GetAsync(run.Id, 1))
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the run did not start");
        return run;
    }

    private int RequestsTo(string path) => _server.Requests().Count(r => r.Method == "POST" && r.Path == path);

    [Theory]
    [InlineData("resurrect")]
    [InlineData("reboot")]
    public async Task A_lost_answer_is_not_repeated_and_names_the_run(string action)
    {
        var run = action == "resurrect" ? await Run(100, "FAILED", wait: true) : await Run(60_000, "SUCCEEDED", wait: false);
        var path = $"/v2/actor-runs/{run.Id}/{action}";
        // What runs from now on (the resurrected run too) stays RUNNING until the end of the test.
        _server.Seed(_name, extra: new { runDurationMs = 60_000 });
        _server.AddFault(new { path, method = "POST", action = "reset-after", count = 5 });
        try
        {
            var ex = await Assert.ThrowsAsync<ApifyApiException>(() =>
                action == "resurrect" ? Client().Runs.ResurrectAsync(run.Id) : Client().Runs.RebootAsync(run.Id));
            lock (_verbose) foreach (var line in _verbose) output.WriteLine(line);
            Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
            Assert.Equal($"Get-ApifyRun -Id '{run.Id}'", OutcomeCheckCommand.Render(ex.OutcomeCheck!));
            Assert.Equal(1, RequestsTo(path));
        }
        finally
        {
            _server.ClearFaults();
        }
        var now = await Client().Runs.GetAsync(run.Id, 0);
        Assert.Equal("RUNNING", now.Status); // the one request that got through did its work
        await Client().Runs.AbortAsync(run.Id);
    }

    [Fact]
    public async Task A_resurrect_refused_with_429_is_sent_again()
    {
        var run = await Run(100, "FAILED", wait: true);
        var path = $"/v2/actor-runs/{run.Id}/resurrect";
        _server.AddFault(new { path, method = "POST", action = "status", status = 429, errorType = "rate-limit-exceeded", count = 1 });
        var resurrected = await Client().Runs.ResurrectAsync(run.Id, new ApifyRunOptionsRequest { MemoryMbytes = 256 });
        Assert.Equal(run.Id, resurrected.Id);
        Assert.Equal("RUNNING", resurrected.Status);
        Assert.Equal(2, RequestsTo(path));
        Assert.Contains("memory=256", _server.Requests().Last(r => r.Path == path).Query);
    }
}
