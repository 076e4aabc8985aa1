using System.Net;
using System.Text;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// The lifecycle in the client core against the local server (long polls held at most 1 s here): start, wait loop,
/// give-up, abort, filters, run-sync, metamorph.
/// </summary>
public class LifecycleClientTests(FastWaitEmulatorFixture fixture) : IClassFixture<FastWaitEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client() => new(_server.Connection());

    private EmulatorProcess.SeedResult Seed(int builds = 1, int runs = 0, object? extra = null) =>
        _server.Seed("l" + Guid.NewGuid().ToString("N")[..10], builds, runs, extra);

    private static ApifyWaitOptions Wait(TimeSpan? timeout = null) => new() { Timeout = timeout };

    [Fact]
    public async Task Start_and_wait_for_a_build_loops_on_the_long_poll_within_the_request_bound()
    {
        var seed = Seed(extra: new { buildDurationMs = 2500 });
        var client = Client();
        var build = await client.Builds.StartAsync(seed.Actor, "0.0");
        Assert.False(build.IsTerminal);
        _server.ClearRequests();
        var result = await client.Builds.WaitAsync(build.Id, Wait(), build);
        Assert.Equal("SUCCEEDED", result.Job.Status);
        Assert.False(result.GaveUp);
        var polls = _server.Requests();
        Assert.All(polls, r => Assert.Equal($"/v2/actor-builds/{build.Id}", r.Path));
        // The client asks for the API's maximum; this server holds each poll 1 s, so a job of T s costs at most
        // ceil(T / 1 s) + 1 polls, and more than one here: the loop ran.
        Assert.All(polls, r => Assert.Equal("waitForFinish=60", r.Query));
        var jobSeconds = (result.Job.FinishedAt!.Value - result.Job.StartedAt).TotalSeconds;
        Assert.InRange(polls.Count, 2, (int)Math.Ceiling(jobSeconds / FastWaitEmulatorFixture.MaxWaitSecs) + 1);
        Assert.Equal(polls.Count, result.Requests);
    }

    [Fact]
    public async Task A_terminal_job_known_already_costs_no_request()
    {
        var seed = Seed(builds: 1);
        var client = Client();
        var done = Assert.Single(await client.Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync());
        _server.ClearRequests();
        var result = await client.Builds.WaitAsync(done.Id, Wait(), done);
        Assert.Same(done, result.Job);
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task Without_a_version_the_highest_version_number_is_built()
    {
        var seed = Seed(extra: new { versions = new[] { "0.9", "0.10", "0.2" } });
        var client = Client();
        Assert.Equal("0.10", await client.Builds.ResolveVersionAsync(seed.Actor));
        var build = await client.Builds.StartAsync(seed.Actor, "0.10");
        Assert.StartsWith("0.10.", build.BuildNumber);
    }

    [Fact]
    public async Task A_failing_build_ends_FAILED_with_its_error_id()
    {
        var seed = Seed(extra: new { buildOutcome = "FAILED", buildDurationMs = 200 });
        var client = Client();
        var build = await client.Builds.StartAsync(seed.Actor, "0.0");
        var result = await client.Builds.WaitAsync(build.Id, Wait(), build);
        Assert.Equal("FAILED", result.Job.Status);
        var error = ApifyJobException.FromWait("build", result);
        Assert.NotNull(error);
        Assert.Equal("ApifyBuildFailed", error!.ErrorId);
        Assert.Contains(build.Id, error.Message);
        Assert.False(error.GaveUp);
    }

    [Fact]
    public async Task A_run_over_its_timeout_ends_TIMED_OUT()
    {
        var seed = Seed(extra: new { runDurationMs = 60_000 });
        var client = Client();
        var run = await client.Runs.StartAsync(seed.Actor, null, new ApifyRunOptionsRequest { TimeoutSecs = 1 });
        var result = await client.Runs.WaitAsync(run.Id, Wait(), run);
        Assert.Equal("TIMED-OUT", result.Job.Status);
        Assert.Equal("ApifyRunTimedOut", ApifyJobException.FromWait("run", result)!.ErrorId);
    }

    [Fact]
    public async Task Giving_up_at_the_timeout_has_its_own_error_id_and_leaves_the_run_running()
    {
        var seed = Seed(extra: new { runDurationMs = 120_000 });
        var client = Client();
        var run = await client.Runs.StartAsync(seed.Actor, null);
        var result = await client.Runs.WaitAsync(run.Id, Wait(TimeSpan.FromSeconds(2)), run);
        Assert.True(result.GaveUp);
        Assert.Equal("RUNNING", result.Job.Status);
        var error = ApifyJobException.FromWait("run", result)!;
        Assert.Equal("ApifyRunWaitTimeout", error.ErrorId);
        Assert.NotEqual("ApifyRunTimedOut", error.ErrorId);
        Assert.Equal("RUNNING", (await client.Runs.GetAsync(run.Id)).Status);
        Assert.DoesNotContain(_server.Requests(), r => r.Path == $"/v2/actor-runs/{run.Id}/abort");
        await client.Runs.AbortAsync(run.Id);
    }

    [Fact]
    public async Task Cancelling_a_wait_ends_it_at_once_and_leaves_the_run_alone()
    {
        var seed = Seed(extra: new { runDurationMs = 120_000 });
        var client = Client();
        var run = await client.Runs.StartAsync(seed.Actor, null);
        using var cts = new CancellationTokenSource();
        var waiting = client.Runs.WaitAsync(run.Id, Wait(), run, cts.Token);
        await WaitUntil(() => _server.Requests().Any(r => r.Path == $"/v2/actor-runs/{run.Id}"));
        cts.Cancel();
        var ended = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(waiting, ended);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Contains((await client.Runs.GetAsync(run.Id)).Status, new[] { "READY", "RUNNING" });
        Assert.DoesNotContain(_server.Requests(), r => r.Path == $"/v2/actor-runs/{run.Id}/abort");
        await client.Runs.AbortAsync(run.Id);
    }

    [Fact]
    public async Task Progress_reports_status_and_completes()
    {
        var seed = Seed(extra: new { runDurationMs = 2500 });
        var client = Client();
        var run = await client.Runs.StartAsync(seed.Actor, null);
        var reports = new List<ApifyJobProgress>();
        var options = new ApifyWaitOptions { Progress = new SyncProgress<ApifyJobProgress>(p => { lock (reports) reports.Add(p); }), ProgressInterval = TimeSpan.FromMilliseconds(200) };
        await client.Runs.WaitAsync(run.Id, options, run);
        lock (reports)
        {
            Assert.True(reports.Count >= 2);
            Assert.All(reports, r => Assert.Equal(run.Id, r.Id));
            Assert.Contains(reports, r => r.Status is "READY" or "RUNNING");
            Assert.True(reports[^1].Completed);
            Assert.Equal("SUCCEEDED", reports[^1].Status);
            Assert.Single(reports, r => r.Completed);
        }
    }

    [Fact]
    public async Task Abort_moves_a_running_run_to_ABORTED_and_leaves_a_finished_one_unchanged()
    {
        var seed = Seed(runs: 1, extra: new { runDurationMs = 120_000 });
        var client = Client();
        var finished = Assert.Single(await client.Runs.ListAsync(seed.Actor, new PageRequest()).CollectAsync());
        Assert.Equal("SUCCEEDED", finished.Status);
        var again = await client.Runs.AbortAsync(finished.Id);
        Assert.Equal("SUCCEEDED", again.Status);
        Assert.Equal(finished.FinishedAt, again.FinishedAt);

        var run = await client.Runs.StartAsync(seed.Actor, null);
        await WaitUntil(async () => (await client.Runs.GetAsync(run.Id)).Status == "RUNNING");
        var aborting = await client.Runs.AbortAsync(run.Id, gracefully: true);
        Assert.Equal("ABORTING", aborting.Status);
        var result = await client.Runs.WaitAsync(run.Id, Wait(), aborting);
        Assert.Equal("ABORTED", result.Job.Status);
        Assert.Equal("ApifyRunAborted", ApifyJobException.FromWait("run", result)!.ErrorId);
    }

    [Fact]
    public async Task Abort_of_a_build()
    {
        var seed = Seed(extra: new { buildDurationMs = 120_000 });
        var client = Client();
        var build = await client.Builds.StartAsync(seed.Actor, "0.0");
        var aborting = await client.Builds.AbortAsync(build.Id);
        Assert.Contains(aborting.Status, new[] { "ABORTING", "ABORTED" });
        Assert.Equal("ABORTED", (await client.Builds.WaitAsync(build.Id, Wait(), aborting)).Job.Status);
        var unchanged = await client.Builds.AbortAsync(build.Id);
        Assert.Equal("ABORTED", unchanged.Status);
    }

    [Fact]
    public async Task Runs_are_filtered_by_the_server()
    {
        var seed = Seed(runs: 9, extra: new { runStatuses = new[] { "SUCCEEDED", "FAILED", "ABORTED" } });
        var client = Client();
        var all = await client.Runs.ListAsync(seed.Actor, new PageRequest()).CollectAsync();
        _server.ClearRequests();
        var failed = await client.Runs.ListAsync(seed.Actor, new PageRequest(), new ApifyJobFilter { Statuses = new[] { "FAILED", "ABORTED" } }).CollectAsync();
        Assert.Equal(6, failed.Count);
        Assert.All(failed, r => Assert.Contains(r.Status, new[] { "FAILED", "ABORTED" }));
        Assert.Equal("status=FAILED%2CABORTED", Assert.Single(_server.Requests()).Query);

        _server.ClearRequests();
        var window = new ApifyJobFilter { StartedAfter = all[2].StartedAt, StartedBefore = all[5].StartedAt };
        var inWindow = await client.Runs.ListAsync(seed.Actor, new PageRequest(), window).CollectAsync();
        Assert.Equal(all.Skip(2).Take(4).Select(r => r.Id), inWindow.Select(r => r.Id));
        var query = Assert.Single(_server.Requests()).Query;
        Assert.Contains("startedAfter=" + Uri.EscapeDataString(ApifyQuery.ToApiTime(all[2].StartedAt)), query);
        Assert.Contains("startedBefore=", query);
    }

    [Fact]
    public async Task Builds_are_filtered_by_the_client_counting_first_and_skip_on_matches()
    {
        var seed = Seed(builds: 30, extra: new { buildStatuses = new[] { "SUCCEEDED", "SUCCEEDED", "FAILED" } });
        var client = Client();
        var failed = await client.Builds.ListAsync(seed.Actor, new PageRequest { Skip = 2, First = 5, PageSize = 7 },
            new ApifyJobFilter { Statuses = new[] { "FAILED" } }).CollectAsync();
        Assert.Equal(new[] { "0.0.9", "0.0.12", "0.0.15", "0.0.18", "0.0.21" }, failed.Select(b => b.BuildNumber));
        Assert.All(_server.Requests().Where(r => r.Path.EndsWith("/builds")), r => Assert.DoesNotContain("status", r.Query));
    }

    [Fact]
    public async Task Descending_builds_after_a_time_stop_walking_once_past_it()
    {
        var seed = Seed(builds: 2500);
        var client = Client();
        var pivot = Assert.Single(await client.Builds.ListAsync(seed.Actor, new PageRequest { Skip = 120, First = 1, Descending = true }).CollectAsync());
        _server.ClearRequests();
        var recent = await client.Builds.ListAsync(seed.Actor, new PageRequest { PageSize = 50, Descending = true },
            new ApifyJobFilter { StartedAfter = pivot.StartedAt }).CollectAsync();
        Assert.Equal(121, recent.Count);
        Assert.Equal(pivot.Id, recent[^1].Id);
        // Pages of 50: the third holds the pivot and the first build before the window; nothing more is read.
        Assert.Equal(3, _server.Requests().Count);
    }

    [Fact]
    public async Task Run_input_and_options_reach_the_run_and_run_sync_returns_the_output()
    {
        var seed = Seed(extra: new { runDurationMs = 300 });
        var client = Client();
        var output = await client.Runs.RunSyncAsync(seed.Actor, ApifyInput.FromText("{\"url\":\"https://example.com\",\"n\":3}"),
            new ApifyRunOptionsRequest { MemoryMbytes = 2048, TimeoutSecs = 120, Build = "latest" });
        Assert.True(output.IsJson);
        Assert.Contains("\"input\":{\"url\":\"https://example.com\",\"n\":3}", output.Text);
        _server.ClearRequests();
        var run = await client.Runs.StartAsync(seed.Actor, ApifyInput.FromText("hello", "text/plain"),
            new ApifyRunOptionsRequest { MemoryMbytes = 256, MaxItems = 10, WebhooksJson = "[{\"eventTypes\":[\"ACTOR.RUN.FAILED\"],\"requestUrl\":\"https://example.com/hook\"}]" });
        Assert.Equal(256, run.Options!.MemoryMbytes);
        Assert.Equal(10, run.Options.MaxItems);
        Assert.Equal(5, run.Stats!.InputBodyLen);
        var query = Assert.Single(_server.Requests()).Query;
        Assert.Contains("memory=256", query);
        var webhooks = System.Web.HttpUtility.ParseQueryString(query)["webhooks"]!;
        Assert.Contains("ACTOR.RUN.FAILED", Encoding.UTF8.GetString(Convert.FromBase64String(webhooks)));
        await client.Runs.AbortAsync(run.Id);
    }

    [Fact]
    public async Task Run_sync_failure_names_the_run()
    {
        var seed = Seed(extra: new { runOutcome = "FAILED", runDurationMs = 100 });
        var client = Client();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => client.Runs.RunSyncAsync(seed.Actor, null));
        Assert.Equal("run-failed", ex.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.NotNull(ex.TargetId);
        Assert.Equal("FAILED", (await client.Runs.GetAsync(ex.TargetId!)).Status);
    }

    [Fact]
    public async Task Run_sync_408_names_the_run_that_goes_on()
    {
        var seed = Seed(extra: new { runDurationMs = 120_000 });
        var client = Client();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => client.Runs.RunSyncAsync(seed.Actor, ApifyInput.FromText("{}")));
        Assert.Equal("run-timeout-exceeded", ex.ErrorType);
        Assert.Equal(HttpStatusCode.RequestTimeout, ex.StatusCode);
        Assert.NotNull(ex.TargetId);
        Assert.Contains(ex.TargetId!, ex.Message);
        var run = await client.Runs.GetAsync(ex.TargetId!);
        Assert.Equal("RUNNING", run.Status);
        Assert.Equal(seed.ActorId, run.ActorId);
        await client.Runs.AbortAsync(run.Id);
    }

    [Fact]
    public async Task Run_sync_without_an_output_record_is_empty()
    {
        var seed = Seed(extra: new { noOutput = true, runDurationMs = 100 });
        var output = await Client().Runs.RunSyncAsync(seed.Actor, null);
        Assert.True(output.IsEmpty);
        Assert.Null(output.ContentType);
    }

    [Fact]
    public async Task Metamorph_hands_the_run_to_another_Actor()
    {
        var source = Seed(extra: new { runDurationMs = 120_000 });
        var target = Seed(extra: new { runDurationMs = 300 });
        var client = Client();
        var run = await client.Runs.StartAsync(source.Actor, null);
        await WaitUntil(async () => (await client.Runs.GetAsync(run.Id)).Status == "RUNNING");
        var morphed = await client.Runs.MetamorphAsync(run.Id, target.ActorId, null, ApifyInput.FromText("{\"next\":true}"));
        Assert.Equal(run.Id, morphed.Id);
        var step = Assert.Single(morphed.Metamorphs!);
        Assert.Equal(target.ActorId, step.ActorId);
        Assert.Equal("INPUT-METAMORPH-1", step.InputKey);
        Assert.Equal("SUCCEEDED", (await client.Runs.WaitAsync(run.Id, Wait(), morphed)).Job.Status);
        var notRunning = await Assert.ThrowsAsync<ApifyApiException>(() => client.Runs.MetamorphAsync(run.Id, target.ActorId, null, null));
        Assert.Equal(HttpStatusCode.BadRequest, notRunning.StatusCode);
    }

    private static async Task WaitUntil(Func<bool> condition) => await WaitUntil(() => Task.FromResult(condition()));

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 30 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and could lag).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
