using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Resilience;

/// <summary>
/// 200 runs waited for at once under the local server's rate limit (the API's: per token and resource): no 429, every
/// run's end, and at most ceil(T/60)+1 polls per run. Its own server: the limit is server-wide.
/// </summary>
public class WaitGroupRateLimitResilienceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_hundred_runs_waited_for_at_once_stay_under_the_rate_limit()
    {
        using var server = EmulatorProcess.Start();
        server.SetRateLimit(new { limit = 60, startLimit = 400 });
        var client = new ApifyClient(server.Connection());
        var actors = new[] { 4000, 5000, 6000, 7000 }
            .Select(ms => server.Seed("w" + Guid.NewGuid().ToString("N")[..10], 1, 0, new { runDurationMs = ms }).Actor).ToArray();
        var runs = new List<ApifyRun>();
        for (var i = 0; i < 200; i++) runs.Add(await client.Runs.StartAsync(actors[i % actors.Length], null));
        server.ClearRequests();

        using var group = new ApifyWaitGroup<ApifyRun>((id, o, t) => client.Runs.WaitAsync(id, o, null, t), new ApifyWaitGroupOptions(), default);
        foreach (var run in runs) group.Add(run.Id);
        var ends = new List<ApifyWaitEnd<ApifyRun>>();
        while (await group.NextAsync() is { } end) ends.Add(end);

        var stats = server.RateLimit();
        var log = server.Requests();
        output.WriteLine($"200 runs: {log.Count} requests, {stats.Allowed} allowed, {stats.Limited} x 429");
        Assert.Equal(0, stats.Limited);
        Assert.Equal(runs.Select(r => r.Id).OrderBy(id => id), ends.Select(e => e.Id).OrderBy(id => id));
        Assert.All(ends, e => Assert.Equal("SUCCEEDED", e.Result!.Job.Status));
        foreach (var end in ends)
        {
            var polls = log.Count(r => r.Path == "/v2/actor-runs/" + end.Id);
            var seconds = end.Result!.Elapsed.TotalSeconds;
            Assert.InRange(polls, 1, (int)Math.Ceiling(seconds / ApifyWaitOptions.MaxLongPollSeconds) + 1);
        }
    }
}
