using System.Net;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>The client core against the local server over real HTTP: envelope, paging, errors, auth.</summary>
public class BuildsClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client(string? token = null) => new(_server.Connection(token));

    private EmulatorProcess.SeedResult Seed(int builds) => _server.Seed("a" + Guid.NewGuid().ToString("N")[..10], builds);

    [Fact]
    public async Task Lists_2500_builds_in_order_in_three_requests_advancing_by_items_received()
    {
        var seed = Seed(2500);
        _server.ClearRequests();
        var builds = await Client().Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync();
        Assert.Equal(2500, builds.Count);
        Assert.Equal(builds.OrderBy(b => b.StartedAt).Select(b => b.Id), builds.Select(b => b.Id));
        var requests = _server.Requests();
        Assert.Equal(3, requests.Count);
        Assert.Equal(new[] { "", "offset=1000", "offset=2000" }, requests.Select(r => r.Query));
    }

    [Fact]
    public async Task Fetches_the_next_page_only_when_asked_past_the_current_one()
    {
        // With read-ahead off; ReadAheadClientTests covers when a page is asked for early.
        var seed = Seed(1500);
        _server.ClearRequests();
        var lazy = new ApifyClient(_server.Connection(), new ApifyClientOptions { ReadAheadAt = null });
        var first = await lazy.Builds.ListAsync(seed.Actor, new PageRequest { PageSize = 100 }).CollectAsync(take: 100);
        Assert.Equal(100, first.Count);
        Assert.Single(_server.Requests());
        _server.ClearRequests();
        var more = await lazy.Builds.ListAsync(seed.Actor, new PageRequest { PageSize = 100 }).CollectAsync(take: 101);
        Assert.Equal(101, more.Count);
        Assert.Equal(2, _server.Requests().Count);
    }

    [Fact]
    public async Task First_and_skip_map_onto_offset_and_limit()
    {
        var seed = Seed(50);
        _server.ClearRequests();
        var builds = await Client().Builds.ListAsync(seed.Actor, new PageRequest { Skip = 45, First = 3 }).CollectAsync();
        Assert.Equal(new[] { "0.0.46", "0.0.47", "0.0.48" }, builds.Select(b => b.BuildNumber));
        Assert.Equal("offset=45&limit=3", Assert.Single(_server.Requests()).Query);
    }

    [Fact]
    public async Task Uses_the_limit_the_server_answers_with_when_it_clamps()
    {
        // -PageSize above the server's maximum: the server answers limit=1000 and the walk goes on.
        var seed = Seed(1200);
        _server.ClearRequests();
        var builds = await Client().Builds.ListAsync(seed.Actor, new PageRequest { First = 1100 }).CollectAsync();
        Assert.Equal(1100, builds.Count);
        Assert.Equal(new[] { "limit=1100", "offset=1000&limit=100" }, _server.Requests().Select(r => r.Query));
    }

    [Fact]
    public async Task Reports_the_total_from_the_first_page()
    {
        var seed = Seed(7);
        long? total = null;
        var builds = await Client().Builds.ListAsync(seed.Actor, new PageRequest { First = 2, OnTotal = t => total = t }).CollectAsync();
        Assert.Equal(2, builds.Count);
        Assert.Equal(7, total);
    }

    [Fact]
    public async Task Reads_a_full_build_from_the_data_envelope()
    {
        var seed = Seed(1);
        var listed = Assert.Single(await Client().Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync());
        var build = await Client().Builds.GetAsync(listed.Id);
        Assert.Equal(listed.Id, build.Id);
        Assert.Equal(seed.ActorId, build.ActorId);
        Assert.Equal("SUCCEEDED", build.Status);
        Assert.Equal(DateTimeKind.Utc, build.StartedAt.Kind);
        Assert.True(build.FinishedAt > build.StartedAt);
        Assert.NotNull(build.Stats?.DurationMillis);
        Assert.Equal("API", build.Origin);
        Assert.Equal("0.0", build.ActorVersion?.VersionNumber);
    }

    [Fact]
    public async Task Unknown_build_is_a_typed_404()
    {
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Builds.GetAsync("NoSuchBuild"));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("record-not-found", ex.ErrorType);
        Assert.Equal("NoSuchBuild", ex.TargetId);
    }

    [Fact]
    public async Task Wrong_token_is_a_typed_401_without_the_token()
    {
        const string wrong = "wrong_token_1234567890";
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client(wrong).Builds.ListAsync(null, new PageRequest()).CollectAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("invalid-token", ex.ErrorType);
        Assert.DoesNotContain(wrong, ex.Message);
    }

    [Fact]
    public async Task Sends_the_token_only_in_the_authorization_header()
    {
        var seed = Seed(3);
        _server.ClearRequests();
        var builds = await Client().Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync();
        await Client().Builds.GetAsync(builds[0].Id);
        var requests = _server.Requests();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("header", r.Auth));
        Assert.All(requests, r => Assert.DoesNotContain(_server.Token, r.Query));
    }

    [Fact]
    public async Task Connection_failure_is_a_typed_error()
    {
        // A port nothing listens on: bind one, note it, close it.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        // A refused connection is retried (nothing was sent): keep the backoff tiny.
        var client = new ApifyClient(new ApifyConnection(new Uri($"http://127.0.0.1:{port}"), "t", ApifyConnectionSource.Parameter),
            new ApifyClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(2) });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => client.Builds.GetAsync("x"));
        Assert.Equal(ApifyErrorTypes.ConnectionFailed, ex.ErrorType);
        Assert.Null(ex.StatusCode);
    }
}
