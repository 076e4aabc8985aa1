using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Resilience;

/// <summary>
/// The local server's rate limit (429 rate-limit-exceeded with X-RateLimit-Limit) and the client's pacing under it.
/// One server per test: the limit is server-wide.
/// </summary>
public class RateLimitResilienceTests(ITestOutputHelper output)
{
    private static (string Actor, string BuildId) SeedOne(EmulatorProcess server)
    {
        var seed = server.Seed("rl" + Guid.NewGuid().ToString("N")[..10], builds: 2);
        var builds = new ApifyClient(server.Connection()).Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync().GetAwaiter().GetResult();
        return (seed.Actor, builds[0].Id);
    }

    [Fact]
    public async Task Server_answers_429_rate_limit_exceeded_per_resource_with_the_announced_limit()
    {
        using var server = EmulatorProcess.Start();
        var (actor, buildId) = SeedOne(server);
        server.SetRateLimit(new { limit = 3 });
        using var http = new HttpClient();
        async Task<HttpResponseMessage> Get(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
            return await http.SendAsync(request);
        }
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Get("/v2/actor-builds/" + buildId)));
        var other = await Get($"/v2/actors/{actor}/builds");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode); // another resource has its own window
        Assert.All(answers, a => Assert.Equal("3", a.Headers.GetValues("X-RateLimit-Limit").Single()));
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 5, 8);
        var body = JsonDocument.Parse(await limited[0].Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("rate-limit-exceeded", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(limited.Count, server.RateLimit().Limited);

        server.SetRateLimit(null);
        Assert.Equal(HttpStatusCode.OK, (await Get("/v2/actor-builds/" + buildId)).StatusCode);
        Assert.False((await Get("/v2/actor-builds/" + buildId)).Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Client_paces_one_resource_under_the_announced_limit()
    {
        using var server = EmulatorProcess.Start();
        var (_, buildId) = SeedOne(server);
        server.SetRateLimit(new { limit = 20 });
        var client = new ApifyClient(server.Connection(), new ApifyClientOptions { MaxRetries = 8, RetryBaseDelay = TimeSpan.FromMilliseconds(5) });
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 60; i++) Assert.Equal(buildId, (await client.Builds.GetAsync(buildId)).Id);
        watch.Stop();
        var stats = server.RateLimit();
        output.WriteLine($"60 sequential reads at a limit of 20/s: {60 / watch.Elapsed.TotalSeconds:0.0}/s, {stats.Limited} x 429");
        Assert.Equal(20, ApifyRateLimiter.KnownLimit(ApifyRateLimiter.KeyOf(server.BaseUri, ApifyPaths.Build(buildId), ApifyRateLane.Resource)));
        Assert.InRange(stats.Limited, 0, 2);
    }

    [Fact]
    public async Task Parallel_callers_share_one_lane_and_do_not_storm()
    {
        using var server = EmulatorProcess.Start();
        var (_, buildId) = SeedOne(server);
        server.SetRateLimit(new { limit = 20 });
        var watch = Stopwatch.StartNew();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            // A client per caller, as each cmdlet invocation (or runspace) has its own.
            var client = new ApifyClient(server.Connection(), new ApifyClientOptions
            {
                MaxRetries = 8,
                RetryBaseDelay = TimeSpan.FromMilliseconds(5),
                Verbose = l => lines.Enqueue($"{watch.ElapsedMilliseconds,6} {l}"),
            });
            for (var i = 0; i < 10; i++) await client.Builds.GetAsync(buildId);
        })));
        var stats = server.RateLimit();
        output.WriteLine($"80 reads from 8 callers at a limit of 20/s: {80 / watch.Elapsed.TotalSeconds:0.0}/s, {stats.Limited} x 429");
        foreach (var line in lines) output.WriteLine(line);
        Assert.Equal(80, stats.Allowed);
        // Up to 8 may go out together before the first answer announces the limit; after that, pacing.
        Assert.InRange(stats.Limited, 0, 10);
    }

    [Fact]
    public async Task A_429_with_retry_after_pauses_the_resource_for_every_caller()
    {
        using var server = EmulatorProcess.Start();
        var (_, buildId) = SeedOne(server);
        var path = "/v2/actor-builds/" + buildId;
        server.AddFault(new { path, action = "status", status = 429, retryAfter = "1" });
        var firstLines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var first = new ApifyClient(server.Connection(), new ApifyClientOptions { MaxRetries = 8, RetryBaseDelay = TimeSpan.FromMilliseconds(1), Verbose = firstLines.Enqueue });
        var firstCall = first.Builds.GetAsync(buildId);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // The first attempt's line is written once its 429 was seen, i.e. once the lane is paused.
        while (firstLines.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(10);
        // A second caller arriving during the pause waits for it too, instead of adding to the pile.
        var lines = new List<string>();
        var second = new ApifyClient(server.Connection(), new ApifyClientOptions { Verbose = lines.Add });
        await second.Builds.GetAsync(buildId);
        await firstCall;
        output.WriteLine(string.Join("\n", lines));
        Assert.Matches(@"after \d+ ms pacing for the rate limit", Assert.Single(lines));
        Assert.Equal(3, server.Requests().Count(r => r.Path == path));
    }
}
