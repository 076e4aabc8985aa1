using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// <see cref="ApifyWaitGroup{T}"/> against the local server: many runs waited for at once end in the order they
/// finish, a failure among them is that job's end alone, cancellation ends every wait, and each job still costs at
/// most ceil(T / held poll) + 1 requests. Behaviour only: nothing here is timed.
/// </summary>
public class WaitGroupClientTests(EmulatorFixture fixture, FastWaitEmulatorFixture fastFixture)
    : IClassFixture<EmulatorFixture>, IClassFixture<FastWaitEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private readonly EmulatorProcess _fast = fastFixture.Server;

    private static EmulatorProcess.SeedResult Seed(EmulatorProcess server, object extra) =>
        server.Seed("g" + Guid.NewGuid().ToString("N")[..10], 1, 0, extra);

    private static ApifyWaitGroup<ApifyRun> Group(ApifyClient client, CancellationToken token = default, ApifyWaitGroupOptions? options = null) =>
        new((id, o, t) => client.Runs.WaitAsync(id, o, null, t), options ?? new ApifyWaitGroupOptions(), token);

    private static async Task<List<ApifyWaitEnd<ApifyRun>>> TakeAll(ApifyWaitGroup<ApifyRun> group)
    {
        var ends = new List<ApifyWaitEnd<ApifyRun>>();
        while (await group.NextAsync() is { } end) ends.Add(end);
        return ends;
    }

    [Fact]
    public async Task Runs_waited_for_at_once_end_in_the_order_they_finish()
    {
        var client = new ApifyClient(_server.Connection());
        // Given longest first: one after another, the order would be the order given.
        var runs = new List<ApifyRun>();
        foreach (var ms in new[] { 4500, 600, 2500 })
            runs.Add(await client.Runs.StartAsync(Seed(_server, new { runDurationMs = ms }).Actor, null));
        using var group = Group(client);
        foreach (var run in runs) group.Add(run.Id);
        Assert.Equal(3, group.Count);
        var ends = await TakeAll(group);
        Assert.Equal(new[] { runs[1].Id, runs[2].Id, runs[0].Id }, ends.Select(e => e.Id));
        Assert.All(ends, e => Assert.Equal("SUCCEEDED", e.Result!.Job.Status));
        Assert.Equal(0, group.Pending);
        Assert.Null(await group.NextAsync());
    }

    [Fact]
    public async Task A_failure_among_many_is_that_job_s_end_and_the_others_are_still_waited_for()
    {
        var client = new ApifyClient(_server.Connection());
        var ok = await client.Runs.StartAsync(Seed(_server, new { runDurationMs = 1500 }).Actor, null);
        var failed = await client.Runs.StartAsync(Seed(_server, new { runDurationMs = 300, runOutcome = "FAILED" }).Actor, null);
        using var group = Group(client);
        group.Add(ok.Id);
        group.Add("noSuchRun0000001");
        group.Add(failed.Id);
        var taken = await TakeAll(group);
        // In the order they ended: the missing run at once (a 404 is not retried), then the short one that failed.
        Assert.Equal(new[] { "noSuchRun0000001", failed.Id, ok.Id }, taken.Select(e => e.Id));
        var ends = taken.ToDictionary(e => e.Id);
        Assert.Equal(3, ends.Count);
        var missing = Assert.IsType<ApifyApiException>(ends["noSuchRun0000001"].Failure);
        Assert.Equal(404, (int?)missing.StatusCode);
        Assert.Null(ends["noSuchRun0000001"].Result);
        Assert.Equal("FAILED", ends[failed.Id].Result!.Job.Status);
        Assert.True(ends[failed.Id].JobEnded);
        Assert.Equal("SUCCEEDED", ends[ok.Id].Result!.Job.Status);
    }

    [Fact]
    public async Task Cancellation_ends_every_wait_at_once_and_leaves_the_runs_running()
    {
        var client = new ApifyClient(_server.Connection());
        var seed = Seed(_server, new { runDurationMs = 600_000 });
        var runs = new List<ApifyRun>();
        for (var i = 0; i < 4; i++) runs.Add(await client.Runs.StartAsync(seed.Actor, null));
        using var cancellation = new CancellationTokenSource();
        using var group = Group(client, cancellation.Token);
        foreach (var run in runs) group.Add(run.Id);
        bool Polling(int n) => _server.ActiveRequests().Count(r => runs.Any(run => r.Path == "/v2/actor-runs/" + run.Id)) == n;
        // Every wait is in a long poll the server holds for 60 s at the same time: they are not one after another.
        Assert.True(EmulatorProcess.WaitUntil(() => Polling(4), TimeSpan.FromSeconds(30)));
        var next = group.NextAsync();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        // The server sees every poll go (the client closed them), well before it would have answered them.
        Assert.True(EmulatorProcess.WaitUntil(() => Polling(0), TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(_server.Requests(), r => runs.Any(run => r.Path == $"/v2/actor-runs/{run.Id}/abort"));
        foreach (var run in runs)
        {
            Assert.Contains((await client.Runs.GetAsync(run.Id)).Status, new[] { "READY", "RUNNING" });
            await client.Runs.AbortAsync(run.Id);
        }
    }

    [Fact]
    public async Task Each_run_costs_at_most_ceil_T_over_the_held_poll_plus_one_requests()
    {
        var client = new ApifyClient(_fast.Connection());
        var runs = new List<ApifyRun>();
        foreach (var ms in new[] { 2500, 1200, 3500, 200 })
            runs.Add(await client.Runs.StartAsync(Seed(_fast, new { runDurationMs = ms }).Actor, null));
        _fast.ClearRequests();
        using var group = Group(client);
        foreach (var run in runs) group.Add(run.Id);
        var ends = await TakeAll(group);
        var log = _fast.Requests();
        Assert.Equal(runs.Count, ends.Count);
        foreach (var end in ends)
        {
            var result = end.Result!;
            Assert.Equal("SUCCEEDED", result.Job.Status);
            var polls = log.Where(r => r.Path == "/v2/actor-runs/" + end.Id).ToList();
            Assert.All(polls, r => Assert.Equal("GET", r.Method));
            Assert.All(polls, r => Assert.Equal("waitForFinish=60", r.Query));
            Assert.Equal(result.Requests, polls.Count);
            // This server holds a poll 1 s: the bound for a wait of T s is ceil(T / 1 s) + 1.
            Assert.InRange(polls.Count, 1, (int)Math.Ceiling(result.Elapsed.TotalSeconds / FastWaitEmulatorFixture.MaxWaitSecs) + 1);
        }
        Assert.Equal(ends.Sum(e => e.Result!.Requests), log.Count);
    }

    [Fact]
    public async Task At_its_bound_the_group_starts_further_waits_as_running_ones_end()
    {
        var client = new ApifyClient(_server.Connection());
        var longRun = await client.Runs.StartAsync(Seed(_server, new { runDurationMs = 600_000 }).Actor, null);
        var shortSeed = Seed(_server, new { runDurationMs = 300 });
        var first = await client.Runs.StartAsync(shortSeed.Actor, null);
        var second = await client.Runs.StartAsync(shortSeed.Actor, null);
        using var cancellation = new CancellationTokenSource();
        using var group = Group(client, cancellation.Token, new ApifyWaitGroupOptions { MaxConcurrent = 2 });
        group.Add(first.Id);
        group.Add(longRun.Id);
        group.Add(second.Id);
        // The third wait starts once the first has ended: two of the three at most at any time.
        var ends = new List<string>();
        for (var i = 0; i < 2; i++) ends.Add((await group.NextAsync())!.Id);
        Assert.Equal(new[] { first.Id, second.Id }, ends);
        Assert.Equal(1, group.Pending);
        cancellation.Cancel();
        await client.Runs.AbortAsync(longRun.Id);
    }

    [Fact]
    public async Task Progress_counts_the_waits_finished()
    {
        var client = new ApifyClient(_server.Connection());
        var seed = Seed(_server, new { runDurationMs = 1200 });
        var runs = new List<ApifyRun>();
        for (var i = 0; i < 3; i++) runs.Add(await client.Runs.StartAsync(seed.Actor, null));
        var reports = new System.Collections.Concurrent.ConcurrentQueue<ApifyWaitGroupProgress>();
        using var group = Group(client, options: new ApifyWaitGroupOptions { Progress = new Collect(reports) });
        foreach (var run in runs) group.Add(run.Id);
        await TakeAll(group);
        var all = reports.ToList();
        Assert.All(all, p => Assert.Equal("run", p.Kind));
        Assert.All(all, p => Assert.InRange(p.Finished, 0, p.Total));
        Assert.Contains(all, p => p.Finished == 3 && p.Total == 3 && p.Completed);
        Assert.Equal(new[] { 1, 2, 3 }, all.Select(p => p.Finished).Where(f => f > 0).Distinct().OrderBy(f => f));
    }

    private sealed class Collect(System.Collections.Concurrent.ConcurrentQueue<ApifyWaitGroupProgress> into) : IProgress<ApifyWaitGroupProgress>
    {
        public void Report(ApifyWaitGroupProgress value) => into.Enqueue(value);
    }
}
