using System.Text;
using System.Text.Json;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Any endpoint through the request core (Invoke-ApifyRestMethod's core, RestClient) against the local server: the
/// data envelope unwrapped, every kind of list walked to its end with -All (offset lists, dataset items by their
/// headers, key lists by exclusiveStartKey) in as many requests as pages, bodies and headers, and the refusals that
/// come before any request.
/// </summary>
public class RestClientTests(FastWaitEmulatorFixture fixture) : IClassFixture<FastWaitEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client() => new(_server.Connection());

    private ApifyRestRequest Rest(string path, string method = "GET", IEnumerable<KeyValuePair<string, string>>? query = null, byte[]? body = null) =>
        ApifyRestRequest.Create(method, path, query, _server.BaseUri, body);

    private static JsonElement Element(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    private static KeyValuePair<string, string> Q(string name, string value) => new(name, value);

    private async Task<ApifyRun> FinishedRun(string actor)
    {
        var client = Client();
        var run = await client.Runs.StartAsync(actor, null);
        return (await client.Runs.WaitAsync(run.Id, new ApifyWaitOptions(), run)).Job;
    }

    private int RequestsTo(string path) => _server.Requests().Count(r => r.Path == path);

    [Fact]
    public async Task The_data_envelope_is_unwrapped_and_headers_and_status_come_back()
    {
        var answer = await Client().Rest.SendAsync(Rest("/v2/users/me"));
        Assert.Equal(200, answer.StatusCode);
        Assert.True(answer.IsJson);
        Assert.True(answer.HasData);
        using var data = JsonDocument.Parse(answer.Json);
        Assert.Equal("emulator-user", data.RootElement.GetProperty("username").GetString());
        Assert.Contains("application/json", answer.Headers["content-type"][0]);
    }

    [Fact]
    public async Task All_walks_an_offset_list_in_pages_of_a_thousand()
    {
        var actor = _server.Seed("r" + Guid.NewGuid().ToString("N")[..10], builds: 2500).Actor;
        var path = $"/v2/actors/{actor}/builds";
        _server.ClearRequests();
        var items = await Client().Rest.WalkAsync(Rest(path), Element).CollectAsync();
        Assert.Equal(2500, items.Count);
        Assert.Equal(2500, items.Select(i => i.GetProperty("id").GetString()).Distinct().Count());
        var queries = _server.Requests().Where(r => r.Path == path).Select(r => r.Query).ToList();
        Assert.Equal(new[] { "limit=1000", "offset=1000&limit=1000", "offset=2000&limit=1000" }, queries);
    }

    [Fact]
    public async Task All_walks_dataset_items_by_their_pagination_headers_from_the_offset_and_page_size_given()
    {
        var run = await FinishedRun(_server.Seed("r" + Guid.NewGuid().ToString("N")[..10], builds: 1, extra: new { runDurationMs = 50, datasetItemCount = 25 }).Actor);
        var path = $"/v2/actor-runs/{run.Id}/dataset/items";
        _server.ClearRequests();
        var items = await Client().Rest.WalkAsync(Rest(path, query: new[] { Q("limit", "10"), Q("offset", "3") }), Element).CollectAsync();
        Assert.Equal(22, items.Count);
        var queries = _server.Requests().Where(r => r.Path == path).Select(r => r.Query).ToList();
        Assert.Equal(new[] { "offset=3&limit=10", "offset=13&limit=10", "offset=23&limit=10" }, queries);
    }

    [Fact]
    public async Task All_walks_a_key_list_by_exclusiveStartKey()
    {
        var run = await FinishedRun(_server.Seed("r" + Guid.NewGuid().ToString("N")[..10], builds: 1, extra: new { runDurationMs = 50, recordCount = 25 }).Actor);
        var path = $"/v2/actor-runs/{run.Id}/key-value-store/keys";
        var expected = (await Client().KeyValueStores.ListKeysAsync(run.DefaultKeyValueStoreId!, new KeyPageRequest()).CollectAsync()).Select(k => k.Key).ToList();
        _server.ClearRequests();
        var items = await Client().Rest.WalkAsync(Rest(path, query: new[] { Q("limit", "10") }), Element).CollectAsync();
        Assert.Equal(expected, items.Select(i => i.GetProperty("key").GetString()!).ToList());
        var queries = _server.Requests().Where(r => r.Path == path).Select(r => r.Query).ToList();
        Assert.Equal((expected.Count + 9) / 10, queries.Count);
        Assert.Equal("limit=10", queries[0]);
        Assert.All(queries.Skip(1), q => Assert.StartsWith("exclusiveStartKey=", q));
    }

    [Fact]
    public async Task All_on_an_answer_that_is_not_a_list_is_an_error_after_one_request()
    {
        _server.ClearRequests();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Rest.WalkAsync(Rest("/v2/users/me"), Element).CollectAsync());
        Assert.Equal(ApifyErrorTypes.InvalidResponse, ex.ErrorType);
        Assert.Contains("Call it without -All", ex.Message);
        Assert.Equal(1, RequestsTo("/v2/users/me"));
    }

    [Fact]
    public async Task A_body_is_sent_as_given_and_a_create_answers_with_its_location()
    {
        var actor = _server.Seed("r" + Guid.NewGuid().ToString("N")[..10], builds: 1).Actor;
        var answer = await Client().Rest.SendAsync(Rest($"/v2/acts/{actor}/runs", "POST", new[] { Q("memory", "256") },
            Encoding.UTF8.GetBytes("{\"startUrls\":[{\"url\":\"https://example.com\"}]}")));
        Assert.Equal(201, answer.StatusCode);
        Assert.Contains("/v2/actor-runs/", answer.Headers["Location"][0]);
        var logged = _server.Requests().Last(r => r.Method == "POST" && r.Path == $"/v2/acts/{actor}/runs");
        Assert.Equal("memory=256", logged.Query);
        Assert.Equal("https://example.com", logged.Body!.Value.GetProperty("startUrls")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task An_error_answer_is_the_APIs_error()
    {
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Rest.SendAsync(Rest("/v2/actor-builds/NoSuchBuild")));
        Assert.Equal("record-not-found", ex.ErrorType);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task A_bare_JSON_answer_is_kept_whole()
    {
        var build = (await Client().Builds.ListAsync(_server.Seed("r" + Guid.NewGuid().ToString("N")[..10], builds: 1).Actor, new PageRequest()).CollectAsync()).Single();
        var answer = await Client().Rest.SendAsync(Rest($"/v2/actor-builds/{build.Id}/openapi.json"));
        Assert.False(answer.HasData);
        using var doc = JsonDocument.Parse(answer.Json);
        Assert.Equal("3.0.1", doc.RootElement.GetProperty("openapi").GetString());
    }

    [Theory]
    [InlineData("/users/me", "Path", "/v2/")]
    [InlineData("https://evil.example/v2/users/me", "Path", "not the API this connection uses")]
    [InlineData("/v2/actors/../users/me", "Path", "'..'")]
    [InlineData("/v2/actors/a%2Fb", "Path", "'/'")]
    [InlineData("/v2/actors//runs", "Path", "empty")]
    [InlineData("/v2/users/me#top", "Path", "fragment")]
    public void Bad_paths_are_refused_before_any_request(string path, string parameter, string says)
    {
        var ex = Assert.Throws<ArgumentException>(() => Rest(path));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains(says, ex.Message);
    }

    [Fact]
    public void A_body_with_GET_and_an_unknown_method_are_refused()
    {
        Assert.Equal("Body", Assert.Throws<ArgumentException>(() => Rest("/v2/users/me", "GET", body: new byte[] { 1 })).ParamName);
        Assert.Equal("Method", Assert.Throws<ArgumentException>(() => Rest("/v2/users/me", "PATCH")).ParamName);
    }

    [Fact]
    public void A_path_is_rebuilt_part_by_part_with_its_query_and_an_absolute_URL_on_the_same_API_is_taken()
    {
        var rest = Rest("/v2/actors/janedoe~my%20actor/runs?status=SUCCEEDED&desc=1", query: new[] { Q("limit", "5") });
        Assert.Equal("/v2/actors/janedoe~my%20actor/runs", rest.Path.Value);
        Assert.Equal("?status=SUCCEEDED&desc=1&limit=5", rest.QueryWithout().ToString());
        Assert.Equal("actors/janedoe~my%20actor", rest.Path.RateResource);
        var absolute = Rest(new Uri(_server.BaseUri, "/v2/users/me?x=1").AbsoluteUri);
        Assert.Equal("/v2/users/me", absolute.Path.Value);
        Assert.Equal("?x=1", absolute.QueryWithout().ToString());
    }

    [Fact]
    public void Each_method_declares_its_policy_and_a_POST_what_to_check()
    {
        var rest = Client().Rest;
        Assert.Equal(ApifyRequestKind.Read, rest.RequestFor(Rest("/v2/actor-runs"), new ApifyQuery(), false).Kind);
        var poll = rest.RequestFor(Rest("/v2/actor-runs/abc", query: new[] { Q("waitForFinish", "20") }), new ApifyQuery(), false);
        Assert.Equal(ApifyRequestKind.LongPoll, poll.Kind);
        Assert.Equal(20, poll.LongPollSeconds);
        Assert.Equal(ApifyRequestKind.Write, rest.RequestFor(Rest("/v2/datasets/abc", "DELETE"), new ApifyQuery(), false).Kind);
        Assert.Equal(ApifyRequestKind.Write, rest.RequestFor(Rest("/v2/actor-runs/abc/abort", "POST"), new ApifyQuery(), false).Kind);
        var create = rest.RequestFor(Rest("/v2/datasets", "POST"), new ApifyQuery(), false);
        Assert.Equal(ApifyRequestKind.Create, create.Kind);
        Assert.Equal("Invoke-ApifyRestMethod -Path '/v2/datasets'", ApifyPS.Cmdlets.OutcomeCheckCommand.Render(create.OutcomeCheck!));
        var start = rest.RequestFor(Rest("/v2/acts/a~b/runs", "POST"), new ApifyQuery(), false);
        Assert.Equal(ApifyRateLane.Starts, start.Policy.Lane);
        var resurrect = rest.RequestFor(Rest("/v2/actor-runs/abc/resurrect", "POST"), new ApifyQuery(), false);
        Assert.Equal("Invoke-ApifyRestMethod -Path '/v2/actor-runs/abc'", ApifyPS.Cmdlets.OutcomeCheckCommand.Render(resurrect.OutcomeCheck!));
        var runSync = rest.RequestFor(Rest("/v2/acts/a~b/run-sync", "GET"), new ApifyQuery(), false);
        Assert.Equal(ApifyRequestKind.Create, runSync.Kind);
        Assert.Equal(ApifyTimeoutTier.RunSync, runSync.Policy.Timeout);
    }
}
