using System.Net.Sockets;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Resilience;

/// <summary>The arithmetic and rules of the resilience core, without a server.</summary>
public class RetryPolicyResilienceTests
{
    [Fact]
    public void Backoff_is_random_between_delay_and_twice_delay_doubling_up_to_the_cap()
    {
        var policy = new ApifyRetryPolicy(8, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        var random = new Random(42);
        double[] delays = { 500, 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
        for (var retry = 1; retry <= delays.Length; retry++)
        {
            for (var i = 0; i < 200; i++)
            {
                var wait = policy.Backoff(retry, random).TotalMilliseconds;
                Assert.InRange(wait, delays[retry - 1], 2 * delays[retry - 1]);
            }
        }
    }

    [Fact]
    public void Defaults_are_those_of_the_api_documentation_and_the_official_client()
    {
        Assert.Equal(8, ApifyRetryPolicy.Default.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), ApifyRetryPolicy.Default.BaseDelay);
        var options = new ApifyClientOptions();
        Assert.Same(ApifyRetryPolicy.Current, options.EffectiveRetryPolicy());
        var tiny = new ApifyClientOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) }.EffectiveRetryPolicy();
        Assert.Equal(2, tiny.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(1), tiny.BaseDelay);
    }

    [Fact]
    public void Timeouts_depend_on_the_kind_of_request()
    {
        var client = new ApifyClient(new ApifyConnection(new Uri("http://127.0.0.1:9"), "t", ApifyConnectionSource.Parameter));
        Assert.Equal(TimeSpan.FromSeconds(30), client.TimeoutOf(new ApifyRequest(HttpMethod.Get, TestPaths.Of("/v2/actor-builds/x"))));
        Assert.Equal(Timeout.InfiniteTimeSpan, client.TimeoutOf(new ApifyRequest(HttpMethod.Get, TestPaths.Of("/v2/actor-runs/x/log"), kind: ApifyRequestKind.Stream)));
        Assert.Equal(TimeSpan.FromSeconds(90), client.TimeoutOf(new ApifyRequest(HttpMethod.Get, TestPaths.Of("/v2/actor-runs/x"),
            new ApifyQuery().Add("waitForFinish", 60L), ApifyRequestKind.LongPoll)));
        Assert.Equal(TimeSpan.FromSeconds(40), client.TimeoutOf(new ApifyRequest(HttpMethod.Post, TestPaths.Of("/v2/actors/a/runs"),
            new ApifyQuery().Add("waitForFinish", 10L), ApifyRequestKind.Start)));
        Assert.True(client.TimeoutOf(new ApifyRequest(HttpMethod.Post, TestPaths.Of("/v2/actors/a/run-sync"), kind: ApifyRequestKind.Start)) > TimeSpan.FromSeconds(300));
        Assert.True(client.TimeoutOf(new ApifyRequest(HttpMethod.Post, TestPaths.Of("/v2/actors/a/run-sync-get-dataset-items"), kind: ApifyRequestKind.Start)) > TimeSpan.FromSeconds(300));
    }

    [Theory]
    [InlineData("/v2/actors/janedoe~web-scraper/runs", "Get-ApifyRun -Actor 'janedoe~web-scraper' -Descending -First 5")]
    [InlineData("/v2/actors/janedoe~web-scraper/run-sync", "Get-ApifyRun -Actor 'janedoe~web-scraper' -Descending -First 5")]
    [InlineData("/v2/actors/abc/builds", "Get-ApifyBuild -Actor 'abc' -Descending -First 5")]
    [InlineData("/v2/actor-runs/RUN1/metamorph", "Get-ApifyRun -Id 'RUN1'")]
    [InlineData("/v2/actors/abc/runs/RUN1/metamorph", "Get-ApifyRun -Id 'RUN1'")]
    public void Says_how_to_check_whether_a_start_happened(string path, string hint) =>
        Assert.Equal(hint, ApifyResilience.StartCheckHint(new ApifyRequest(HttpMethod.Post, TestPaths.Of(path), kind: ApifyRequestKind.Start)));

    [Theory]
    [InlineData("GET", "/v2/actor-runs/R1", ApifyRequestKind.Read, "actor-runs/R1")]
    [InlineData("GET", "/v2/actor-runs/R1/dataset/items", ApifyRequestKind.Read, "actor-runs/R1")]
    [InlineData("GET", "/v2/acts/a~b/builds", ApifyRequestKind.Read, "actors/a~b")]
    [InlineData("POST", "/v2/actors/a~b/runs", ApifyRequestKind.Start, "start actors/a~b")]
    [InlineData("GET", "/v2/key-value-stores/S/records/k", ApifyRequestKind.Read, "key-value-stores/S/records")]
    [InlineData("GET", "/v2/actor-builds", ApifyRequestKind.Read, "actor-builds")]
    public void Rate_limit_lanes_are_per_resource(string method, string path, ApifyRequestKind kind, string lane) =>
        Assert.Equal("http://127.0.0.1:5000 " + lane,
            ApifyRateLimiter.KeyOf(new Uri("http://127.0.0.1:5000/"), new ApifyRequest(new HttpMethod(method), TestPaths.Of(path), kind: kind)));

    [Fact]
    public void A_refused_connection_was_never_sent_a_reset_may_have_been()
    {
        Assert.True(ApifyResilience.NeverSent(new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(ApifyResilience.NeverSent(new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound))));
        Assert.False(ApifyResilience.NeverSent(new HttpRequestException("x", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)))));
        Assert.False(ApifyResilience.NeverSent(new HttpRequestException("The response ended prematurely.")));
    }
}
