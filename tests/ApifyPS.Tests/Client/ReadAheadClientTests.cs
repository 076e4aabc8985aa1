using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Read-ahead of lists (ApifyClient.ListAsync with ApifyClientOptions.ReadAheadAt) over real HTTP: it never changes
/// what a walk yields or which pages it asks for, and a page read ahead is cancelled the moment the consumer stops.
/// </summary>
public class ReadAheadClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client(double? readAheadAt) => new(_server.Connection(), new ApifyClientOptions { ReadAheadAt = readAheadAt });

    private EmulatorProcess.SeedResult Seed(int builds) => _server.Seed("ra" + Guid.NewGuid().ToString("N")[..10], builds);

    /// <summary>Builds generated on the fly whose pages from <paramref name="slowFromOffset"/> on are held for a minute.</summary>
    private EmulatorProcess.SeedResult SeedSlow(int builds, int slowFromOffset) =>
        _server.Seed("slow" + Guid.NewGuid().ToString("N")[..10], extra: new
        {
            generatedBuilds = builds, generatedDelayMs = 60_000, generatedDelayFromOffset = slowFromOffset,
        });

    public static TheoryData<double?, bool> Settings => new()
    {
        { null, false }, { 0.0, false }, { 0.5, false }, { 1.0, false }, { 0.0, true }, { 0.5, true },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Never_changes_order_count_or_the_pages_asked_for(double? readAheadAt, bool descending)
    {
        var seed = Seed(2345);
        _server.ClearRequests();
        var builds = await Client(readAheadAt).Builds.ListAsync(seed.Actor, new PageRequest { PageSize = 100, Descending = descending }).CollectAsync();
        var numbers = Enumerable.Range(1, 2345).Select(n => "0.0." + n);
        Assert.Equal(descending ? numbers.Reverse() : numbers, builds.Select(b => b.BuildNumber));
        var expected = Enumerable.Range(0, 24).Select(p => (p == 0 ? "" : $"offset={p * 100}&") + "limit=100" + (descending ? "&desc=true" : ""));
        Assert.Equal(expected, _server.Requests().Select(r => r.Query));
    }

    [Theory]
    [InlineData(2000, 3)] // a full last page: one more (empty) request proves the end, as without read-ahead
    [InlineData(2500, 3)]
    [InlineData(1000, 2)]
    [InlineData(999, 1)]
    public async Task A_whole_walk_makes_exactly_the_requests_of_a_lazy_one(int builds, int requests)
    {
        var seed = Seed(builds);
        _server.ClearRequests();
        var listed = await Client(0.0).Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync();
        Assert.Equal(builds, listed.Count);
        Assert.Equal(requests, _server.Requests().Count);
    }

    [Fact]
    public async Task Works_with_first_and_skip_and_never_asks_past_first()
    {
        var seed = Seed(1000);
        _server.ClearRequests();
        var builds = await Client(0.0).Builds.ListAsync(seed.Actor, new PageRequest { Skip = 150, First = 420, PageSize = 100 }).CollectAsync();
        Assert.Equal(Enumerable.Range(151, 420).Select(n => "0.0." + n), builds.Select(b => b.BuildNumber));
        Assert.Equal(new[] { "offset=150&limit=100", "offset=250&limit=100", "offset=350&limit=100", "offset=450&limit=100", "offset=550&limit=20" },
            _server.Requests().Select(r => r.Query));
    }

    [Fact]
    public async Task Does_not_read_ahead_before_the_consumer_reaches_the_read_ahead_point()
    {
        var seed = Seed(1500);
        _server.ClearRequests();
        var taken = await Client(0.5).Builds.ListAsync(seed.Actor, new PageRequest { PageSize = 100 }).CollectAsync(take: 50);
        Assert.Equal(50, taken.Count);
        Assert.Equal("limit=100", Assert.Single(_server.Requests()).Query);
    }

    [Theory]
    [InlineData(null, 100)] // the server's 1000-item pages: a tenth
    [InlineData(200, 50)]   // never before 50 items
    [InlineData(30, 30)]    // pages of 50 or fewer are never read ahead
    public async Task By_default_reads_ahead_after_a_tenth_of_the_page_and_never_before_50_items(int? pageSize, int taken)
    {
        var seed = Seed(2500);
        _server.ClearRequests();
        var builds = await new ApifyClient(_server.Connection()).Builds.ListAsync(seed.Actor, new PageRequest { PageSize = pageSize }).CollectAsync(take: taken);
        Assert.Equal(taken, builds.Count);
        Assert.Single(_server.Requests());
    }

    private static bool PastWindow(ApifyBuild b) => int.Parse(b.BuildNumber!.Split('.')[2]) >= 160;

    [Fact]
    public async Task Does_not_read_ahead_of_a_page_whose_last_item_ends_the_walk()
    {
        // As a filtered walk does: it stops at the first item past its time window (here from build 160 on).
        var seed = Seed(1000);
        _server.ClearRequests();
        var taken = new List<ApifyBuild>();
        await foreach (var b in Client(0.0).ListAsync<ApifyBuild>(ApifyPath.V2.Add("actors").Add(PathSegment.ActorId, seed.Actor).Add("builds"), null, new PageRequest { PageSize = 100 },
            PastWindow))
        {
            if (PastWindow(b)) break;
            taken.Add(b);
        }
        Assert.Equal(159, taken.Count);
        Assert.Equal(new[] { "limit=100", "offset=100&limit=100" }, _server.Requests().Select(r => r.Query));
    }

    [Fact]
    public async Task A_page_read_ahead_is_cancelled_when_the_consumer_stops()
    {
        // Page 2 (offset 100) is held by the server for a minute: it is still in flight when the consumer stops.
        var seed = SeedSlow(1000, slowFromOffset: 100);
        _server.ClearRequests();
        var stream = Client(0.5).Builds.ListAsync(seed.Actor, new PageRequest { PageSize = 100 });
        var taken = new List<ApifyBuild>();
        await using (var e = stream.GetAsyncEnumerator())
        {
            while (taken.Count < 60 && await e.MoveNextAsync()) taken.Add(e.Current);
            Assert.True(EmulatorProcess.WaitUntil(() => _server.ActiveRequests().Any(r => r.Query.Contains("offset=100")), Deadline),
                "the read-ahead of page 2 never reached the server");
        } // the consumer stops here
        Assert.True(EmulatorProcess.WaitUntil(() => _server.ActiveRequests().Count == 0, Deadline),
            "the page read ahead was not cancelled when the consumer stopped");
        Assert.Equal(60, taken.Count);
        Assert.Equal(new[] { "limit=100", "offset=100&limit=100" }, _server.Requests().Select(r => r.Query));
    }

    [Fact]
    public async Task Cancelling_the_token_ends_a_wait_for_a_page_read_ahead()
    {
        var seed = SeedSlow(1000, slowFromOffset: 100);
        _server.ClearRequests();
        using var cts = new CancellationTokenSource();
        var stream = Client(0.5).Builds.ListAsync(seed.Actor, new PageRequest { PageSize = 100 }, cts.Token);
        var count = 0;
        var walk = Task.Run(async () =>
        {
            await foreach (var _ in stream) count++;
        });
        Assert.True(EmulatorProcess.WaitUntil(() => _server.ActiveRequests().Any(r => r.Query.Contains("offset=100")), Deadline));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => walk);
        Assert.Equal(100, count);
        Assert.True(EmulatorProcess.WaitUntil(() => _server.ActiveRequests().Count == 0, Deadline));
        Assert.Equal(2, _server.Requests().Count);
    }
}
