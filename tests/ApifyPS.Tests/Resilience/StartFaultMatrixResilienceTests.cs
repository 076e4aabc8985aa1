using System.Net;
using ApifyPS.Client;
using ApifyPS.Cmdlets;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Resilience;

/// <summary>
/// The fault matrix's start rows, through the real start endpoints (POST builds, runs, run-sync, metamorph): each
/// asserts recovery or the exact error, the number of requests the server saw, and the number of jobs it started
/// (GET /__emulator/jobs-started), so a retry that started something twice cannot pass.
/// </summary>
public class StartFaultMatrixResilienceTests(EmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
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
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Runs.StartAsync(actor, Input));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal($"Get-ApifyRun -Actor '{actor}' -Descending -First 5", OutcomeCheckCommand.Render(ex.OutcomeCheck!));
        Assert.Contains(ex.OutcomeCheck!.Describe(), ex.Message);
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
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client(TimeSpan.FromSeconds(1)).Runs.StartAsync(actor, Input));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal(ApifyErrorTypes.RequestTimeout, Assert.IsType<ApifyApiException>(ex.InnerException).ErrorType);
        Assert.Equal(1, RequestsTo("POST", path));
        var jobs = await Until(j => j.Runs > before.Runs, "the run the timed-out start created");
        Assert.Equal(before.Runs + 1, jobs.Runs);
        // The check the error recommends finds it.
        var listed = await Client().Runs.ListAsync(actor, new PageRequest { Descending = true, First = 5 }).CollectAsync();
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
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Runs.StartAsync(actor, Input));
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
        var run = await Client().Runs.StartAsync(actor, Input);
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
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Runs.StartAsync(actor, Input));
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
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Builds.StartAsync(actor, "0.0"));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal($"Get-ApifyBuild -Actor '{actor}' -Descending -First 5", OutcomeCheckCommand.Render(ex.OutcomeCheck!));
        Assert.Contains(ex.OutcomeCheck!.Describe(), ex.Message);
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
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Runs.RunSyncAsync(actor, Input));
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
        var run = await client.Runs.StartAsync(actor, Input);
        await Until(_ => client.Runs.GetAsync(run.Id).GetAwaiter().GetResult().Status == ApifyJobStatus.Running, "the run to be RUNNING");
        var path = $"/v2/actor-runs/{run.Id}/metamorph";
        _server.AddFault(new { path, method = "POST", action = "status", status = 503, count = 5 });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => client.Runs.MetamorphAsync(run.Id, target, null, Input));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal($"Get-ApifyRun -Id '{run.Id}'", OutcomeCheckCommand.Render(ex.OutcomeCheck!));
        Assert.Contains(ex.OutcomeCheck!.Describe(), ex.Message);
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.Equal(before.Metamorphs, _server.JobsStarted().Metamorphs);
        await client.Runs.AbortAsync(run.Id);
    }

    // ---- Clean closes (FIN): the server or a proxy reads the request, maybe acts on it, and closes the connection
    // without answering. .NET's connection pool re-sends a request that has no body on its own when that happens
    // (up to 3 more times), so every start and create is listed here, with a body and without one. ----

    /// <summary>What one start or create sends, how to send it, how many of what it makes exist, and how the error says to check.</summary>
    private sealed record StartCase(string Method, string Path, Func<ApifyClient, Task> Send, Func<Task<long>> Made, string Check);

    public static TheoryData<string, bool> CleanCloseCases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var start in new[] { "build", "run", "run+input", "run-sync", "run-sync+input", "metamorph", "metamorph+input", "actor", "version", "env-var", "push", "unnamed-dataset" })
            foreach (var processed in new[] { true, false })
                data.Add(start, processed);
        return data;
    }

    private async Task<StartCase> Prepare(string start)
    {
        var actor = NewActor();
        var runsCheck = $"Get-ApifyRun -Actor '{actor}' -Descending -First 5";
        Task<long> Runs() => Task.FromResult(_server.JobsStarted().Runs);
        switch (start)
        {
            case "build":
                return new("POST", $"/v2/actors/{actor}/builds", c => c.Builds.StartAsync(actor, "0.0"),
                    () => Task.FromResult(_server.JobsStarted().Builds), $"Get-ApifyBuild -Actor '{actor}' -Descending -First 5");
            case "run":
            case "run+input":
                return new("POST", $"/v2/actors/{actor}/runs", c => c.Runs.StartAsync(actor, start == "run" ? null : Input), Runs, runsCheck);
            case "run-sync":
            case "run-sync+input":
            {
                var quick = _server.Seed("sc" + Guid.NewGuid().ToString("N")[..10], builds: 1, extra: new { runDurationMs = 50 }).Actor;
                return new(start == "run-sync" ? "GET" : "POST", $"/v2/actors/{quick}/run-sync",
                    c => c.Runs.RunSyncAsync(quick, start == "run-sync" ? null : Input), Runs, $"Get-ApifyRun -Actor '{quick}' -Descending -First 5");
            }
            case "metamorph":
            case "metamorph+input":
            {
                var target = NewActor();
                var run = await Client().Runs.StartAsync(actor, Input);
                await Until(_ => Client().Runs.GetAsync(run.Id).GetAwaiter().GetResult().Status == ApifyJobStatus.Running, "the run to be RUNNING");
                return new("POST", $"/v2/actor-runs/{run.Id}/metamorph",
                    c => c.Runs.MetamorphAsync(run.Id, target, null, start == "metamorph" ? null : Input),
                    () => Task.FromResult(_server.JobsStarted().Metamorphs), $"Get-ApifyRun -Id '{run.Id}'");
            }
            case "actor":
            {
                var name = "sc-" + Guid.NewGuid().ToString("N")[..10];
                return new("POST", "/v2/actors", c => c.Actors.CreateAsync(new ApifyBody().Set("name", name)),
                    async () => (await Client().Actors.ListAsync(true, null, new PageRequest()).CollectAsync()).Count(a => a.Name == name),
                    $"Get-ApifyActor -My | Where-Object Name -EQ '{name}'");
            }
            case "version":
                return new("POST", $"/v2/actors/{actor}/versions",
                    c => c.ActorVersions.CreateAsync(actor, new ApifyBody().Set("versionNumber", "9.9").Set("sourceType", "GIT_REPO")
                        .Set("gitRepoUrl", "https://github.com/x/y")),
                    async () => (await Client().ActorVersions.ListAsync(actor)).Count(v => v.VersionNumber == "9.9"), $"Get-ApifyActorVersion -Actor '{actor}'");
            case "env-var":
                return new("POST", $"/v2/actors/{actor}/versions/0.0/env-vars",
                    c => c.ActorVersions.SetEnvironmentVariablesAsync(actor, "0.0", new[] { new ApifyBody().Set("name", "MODE").Set("value", "dev") }, Array.Empty<string>()),
                    async () => (await Client().ActorVersions.ListEnvironmentVariablesAsync(actor, "0.0")).Count(v => v.Name == "MODE"),
                    $"(Get-ApifyActorVersion -Actor '{actor}' -Version '0.0').EnvVars");
            // Storages (issue 15): a push of dataset items, a create of an unnamed dataset.
            case "push":
            {
                var dataset = (await Client().Datasets.CreateAsync(null)).Id;
                return new("POST", $"/v2/datasets/{dataset}/items", c =>
                    {
                        var batch = new DatasetItemBatch();
                        batch.Add(System.Text.Encoding.UTF8.GetBytes("{\"n\":1}"));
                        return c.Datasets.PushItemsAsync(dataset, batch, 0);
                    },
                    async () => (await Client().Datasets.GetAsync(dataset)).ItemCount, $"(Get-ApifyDataset -Id '{dataset}').ItemCount");
            }
            case "unnamed-dataset":
                return new("POST", "/v2/datasets", c => c.Datasets.CreateAsync(null),
                    async () => (await Client().Datasets.ListAsync(true, new PageRequest()).CollectAsync()).Count(d => d.Name == null),
                    "Get-ApifyDataset -Unnamed -Descending -First 5");
            default:
                throw new ArgumentOutOfRangeException(nameof(start), start, null);
        }
    }

    [Theory]
    [MemberData(nameof(CleanCloseCases))]
    public async Task A_clean_close_after_a_start_or_create_was_read_is_not_repeated_by_anyone(string start, bool processed)
    {
        var c = await Prepare(start);
        var client = Client();
        // A pooled connection for the start to reuse: older runtimes re-send only what failed on a reused connection.
        await client.Users.GetCurrentAsync();
        var made = await c.Made();
        var sent = RequestsTo(c.Method, c.Path);
        var fault = _server.AddFault(new { path = c.Path, method = c.Method, action = "close-after", process = processed, count = 5 }).GetProperty("id").GetString();
        ApifyApiException ex;
        try
        {
            ex = await Assert.ThrowsAsync<ApifyApiException>(() => c.Send(client));
            Assert.Equal(1, _server.Faults().EnumerateArray().Single(f => f.GetProperty("id").GetString() == fault).GetProperty("hits").GetInt32());
        }
        finally
        {
            _server.ClearFaults(); // "/v2/actors" is every create's path: what is left of the fault must not meet the next row
        }
        string last;
        lock (_verbose) last = _verbose[^1];
        Print(ex);
        Assert.Equal(1, RequestsTo(c.Method, c.Path) - sent);
        Assert.Equal(made + (processed ? 1 : 0), await c.Made());
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(c.Check, OutcomeCheckCommand.Render(ex.OutcomeCheck!));
        Assert.Contains(ex.OutcomeCheck!.Describe(), ex.Message);
        Assert.Contains("not sent again", ex.Message);
        Assert.NotNull(ex.RecommendedAction);
        Assert.Matches($@"^{c.Method} {System.Text.RegularExpressions.Regex.Escape(c.Path)}\S* -> connection failed .*\(attempt 1 of 9\); not repeated: the start may have happened$", last);
    }

    [Fact]
    public async Task A_run_start_refused_for_capacity_is_waited_out_only_when_asked()
    {
        var actor = NewActor();
        var path = $"/v2/actors/{actor}/runs";
        _server.AddFault(new { path, method = "POST", action = "status", status = 402, errorType = ApifyErrorTypes.ConcurrentRunsLimitExceeded });
        var before = _server.JobsStarted();
        var refused = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Runs.StartAsync(actor, Input));
        Assert.Equal(ApifyErrorTypes.ConcurrentRunsLimitExceeded, refused.ErrorType);
        Assert.Equal(1, RequestsTo("POST", path));

        _server.AddFault(new { path, method = "POST", action = "status", status = 402, errorType = ApifyErrorTypes.ActorMemoryLimitExceeded, count = 2 });
        var run = await Client().Runs.StartAsync(actor, Input, new ApifyRunOptionsRequest { CapacityWait = TimeSpan.FromMinutes(1) });
        Print();
        Assert.False(string.IsNullOrEmpty(run.Id));
        Assert.Equal(4, RequestsTo("POST", path));
        Assert.Equal(before.Runs + 1, _server.JobsStarted().Runs);
    }
}
