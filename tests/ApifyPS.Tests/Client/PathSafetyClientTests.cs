using System.Text.Json;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Every path part goes through one segment builder: a value that would not stay exactly one segment ('', '.', '..',
/// '/', '%2e%2e', a control character) is refused before any request, and what is sent, logged and reported is the
/// URI that was built. Against the local server over real HTTP; its request log shows that nothing was sent.
/// </summary>
public class PathSafetyClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    // The error type the core uses for a refused segment (a literal, so the test also reads the old code's behaviour).
    private const string InvalidPathSegment = "invalid-path-segment";

    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client(List<string>? verbose = null) =>
        new(_server.Connection(), new ApifyClientOptions { Verbose = verbose == null ? null : verbose.Add, MaxRetries = 0 });

    private static string NewName() => "p-" + Guid.NewGuid().ToString("N")[..12];

    public static readonly TheoryData<string> Refused = new()
    {
        "", ".", "..", "%2e", "%2E%2e", ".%2e", "%252e%252e", "a/b", "/", "a\\b", "a%2Fb", "a%5cb", "a\nb", "\0", "tab\there",
        "\u007f", "\u0085", "\uff0e\uff0e", "\u2025", "a\uff0fb",
    };

    public static readonly TheoryData<string> Kept = new()
    {
        "abc", "janedoe~my-actor", "0.1", "MY_VAR", "OUTPUT", "a b", "100%", "...", ".a", "a.", "a..b", "it's(1)!", "日本語", "\U0001F600", "%zz",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_value_that_would_not_stay_one_segment_is_refused(string value)
    {
        Assert.NotNull(PathSegment.ProblemOf(value));
        var ex = Assert.Throws<ApifyPathException>(() => ApifyPath.V2.Add("actors").Add(PathSegment.ActorId, value));
        Assert.Equal(InvalidPathSegment, ex.ErrorType);
        Assert.Same(PathSegment.ActorId, ex.Segment);
        Assert.Equal(value, ex.Value);
        Assert.Contains("is not a valid Actor id or username~name", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Text_that_is_not_valid_utf16_is_refused_not_replaced()
    {
        // Inline: theory data would pass through serialization, which replaces lone surrogates with U+FFFD.
        foreach (var value in new[] { "\ud800", "x\udc00", "\udc00\ud800" })
        {
            var ex = Assert.Throws<ApifyPathException>(() => PathSegment.RecordKey.Escape(value));
            Assert.Contains("lone surrogate", ex.Message);
            Assert.Contains("\\u", ex.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Kept))]
    public void Any_other_value_is_one_escaped_segment_sent_exactly_as_built(string value)
    {
        Assert.Null(PathSegment.ProblemOf(value));
        var path = ApifyPath.V2.Add("key-value-stores").Add(PathSegment.StoreId, "s").Add("records").Add(PathSegment.RecordKey, value);
        Assert.Equal("/v2/key-value-stores/s/records/" + Uri.EscapeDataString(value), path.Value);
        var uri = path.ToUri(new Uri("https://api.example.com/apify/"), new ApifyQuery().Add("q", "a b"));
        Assert.Equal("https://api.example.com/apify" + path.Value + "?q=a%20b", uri.AbsoluteUri);
        Assert.Equal("/apify" + path.Value + "?q=a%20b", uri.PathAndQuery);
        Assert.Equal(value, Uri.UnescapeDataString(uri.Segments[^1]));
    }

    [Fact]
    public void Fixed_parts_are_only_the_api_s_own_words()
    {
        Assert.Equal("/v2/actors/x/run-sync", ApifyPath.V2.Add("actors").Add(PathSegment.ActorId, "x").Add("run-sync").Value);
        Assert.Equal("/v2/actor-builds/b/openapi.json", ApifyPath.V2.Add("actor-builds").Add(PathSegment.BuildId, "b").Add("openapi.json").Value);
        foreach (var bad in new[] { "", ".", "..", "a/b", "Actors", "x?y", "%2e" })
            Assert.Throws<ArgumentException>(() => ApifyPath.V2.Add(bad));
        Assert.Equal("actorId", PathSegment.Named("actorId").Name);
        Assert.Throws<ArgumentException>(() => PathSegment.Named("nope"));
    }

    [Fact]
    public async Task Get_actor_with_a_dot_id_sends_nothing()
    {
        _server.ClearRequests();
        var ex = await Assert.ThrowsAnyAsync<ApifyException>(() => Client().Actors.GetAsync("."));
        Assert.Equal(InvalidPathSegment, ex.ErrorType);
        Assert.Contains("'.' is not a valid Actor id", ex.Message);
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task Delete_actor_with_a_dot_dot_id_sends_nothing()
    {
        _server.ClearRequests();
        var ex = await Assert.ThrowsAnyAsync<ApifyException>(() => Client().Actors.DeleteAsync(".."));
        Assert.Equal(InvalidPathSegment, ex.ErrorType);
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task Removing_the_environment_variable_dot_dot_sends_nothing_and_the_version_stays()
    {
        var actor = await Client().Actors.CreateAsync(new ApifyBody().Set("name", NewName()).Set("versions", new List<object?>
        {
            new ApifyBody().Set("versionNumber", "0.1").Set("sourceType", "TARBALL").Set("tarballUrl", "https://e.com/a.zip"),
        }));
        var set = new[] { new ApifyBody().Set("name", "KEPT").Set("value", "1") };
        _server.ClearRequests();
        var ex = await Assert.ThrowsAnyAsync<ApifyException>(() =>
            Client().ActorVersions.SetEnvironmentVariablesAsync(actor.Id, "0.1", set, new[] { "GONE", ".." }));
        Assert.Equal(InvalidPathSegment, ex.ErrorType);
        Assert.Contains("'..' is not a valid environment variable name", ex.Message);
        // Not even the list, the create of KEPT or the delete of GONE that come before it.
        Assert.Empty(_server.Requests());
        Assert.Equal("0.1", (await Client().ActorVersions.GetAsync(actor.Id, "0.1")).VersionNumber);
    }

    [Fact]
    public async Task An_id_read_from_the_server_is_refused_before_it_is_used_in_a_path()
    {
        // A run as the API would answer it, whose default dataset id is '..' (and a build whose id is '.').
        var run = JsonSerializer.Deserialize<DataEnvelope<ApifyRun>>(
            """{"data":{"id":"abc","actId":"x","status":"SUCCEEDED","defaultDatasetId":"..","defaultKeyValueStoreId":"a/b"}}""", ApifyJson.Options)!.Data!;
        var build = JsonSerializer.Deserialize<DataEnvelope<ApifyBuild>>("""{"data":{"id":".","status":"RUNNING"}}""", ApifyJson.Options)!.Data!;
        _server.ClearRequests();
        var dataset = await Assert.ThrowsAnyAsync<ApifyException>(async () =>
            await Client().Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), null, new PageRequest(), (ref Utf8JsonReader r) => r.GetString())
                .CollectAsync(1));
        Assert.Equal(InvalidPathSegment, dataset.ErrorType);
        var store = await Assert.ThrowsAnyAsync<ApifyException>(() =>
            Client().KeyValueStores.GetRecordAsync(ApifyStorageRef.KeyValueStore(run.DefaultKeyValueStoreId!), "OUTPUT"));
        Assert.Equal(InvalidPathSegment, store.ErrorType);
        var wait = await Assert.ThrowsAnyAsync<ApifyException>(() =>
            Client().Builds.WaitAsync(build.Id, new ApifyWaitOptions { Timeout = TimeSpan.FromSeconds(1) }, build));
        Assert.Equal(InvalidPathSegment, wait.ErrorType);
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task What_is_logged_and_reported_is_the_path_the_server_received()
    {
        var verbose = new List<string>();
        _server.ClearRequests();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() =>
            Client(verbose).KeyValueStores.GetRecordAsync(ApifyStorageRef.KeyValueStore("no~store"), "a b%c"));
        var sent = Assert.Single(_server.Requests());
        Assert.Equal("/v2/key-value-stores/no~store/records/a%20b%25c", sent.RawPath);
        Assert.Equal(sent.RawPath, ex.Path);
        Assert.Contains($"GET {sent.RawPath} ", ex.Message);
        Assert.StartsWith($"GET {sent.RawPath} -> 404 ", Assert.Single(verbose));
    }
}
