using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's resurrect, reboot, Store, validate-input and build OpenAPI routes against the OpenAPI document,
/// with a plain HttpClient: who may be resurrected or rebooted (and the errors of the others), the Store's filters and
/// item shape, validate-input's bare answer and its 400s, and the control route that sets an input schema.
/// </summary>
public class ReachContractTests(FastWaitEmulatorFixture fixture) : IClassFixture<FastWaitEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new();

    private EmulatorProcess.SeedResult Seed(object? extra = null, int builds = 1, int runs = 0) =>
        _server.Seed("rc" + Guid.NewGuid().ToString("N")[..10], builds, runs, extra);

    private async Task<(HttpResponseMessage Response, JsonElement Body)> Send(HttpMethod method, string pathAndQuery, string? json = null, bool auth = true)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, pathAndQuery));
        if (auth) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string ErrorType(JsonElement body) => body.GetProperty("error").GetProperty("type").GetString()!;

    private async Task<JsonElement> Until(string runId, Func<string, bool> status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (_, body) = await Send(HttpMethod.Get, $"/v2/actor-runs/{runId}?waitForFinish=1");
            var run = body.GetProperty("data");
            if (status(run.GetProperty("status").GetString()!)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"run {runId} stayed {run.GetProperty("status")}");
        }
    }

    private async Task<string> StartRun(string actor)
    {
        var (response, body) = await Send(HttpMethod.Post, $"/v2/actors/{actor}/runs");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("data").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_finished_run_is_resurrected_in_place_and_finishes_again()
    {
        var seed = Seed(new { runDurationMs = 200, runOutcome = "FAILED" });
        var id = await StartRun(seed.Actor);
        var failed = await Until(id, s => s == "FAILED");
        var (response, body) = await Send(HttpMethod.Post, $"/v2/actor-runs/{id}/resurrect?memory=2048&timeout=60");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = body.GetProperty("data");
        Assert.Equal(id, run.GetProperty("id").GetString());
        Assert.Equal("RUNNING", run.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("finishedAt").ValueKind);
        Assert.Equal(2048, run.GetProperty("options").GetProperty("memoryMbytes").GetInt32());
        Assert.Equal(failed.GetProperty("defaultDatasetId").GetString(), run.GetProperty("defaultDatasetId").GetString());
        await Until(id, s => s == "FAILED");
        // The Actor-scoped route too.
        var (scoped, _) = await Send(HttpMethod.Post, $"/v2/actors/{seed.ActorId}/runs/{id}/resurrect");
        Assert.Equal(HttpStatusCode.OK, scoped.StatusCode);
    }

    [Fact]
    public async Task Only_finished_runs_are_resurrected_and_only_running_ones_rebooted()
    {
        var seed = Seed(new { runDurationMs = 60_000 });
        var id = await StartRun(seed.Actor);
        await Until(id, s => s == "RUNNING");
        var (resurrect, resurrectBody) = await Send(HttpMethod.Post, $"/v2/actor-runs/{id}/resurrect");
        Assert.Equal(HttpStatusCode.BadRequest, resurrect.StatusCode);
        Assert.Equal("invalid-input", ErrorType(resurrectBody));
        var (reboot, rebootBody) = await Send(HttpMethod.Post, $"/v2/actor-runs/{id}/reboot");
        Assert.Equal(HttpStatusCode.OK, reboot.StatusCode);
        Assert.Equal("RUNNING", rebootBody.GetProperty("data").GetProperty("status").GetString());
        await Send(HttpMethod.Post, $"/v2/actor-runs/{id}/abort");
        await Until(id, s => s == "ABORTED");
        var (again, againBody) = await Send(HttpMethod.Post, $"/v2/actor-runs/{id}/reboot");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("invalid-input", ErrorType(againBody));
        var (missing, missingBody) = await Send(HttpMethod.Post, "/v2/actor-runs/NoSuchRun/resurrect");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("record-not-found", ErrorType(missingBody));
        var (badMemory, badMemoryBody) = await Send(HttpMethod.Post, $"/v2/actor-runs/{id}/resurrect?memory=300");
        Assert.Equal(HttpStatusCode.BadRequest, badMemory.StatusCode);
        Assert.Equal("invalid-input", ErrorType(badMemoryBody));
    }

    [Fact]
    public async Task The_Store_lists_public_Actors_with_its_filters_and_needs_no_token()
    {
        var word = "z" + Guid.NewGuid().ToString("N")[..8];
        var shown = _server.Seed(word + "-shown", 1);
        var hidden = _server.Seed(word + "-hidden", 1);
        var (put, _) = await Send(HttpMethod.Put, $"/v2/actors/{shown.ActorId}", "{\"isPublic\":true,\"categories\":[\"AI\"],\"title\":\"Shown " + word + "\"}");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var (response, body) = await Send(HttpMethod.Get, $"/v2/store?search={word}", auth: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = body.GetProperty("data");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var item = list.GetProperty("items")[0];
        foreach (var field in new[] { "id", "title", "name", "username", "stats" }) Assert.True(item.TryGetProperty(field, out _), $"StoreListActor requires '{field}'");
        Assert.Equal(shown.ActorId, item.GetProperty("id").GetString());
        Assert.Equal("FREE", item.GetProperty("currentPricingInfo").GetProperty("pricingModel").GetString());
        Assert.Equal(1, (await Send(HttpMethod.Get, $"/v2/store?search={word}&category=ai")).Body.GetProperty("data").GetProperty("total").GetInt32());
        Assert.Equal(0, (await Send(HttpMethod.Get, $"/v2/store?search={word}&category=ECOMMERCE")).Body.GetProperty("data").GetProperty("total").GetInt32());
        Assert.Equal(0, (await Send(HttpMethod.Get, $"/v2/store?search={word}&username=someone-else")).Body.GetProperty("data").GetProperty("total").GetInt32());
        Assert.Equal(0, (await Send(HttpMethod.Get, $"/v2/store?search={word}&pricingModel=PAY_PER_EVENT")).Body.GetProperty("data").GetProperty("total").GetInt32());
        var (bad, badBody) = await Send(HttpMethod.Get, "/v2/store?pricingModel=CHEAP");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid-parameter", ErrorType(badBody));
        Assert.DoesNotContain(hidden.ActorId, body.ToString());
    }

    [Fact]
    public async Task Validate_input_answers_valid_bare_and_400_for_input_that_does_not_fit_the_schema()
    {
        var seed = Seed();
        var (ok, okBody) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/validate-input", "{\"anything\":1}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(okBody.GetProperty("valid").GetBoolean());
        Assert.False(okBody.TryGetProperty("data", out _));
        var schema = "{\"actor\":\"" + seed.Actor + "\",\"schema\":{\"type\":\"object\",\"required\":[\"url\"],\"properties\":" +
                     "{\"url\":{\"type\":\"string\"},\"maxPages\":{\"type\":\"integer\",\"minimum\":1},\"mode\":{\"type\":\"string\",\"enum\":[\"fast\",\"slow\"],\"default\":\"fast\"}}}}";
        var set = await Http.PutAsync(new Uri(_server.BaseUri, "/__emulator/input-schema"), new StringContent(schema, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/validate-input", "{\"url\":\"https://example.com\",\"maxPages\":3}")).Response.StatusCode);
        foreach (var (input, says) in new[]
                 {
                     ("{\"maxPages\":3}", "input.url is required"),
                     ("{\"url\":5}", "input.url must be string"),
                     ("{\"url\":\"x\",\"maxPages\":0}", "input.maxPages must be >= 1"),
                     ("{\"url\":\"x\",\"mode\":\"medium\"}", "input.mode must be equal to one of the allowed values"),
                 })
        {
            var (response, body) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/validate-input", input);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid-input", ErrorType(body));
            Assert.Contains(says, body.GetProperty("error").GetProperty("message").GetString());
        }
        var (notObject, notObjectBody) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/validate-input", "[1]");
        Assert.Equal(HttpStatusCode.BadRequest, notObject.StatusCode);
        Assert.Equal("invalid-input", ErrorType(notObjectBody));
        var (noBuild, _) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/validate-input?build=9.9.9", "{}");
        Assert.Equal(HttpStatusCode.NotFound, noBuild.StatusCode);
    }

    [Fact]
    public async Task A_succeeded_build_answers_its_OpenAPI_document()
    {
        var seed = Seed(builds: 1);
        var (_, builds) = await Send(HttpMethod.Get, $"/v2/actors/{seed.Actor}/builds");
        var id = builds.GetProperty("data").GetProperty("items")[0].GetProperty("id").GetString()!;
        var (response, body) = await Send(HttpMethod.Get, $"/v2/actor-builds/{id}/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", body.GetProperty("openapi").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/v2/actor-builds/NoSuchBuild/openapi.json")).Response.StatusCode);
    }
}
