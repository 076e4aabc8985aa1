using System.Security;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// The -Debug trace of the request core (ApifyClientOptions.Debug): each attempt's request (the URL sent, the Accept
/// its endpoint answers with, Authorization redacted), its answer (status, headers) and bounded excerpts of the bodies;
/// a body of fields that may hold a secret is named, not shown; the token appears nowhere.
/// </summary>
public class DebugTraceClientTests(FastWaitEmulatorFixture fixture) : IClassFixture<FastWaitEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private readonly List<string> _trace = new();

    private ApifyClient Client() => new(_server.Connection(), new ApifyClientOptions { Debug = line => { lock (_trace) _trace.Add(line); } });

    private string Trace() { lock (_trace) return string.Join("\n", _trace); }

    [Fact]
    public async Task Each_endpoint_asks_for_what_it_answers_with_and_the_token_is_never_shown()
    {
        var actor = _server.Seed("dt" + Guid.NewGuid().ToString("N")[..10], builds: 1, extra: new { runDurationMs = 50 }).Actor;
        var client = Client();
        var run = await client.Runs.StartAsync(actor, ApifyInput.FromText("{\"a\":1}"));
        run = (await client.Runs.WaitAsync(run.Id, new ApifyWaitOptions(), run)).Job;
        await client.Logs.ReadAsync("run", run.Id, false, _ => { });
        await client.KeyValueStores.GetRecordAsync(ApifyStorageRef.RunKeyValueStore(run.Id), "OUTPUT");
        var lines = _trace.ToList();
        Assert.Contains(lines, l => l.StartsWith($"HTTP POST {_server.BaseUri}v2/actors/{actor}/runs", StringComparison.Ordinal) &&
                                    l.Contains("Accept: application/json") && l.Contains("request body: {\"a\":1}"));
        Assert.Contains(lines, l => l.StartsWith("HTTP GET ", StringComparison.Ordinal) && l.Contains("/log") && l.Contains("Accept: text/plain"));
        Assert.Contains(lines, l => l.StartsWith("HTTP GET ", StringComparison.Ordinal) && l.Contains("/records/OUTPUT") && l.Contains("Accept: */*"));
        Assert.Contains(lines, l => l.StartsWith("HTTP 201 Created in ", StringComparison.Ordinal) && l.Contains("Location: "));
        Assert.All(lines.Where(l => l.StartsWith("HTTP GET", StringComparison.Ordinal) || l.StartsWith("HTTP POST", StringComparison.Ordinal)),
            l => Assert.Contains("Authorization: Bearer ***", l));
        Assert.DoesNotContain(_server.Token, Trace());
    }

    [Fact]
    public async Task Body_excerpts_are_bounded_and_a_body_that_may_hold_a_secret_is_not_shown()
    {
        var actor = _server.Seed("dt" + Guid.NewGuid().ToString("N")[..10], builds: 3000).Actor;
        var client = Client();
        await client.Builds.ListAsync(actor, new PageRequest { First = 1000 }).CollectAsync();
        var body = _trace.Single(l => l.StartsWith("HTTP response body", StringComparison.Ordinal));
        Assert.Matches(@"\(first 1024 of \d+ bytes read\)$", body);
        Assert.True(body.Length < 1400, $"{body.Length} characters");
        _trace.Clear();
        var secret = new SecureString();
        foreach (var c in "s3cr3t-value") secret.AppendChar(c);
        await client.ActorVersions.CreateAsync(actor, new ApifyBody().Set("versionNumber", "0.5").Set("sourceType", "GIT_REPO").Set("gitRepoUrl", "https://github.com/janedoe/x")
            .Set("environmentVariables", new[] { new ApifyBody().Set("name", "KEY").Set("value", secret).Set("isSecret", true) }));
        Assert.Contains("not shown: it may hold a secret", Trace());
        Assert.DoesNotContain("s3cr3t-value", Trace());
    }
}
