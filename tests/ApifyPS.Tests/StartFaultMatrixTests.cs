using System.Net;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests;

/// <summary>
/// The fault matrix's start rows, through the real start endpoints (POST builds, runs, run-sync, metamorph): each
/// asserts recovery or the exact error, the number of requests the server saw, and the number of jobs it started
/// (GET /__emulator/jobs-started), so a retry that started something twice cannot pass.
/// </summary>
public class StartFaultMatrixTests(EmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private readonly List<string> _verbose = new();

    // MaxRetries explicit: a hosted test may change the process-wide policy while this class runs.
    private ApifyClient Client(TimeSpan? requestTimeout = null) => new(_server.Connection(), new ApifyClientOptions
    {
        MaxRetries = 8,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(4),
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
        Verbose = line => { lock (_verbose) _verbose.Add(line); },
    });

    /// <summary>An Actor whose runs and builds take long enough to stay RUNNING during the test.</summary>
    private string NewActor() =>
        _server.Seed("sf" + Guid.NewGuid().ToString("N")[..10], builds: 1, extra: new { runDurationMs = 60_000, buildDurationMs = 60_000 }).Actor;

    private int RequestsTo(string method, string path) => _server.Requests().Count(r => r.Method == method && r.Path == path);

    private static readonly ApifyInput Input = ApifyInput.FromText("{\"startUrls\":[{\"url\":\"https://example.com\"}]}");

    private void Print(Exception? ex = null)
    {
        lock (_verbose) foreach (var line in _verbose) output.WriteLine(line);
        if (ex != null) output.WriteLine(ex.Message);
    }

    private async Task<EmulatorProcess.JobsStartedCount> Until(Func<EmulatorProcess.JobsStartedCount, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var jobs = _server.JobsStarted();
            if (condition(jobs)) return jobs;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}: {jobs}");
            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData("reset-before", 0)]
    [InlineData("reset-after", 1)]
    public async Task A_reset_on_a_run_start_is_not_repeated_and_starts_at_most_one_run(string action, int started)
    {
        var actor = NewActor();
        var path = $"/v2/actors/{actor}/runs";
        _server.AddFault(new { path, method = "POST", action, count = 5 });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().StartRunAsync(actor, Input));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Contains($"Get-ApifyRun -Actor '{actor}' -Descending -First 5", ex.Message);
        Assert.Equal(actor, ex.TargetId);
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.Equal(before.Runs + started, _server.JobsStarted().Runs);
    }

    [Fact]
    public async Task A_run_start_that_timed_out_is_not_repeated_and_its_run_exists_once()
    {
        var actor = NewActor();
        var path = $"/v2/actors/{actor}/runs";
        // The server starts the run at once and answers 20 s later; the client gives up after 1 s.
        _server.AddFault(new { path, method = "POST", action = "delay", delayMs = 20_000 });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client(TimeSpan.FromSeconds(1)).StartRunAsync(actor, Input));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal(ApifyErrorTypes.RequestTimeout, Assert.IsType<ApifyApiException>(ex.InnerException).ErrorType);
        Assert.Equal(1, RequestsTo("POST", path));
        var jobs = await Until(j => j.Runs > before.Runs, "the run the timed-out start created");
        Assert.Equal(before.Runs + 1, jobs.Runs);
        // The check the error recommends finds it.
        var listed = await Client().ListRunsAsync(actor, new PageRequest { Descending = true, First = 5 }).CollectAsync();
        Assert.Single(listed);
    }

    [Theory]
    [InlineData(503, false, 0)]
    [InlineData(500, true, 1)]
    [InlineData(502, true, 1)]
    public async Task A_5xx_on_a_run_start_is_not_repeated(int status, bool processed, int started)
    {
        var actor = NewActor();
        var path = $"/v2/actors/{actor}/runs";
        _server.AddFault(new { path, method = "POST", action = "status", status, process = processed, count = 5 });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().StartRunAsync(actor, Input));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.Equal(before.Runs + started, _server.JobsStarted().Runs);
    }

    [Fact]
    public async Task A_429_on_a_run_start_is_repeated_and_starts_exactly_one_run()
    {
        var actor = NewActor();
        var path = $"/v2/actors/{actor}/runs";
        _server.AddFault(new { path, method = "POST", action = "status", status = 429, count = 2 });
        var before = _server.JobsStarted();
        var run = await Client().StartRunAsync(actor, Input);
        Print();
        Assert.False(string.IsNullOrEmpty(run.Id));
        Assert.Equal(3, RequestsTo("POST", path));
        Assert.Equal(before.Runs + 1, _server.JobsStarted().Runs);
    }

    [Fact]
    public async Task A_run_start_whose_201_broke_off_is_reported_as_most_likely_created()
    {
        var actor = NewActor();
        var path = $"/v2/actors/{actor}/runs";
        _server.AddFault(new { path, method = "POST", action = "truncate", abort = true });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().StartRunAsync(actor, Input));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal(HttpStatusCode.Created, ex.StatusCode);
        Assert.Contains("accepted the start (201)", ex.Message);
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.Equal(before.Runs + 1, _server.JobsStarted().Runs);
    }

    [Fact]
    public async Task A_reset_on_a_build_start_is_not_repeated()
    {
        var actor = NewActor();
        var path = $"/v2/actors/{actor}/builds";
        _server.AddFault(new { path, method = "POST", action = "reset-after" });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().StartBuildAsync(actor, "0.0"));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Contains($"Get-ApifyBuild -Actor '{actor}' -Descending -First 5", ex.Message);
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.Equal(before.Builds + 1, _server.JobsStarted().Builds);
    }

    [Fact]
    public async Task A_reset_on_a_synchronous_run_is_not_repeated()
    {
        var actor = _server.Seed("sf" + Guid.NewGuid().ToString("N")[..10], builds: 1, extra: new { runDurationMs = 50 }).Actor;
        var path = $"/v2/actors/{actor}/run-sync";
        _server.AddFault(new { path, method = "POST", action = "reset-after" });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().RunSyncAsync(actor, Input));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.Equal(before.Runs + 1, _server.JobsStarted().Runs);
    }

    [Fact]
    public async Task A_5xx_on_a_metamorph_is_not_repeated()
    {
        var actor = NewActor();
        var target = NewActor();
        var client = Client();
        var run = await client.StartRunAsync(actor, Input);
        await Until(_ => client.GetRunAsync(run.Id).GetAwaiter().GetResult().Status == ApifyJobStatus.Running, "the run to be RUNNING");
        var path = $"/v2/actor-runs/{run.Id}/metamorph";
        _server.AddFault(new { path, method = "POST", action = "status", status = 503, count = 5 });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => client.MetamorphRunAsync(run.Id, target, null, Input));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Contains($"Get-ApifyRun -Id '{run.Id}'", ex.Message);
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.Equal(before.Metamorphs, _server.JobsStarted().Metamorphs);
        await client.AbortRunAsync(run.Id);
    }

    [Fact]
    public async Task A_run_start_refused_for_capacity_is_waited_out_only_when_asked()
    {
        var actor = NewActor();
        var path = $"/v2/actors/{actor}/runs";
        _server.AddFault(new { path, method = "POST", action = "status", status = 402, errorType = ApifyErrorTypes.ConcurrentRunsLimitExceeded });
        var before = _server.JobsStarted();
        var refused = await Assert.ThrowsAsync<ApifyApiException>(() => Client().StartRunAsync(actor, Input));
        Assert.Equal(ApifyErrorTypes.ConcurrentRunsLimitExceeded, refused.ErrorType);
        Assert.Equal(1, RequestsTo("POST", path));

        _server.AddFault(new { path, method = "POST", action = "status", status = 402, errorType = ApifyErrorTypes.ActorMemoryLimitExceeded, count = 2 });
        var run = await Client().StartRunAsync(actor, Input, new ApifyRunOptionsRequest { CapacityWait = TimeSpan.FromMinutes(1) });
        Print();
        Assert.False(string.IsNullOrEmpty(run.Id));
        Assert.Equal(4, RequestsTo("POST", path));
        Assert.Equal(before.Runs + 1, _server.JobsStarted().Runs);
    }
}
