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
    public void Timeouts_are_the_tier_each_endpoint_declares()
    {
        var client = new ApifyClient(new ApifyConnection(new Uri("http://127.0.0.1:9"), "t", ApifyConnectionSource.Parameter));
        TimeSpan Of(ApifyRequest request) => client.Core.TimeoutOf(request);
        Assert.Equal(TimeSpan.FromSeconds(30), Of(new ApifyRequest(HttpMethod.Get, ApifyPaths.Build("x"), ApifyRequestPolicy.Read)));
        Assert.Equal(Timeout.InfiniteTimeSpan, Of(new ApifyRequest(HttpMethod.Get, ApifyPaths.RunLog("x"), ApifyRequestPolicy.FollowText)));
        Assert.Equal(TimeSpan.FromSeconds(90), Of(ApifyRequest.LongPoll(ApifyPaths.Run("x"), 60, "x")));
        Assert.Equal(TimeSpan.FromSeconds(40), Of(ApifyRequest.LongPoll(ApifyPaths.Run("x"), 10, "x")));
        Assert.Equal(TimeSpan.FromSeconds(30), Of(ApifyRequest.LongPoll(ApifyPaths.Run("x"), 0, "x")));
        Assert.Equal(TimeSpan.FromSeconds(30), Of(new ApifyRequest(HttpMethod.Post, ApifyPaths.ActorRuns("a"), ApifyRequestPolicy.Start)));
        Assert.Equal(client.Options.RunSyncTimeout, Of(new ApifyRequest(HttpMethod.Post, ApifyPaths.ActorRunSync("a"), ApifyRequestPolicy.RunSync)));
        Assert.True(client.Options.RunSyncTimeout > TimeSpan.FromSeconds(300));
        // A download to a file: the request timeout, applied to the answer's start and then to every pause between bytes.
        Assert.Equal(TimeSpan.FromSeconds(30), Of(new ApifyRequest(HttpMethod.Get, ApifyPaths.Record(ApifyStorageRef.KeyValueStore("s"), "k"), ApifyRequestPolicy.DownloadRecord)));
    }

    [Fact]
    public void A_create_or_start_must_declare_what_to_check_when_its_outcome_is_unknown()
    {
        var client = new ApifyClient(new ApifyConnection(new Uri("http://127.0.0.1:9"), "t", ApifyConnectionSource.Parameter));
        var request = new ApifyRequest(HttpMethod.Post, ApifyPaths.ActorRuns("a"), ApifyRequestPolicy.Start);
        var ex = Assert.Throws<InvalidOperationException>(() => client.SendAsync(request, CancellationToken.None).GetAwaiter().GetResult());
        Assert.Contains("outcome check", ex.Message);
    }

    [Theory]
    [InlineData(ApifyOutcomeCheckKind.RunsOfActor, "janedoe~web-scraper", "Get-ApifyRun -Actor 'janedoe~web-scraper' -Descending -First 5", "the newest runs of Actor 'janedoe~web-scraper'")]
    [InlineData(ApifyOutcomeCheckKind.BuildsOfActor, "abc", "Get-ApifyBuild -Actor 'abc' -Descending -First 5", "the newest builds of Actor 'abc'")]
    [InlineData(ApifyOutcomeCheckKind.Run, "RUN1", "Get-ApifyRun -Id 'RUN1'", "run 'RUN1'")]
    [InlineData(ApifyOutcomeCheckKind.RunsOfTask, "janedoe~nightly", "Get-ApifyRun -Task 'janedoe~nightly' -Descending -First 5", "the newest runs of task 'janedoe~nightly'")]
    public void A_check_is_data_in_the_core_and_a_command_in_the_cmdlet_layer(ApifyOutcomeCheckKind kind, string id, string command, string words)
    {
        var check = kind switch
        {
            ApifyOutcomeCheckKind.RunsOfActor => ApifyOutcomeCheck.RunsOf(id),
            ApifyOutcomeCheckKind.BuildsOfActor => ApifyOutcomeCheck.BuildsOf(id),
            ApifyOutcomeCheckKind.Run => ApifyOutcomeCheck.Run(id),
            _ => ApifyOutcomeCheck.RunsOfTask(id),
        };
        Assert.Equal(words, check.Describe());
        Assert.True(check.IsJob);
        Assert.Equal(command, ApifyPS.Cmdlets.OutcomeCheckCommand.Render(check));
    }

    public static TheoryData<string, ApifyRateLane, string> Lanes => new()
    {
        { ApifyPaths.Run("R1").Value, ApifyRateLane.Resource, "actor-runs/R1" },
        { ApifyPaths.DatasetItems(ApifyStorageRef.RunDataset("R1")).Value, ApifyRateLane.Resource, "actor-runs/R1" },
        { ApifyPaths.ActorBuilds("a~b").Value, ApifyRateLane.Resource, "actors/a~b" },
        { ApifyPaths.ActorRuns("a~b").Value, ApifyRateLane.Starts, "start actors/a~b" },
        { ApifyPaths.Record(ApifyStorageRef.KeyValueStore("S"), "k").Value, ApifyRateLane.Resource, "key-value-stores/S/records" },
        { ApifyPaths.Builds().Value, ApifyRateLane.Resource, "actor-builds" },
    };

    [Theory]
    [MemberData(nameof(Lanes))]
    public void Rate_limit_lanes_are_per_resource_as_each_path_was_built(string path, ApifyRateLane lane, string expected)
    {
        var built = path switch
        {
            _ when path == ApifyPaths.Run("R1").Value => ApifyPaths.Run("R1"),
            _ when path.EndsWith("/dataset/items") => ApifyPaths.DatasetItems(ApifyStorageRef.RunDataset("R1")),
            _ when path.EndsWith("/builds") => ApifyPaths.ActorBuilds("a~b"),
            _ when path.EndsWith("/runs") => ApifyPaths.ActorRuns("a~b"),
            _ when path.Contains("/records/") => ApifyPaths.Record(ApifyStorageRef.KeyValueStore("S"), "k"),
            _ => ApifyPaths.Builds(),
        };
        Assert.Equal(path, built.Value);
        Assert.Equal("http://127.0.0.1:5000 " + expected, ApifyRateLimiter.KeyOf(new Uri("http://127.0.0.1:5000/"), built, lane));
    }

    [Fact]
    public void A_refused_connection_was_never_sent_a_reset_may_have_been()
    {
        Assert.True(ApifyResilience.NeverSent(new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(ApifyResilience.NeverSent(new HttpRequestException("x", new SocketException((int)SocketError.HostNotFound))));
        Assert.False(ApifyResilience.NeverSent(new HttpRequestException("x", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)))));
        Assert.False(ApifyResilience.NeverSent(new HttpRequestException("The response ended prematurely.")));
    }
}
