using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's job endpoints against the OpenAPI document, with a plain HttpClient: 201 + Location on
/// creation, the Run/Build shapes, 400 with the error envelope on bad input, abort semantics, list filters.
/// </summary>
public class LifecycleContractTests(FastWaitEmulatorFixture fixture) : IClassFixture<FastWaitEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new();

    private EmulatorProcess.SeedResult Seed(int builds = 1, int runs = 0, object? extra = null) =>
        _server.Seed("c" + Guid.NewGuid().ToString("N")[..10], builds, runs, extra);

    private async Task<(HttpResponseMessage Response, JsonElement Body)> Send(HttpMethod method, string pathAndQuery, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string ErrorType(JsonElement body) => body.GetProperty("error").GetProperty("type").GetString()!;

    [Fact]
    public async Task Starting_a_build_answers_201_with_Location_and_a_READY_build()
    {
        var seed = Seed();
        var (response, body) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/builds?version=0.0&useCache=1&tag=beta");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var build = body.GetProperty("data");
        var id = build.GetProperty("id").GetString()!;
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/actor-builds/{id}"), response.Headers.Location);
        Assert.Contains(build.GetProperty("status").GetString(), new[] { "READY", "RUNNING" });
        Assert.True(build.GetProperty("options").GetProperty("useCache").GetBoolean());
        Assert.Equal("beta", build.GetProperty("actVersion").GetProperty("buildTag").GetString());
        Assert.Equal("0.0.2", build.GetProperty("buildNumber").GetString());
    }

    [Fact]
    public async Task Starting_a_run_answers_201_with_Location_and_the_Run_shape()
    {
        var seed = Seed();
        var (response, body) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/runs?memory=512&timeout=30", "{\"a\":1}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = body.GetProperty("data");
        var id = run.GetProperty("id").GetString()!;
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/actor-runs/{id}"), response.Headers.Location);
        foreach (var field in new[] { "id", "actId", "userId", "startedAt", "status", "meta", "stats", "options", "buildId",
                     "defaultKeyValueStoreId", "defaultDatasetId", "defaultRequestQueueId", "generalAccess" })
            Assert.True(run.TryGetProperty(field, out _), $"Run requires '{field}'");
        Assert.Equal(512, run.GetProperty("options").GetProperty("memoryMbytes").GetInt32());
        Assert.Equal(30, run.GetProperty("options").GetProperty("timeoutSecs").GetInt32());
        Assert.Equal("API", run.GetProperty("meta").GetProperty("origin").GetString());
        await Send(HttpMethod.Post, $"/v2/actor-runs/{id}/abort");
    }

    [Theory]
    [InlineData("runs?memory=100", "invalid-input")]
    [InlineData("runs?memory=1000", "invalid-input")]
    [InlineData("runs?timeout=-1", "invalid-input")]
    [InlineData("runs?waitForFinish=soon", "invalid-input")]
    [InlineData("runs?build=9.9.9", "invalid-input")]
    [InlineData("runs?webhooks=bm90IGpzb24=", "invalid-input")]
    [InlineData("runs?webhooks=W3siZXZlbnRUeXBlcyI6W119XQ==", "invalid-input")]
    [InlineData("builds", "invalid-input")]
    [InlineData("builds?version=0.0&useCache=perhaps", "invalid-parameter")]
    public async Task Bad_start_input_is_400_with_the_error_envelope(string suffix, string type)
    {
        var seed = Seed();
        _server.ClearRequests();
        var (response, body) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/{suffix}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(type, ErrorType(body));
        // Nothing was started.
        var (_, runs) = await Send(HttpMethod.Get, $"/v2/actors/{seed.Actor}/runs");
        Assert.Equal(0, runs.GetProperty("data").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unknown_version_is_404()
    {
        var seed = Seed();
        var (response, body) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/builds?version=7.7");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("record-not-found", ErrorType(body));
    }

    [Theory]
    [InlineData("waitForFinish=-1")]
    [InlineData("waitForFinish=abc")]
    public async Task Bad_waitForFinish_on_get_is_400(string query)
    {
        var seed = Seed(runs: 1);
        var (_, list) = await Send(HttpMethod.Get, $"/v2/actors/{seed.Actor}/runs");
        var id = list.GetProperty("data").GetProperty("items")[0].GetProperty("id").GetString();
        var (response, body) = await Send(HttpMethod.Get, $"/v2/actor-runs/{id}?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-parameter", ErrorType(body));
    }

    [Fact]
    public async Task Long_poll_is_held_up_to_the_lowered_maximum_and_answers_at_once_when_finished()
    {
        var seed = Seed(runs: 1, extra: new { runDurationMs = 60_000 });
        var (_, started) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/runs");
        var id = started.GetProperty("data").GetProperty("id").GetString();
        // Asked for 60 s; the server (--max-wait-for-finish 1) answers with the run still going.
        var (response, body) = await Send(HttpMethod.Get, $"/v2/actor-runs/{id}?waitForFinish=60");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(body.GetProperty("data").GetProperty("status").GetString(), new[] { "READY", "RUNNING" });
        await Send(HttpMethod.Post, $"/v2/actor-runs/{id}/abort");
    }

    [Fact]
    public async Task Abort_only_changes_READY_and_RUNNING_jobs()
    {
        var seed = Seed(runs: 1, extra: new { runDurationMs = 60_000, abortDurationMs = 60_000 });
        var (_, list) = await Send(HttpMethod.Get, $"/v2/actors/{seed.Actor}/runs");
        var finishedId = list.GetProperty("data").GetProperty("items")[0].GetProperty("id").GetString();
        var (finished, finishedBody) = await Send(HttpMethod.Post, $"/v2/actor-runs/{finishedId}/abort");
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal("SUCCEEDED", finishedBody.GetProperty("data").GetProperty("status").GetString());

        var (_, started) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/runs");
        var id = started.GetProperty("data").GetProperty("id").GetString();
        var (_, aborting) = await Send(HttpMethod.Post, $"/v2/actor-runs/{id}/abort");
        Assert.Equal("ABORTING", aborting.GetProperty("data").GetProperty("status").GetString());
        // ABORTING is left alone too (the API: "does nothing").
        var (_, again) = await Send(HttpMethod.Post, $"/v2/actors/{seed.Actor}/runs/{id}/abort?gracefully=true");
        Assert.Equal("ABORTING", again.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("Aborting", again.GetProperty("data").GetProperty("statusMessage").GetString());
    }

    [Fact]
    public async Task Runs_lists_filter_by_status_and_start_time()
    {
        var seed = Seed(runs: 6, extra: new { runStatuses = new[] { "SUCCEEDED", "FAILED" } });
        var (_, all) = await Send(HttpMethod.Get, $"/v2/actors/{seed.Actor}/runs");
        var items = all.GetProperty("data").GetProperty("items").EnumerateArray().ToList();
        var (_, failed) = await Send(HttpMethod.Get, $"/v2/actors/{seed.Actor}/runs?status=FAILED&desc=1");
        var data = failed.GetProperty("data");
        Assert.Equal(3, data.GetProperty("total").GetInt32());
        Assert.All(data.GetProperty("items").EnumerateArray(), r => Assert.Equal("FAILED", r.GetProperty("status").GetString()));
        var after = Uri.EscapeDataString(items[1].GetProperty("startedAt").GetString()!);
        var before = Uri.EscapeDataString(items[3].GetProperty("startedAt").GetString()!);
        var (_, window) = await Send(HttpMethod.Get, $"/v2/actor-runs?startedAfter={after}&startedBefore={before}&status=SUCCEEDED,FAILED");
        // The user's runs: other tests on this server add runs of their own Actors, so only this Actor's are compared.
        var actorId = items[0].GetProperty("actId").GetString();
        Assert.Equal(new[] { 1, 2, 3 }.Select(i => items[i].GetProperty("id").GetString()),
            window.GetProperty("data").GetProperty("items").EnumerateArray()
                .Where(r => r.GetProperty("actId").GetString() == actorId).Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Run_sync_answers_with_the_OUTPUT_record_as_stored()
    {
        var seed = Seed(extra: new { runDurationMs = 100, output = "aGVsbG8=", outputContentType = "application/octet-stream" });
        var (response, _) = await SendRaw(HttpMethod.Get, $"/v2/actors/{seed.Actor}/run-sync");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("hello", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Seed_rejects_bad_behaviour_fields()
    {
        foreach (var extra in new object[] { new { runOutcome = "ABORTED" }, new { runDurationMs = -1 }, new { versions = new[] { "1" } } })
        {
            var body = new Dictionary<string, object?> { ["actor"] = "bad-seed", ["builds"] = 0, ["runs"] = 0 };
            foreach (var p in extra.GetType().GetProperties()) body[p.Name] = p.GetValue(extra);
            var response = await Http.PostAsync(new Uri(_server.BaseUri, "/__emulator/seed"),
                new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    private async Task<(HttpResponseMessage, byte[])> SendRaw(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        var response = await Http.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }
}
