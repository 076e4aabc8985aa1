using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server against the API's documented behaviour (the OpenAPI document), with a plain HttpClient:
/// these hold the server to the spec independently of the ApifyPS client.
/// </summary>
public class BuildsContractTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Get(string pathAndQuery, string? token = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUri, pathAndQuery));
        if (token != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token == "" ? _server.Token : token);
        using var response = await Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task List_has_the_documented_envelope_and_clamps_limit_to_1000()
    {
        var seed = _server.Seed("contract-list", 1001);
        var (status, body) = await Get($"/v2/actors/{seed.Actor}/builds?limit=5000&desc=1");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data");
        Assert.Equal(1001, data.GetProperty("total").GetInt32());
        Assert.Equal(0, data.GetProperty("offset").GetInt32());
        Assert.Equal(1000, data.GetProperty("limit").GetInt32());
        Assert.Equal(1000, data.GetProperty("count").GetInt32());
        Assert.True(data.GetProperty("desc").GetBoolean());
        var first = data.GetProperty("items")[0];
        Assert.Equal("0.0.1001", first.GetProperty("buildNumber").GetString());
        foreach (var field in new[] { "id", "status", "startedAt", "usageTotalUsd", "buildNumber" })
            Assert.True(first.TryGetProperty(field, out _), $"BuildShort requires '{field}'");
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("offset=-1")]
    [InlineData("desc=maybe")]
    public async Task Bad_query_values_are_400_with_the_error_envelope(string query)
    {
        var (status, body) = await Get("/v2/actor-builds?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid-parameter", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Missing_and_wrong_tokens_are_401()
    {
        var (missing, body1) = await Get("/v2/actor-builds", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal("token-not-provided", body1.GetProperty("error").GetProperty("type").GetString());
        var (wrong, body2) = await Get("/v2/actor-builds", token: "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal("invalid-token", body2.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Token_in_the_query_is_accepted_and_logged_as_such()
    {
        var seed = _server.Seed("contract-query-token", 1);
        _server.ClearRequests();
        var (status, _) = await Get($"/v2/acts/{seed.ActorId}/builds?token={_server.Token}", token: null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("query", Assert.Single(_server.Requests()).Auth);
    }

    [Fact]
    public async Task Unknown_ids_are_404_record_not_found()
    {
        foreach (var path in new[] { "/v2/actor-builds/nope", "/v2/actors/nope/builds", "/v2/actors/nobody~nothing/builds" })
        {
            var (status, body) = await Get(path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("record-not-found", body.GetProperty("error").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Seeding_100000_builds_is_quick_and_pages_stay_ordered()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var seed = _server.Seed("contract-bulk", 100_000);
        Assert.Equal(100_000, seed.Builds);
        var (_, body) = await Get($"/v2/actors/{seed.ActorId}/builds?offset=99998");
        var items = body.GetProperty("data").GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        Assert.True(string.CompareOrdinal(items[0].GetProperty("startedAt").GetString(), items[1].GetProperty("startedAt").GetString()) < 0);
        Assert.Equal("0.0.100000", items[1].GetProperty("buildNumber").GetString());
    }
}
