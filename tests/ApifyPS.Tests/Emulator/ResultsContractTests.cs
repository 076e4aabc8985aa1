using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's run results against the OpenAPI document, with a plain HttpClient: dataset items as a bare
/// array with X-Apify-Pagination-* headers and the item parameters, key-value store keys paged by key and records
/// as stored, logs that grow while a job runs and a stream=1 that holds the answer open until the job ends.
/// </summary>
public class ResultsContractTests(FastWaitEmulatorFixture fixture) : IClassFixture<FastWaitEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    private EmulatorProcess.SeedResult Seed(object? extra = null) =>
        _server.Seed("r" + Guid.NewGuid().ToString("N")[..10], 1, 0, extra);

    private HttpRequestMessage Request(HttpMethod method, string pathAndQuery, bool auth = true)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, pathAndQuery));
        if (auth) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        return request;
    }

    private async Task<(HttpResponseMessage Response, string Text)> Get(string pathAndQuery, bool auth = true)
    {
        var response = await Http.SendAsync(Request(HttpMethod.Get, pathAndQuery, auth));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> Json(string pathAndQuery)
    {
        var (response, text) = await Get(pathAndQuery);
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    /// <summary>Starts a run and waits until it is finished; returns the run.</summary>
    private async Task<JsonElement> FinishedRun(string actor, string? input = null)
    {
        var start = Request(HttpMethod.Post, $"/v2/actors/{actor}/runs");
        if (input != null) start.Content = new StringContent(input, Encoding.UTF8, "application/json");
        var started = await Http.SendAsync(start);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = (await Json($"/v2/actor-runs/{id}?waitForFinish=60")).GetProperty("data");
            if (run.GetProperty("finishedAt").ValueKind != JsonValueKind.Null) return run;
            Assert.True(DateTime.UtcNow < deadline, "The run did not finish within 60 s.");
        }
    }

    private static string Id(JsonElement run, string property) => run.GetProperty(property).GetString()!;

    [Fact]
    public async Task Items_are_a_bare_array_with_the_pagination_headers()
    {
        var seed = Seed(new { runDurationMs = 100, datasetItems = new[] { new { n = 1 }, new { n = 2 }, new { n = 3 }, new { n = 4 }, new { n = 5 } } });
        var run = await FinishedRun(seed.Actor);
        var dataset = Id(run, "defaultDatasetId");

        var (response, text) = await Get($"/v2/datasets/{dataset}/items?offset=1&limit=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("[{\"n\":2},{\"n\":3}]", text);
        Assert.Equal("1", Header(response, "X-Apify-Pagination-Offset"));
        Assert.Equal("2", Header(response, "X-Apify-Pagination-Limit"));
        Assert.Equal("2", Header(response, "X-Apify-Pagination-Count"));
        Assert.Equal("5", Header(response, "X-Apify-Pagination-Total"));

        // No limit: every item (the API reports a huge limit); the run shortcut answers the same dataset.
        (response, text) = await Get($"/v2/actor-runs/{Id(run, "id")}/dataset/items");
        Assert.Equal("[{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4},{\"n\":5}]", text);
        Assert.Equal("999999999999", Header(response, "X-Apify-Pagination-Limit"));
        Assert.Equal("5", Header(response, "X-Apify-Pagination-Count"));

        (_, text) = await Get($"/v2/datasets/{dataset}/items?desc=1&limit=2&offset=1");
        Assert.Equal("[{\"n\":4},{\"n\":3}]", text);
        (response, text) = await Get($"/v2/datasets/{dataset}/items?offset=9");
        Assert.Equal("[]", text);
        Assert.Equal("0", Header(response, "X-Apify-Pagination-Count"));
        (response, text) = await Get($"/v2/datasets/{dataset}/items?format=jsonl&limit=2");
        Assert.Equal("{\"n\":1}\n{\"n\":2}\n", text);
    }

    [Fact]
    public async Task Fields_omit_and_clean_shape_each_item()
    {
        var items = JsonDocument.Parse("[{\"a\":1,\"b\":{\"c\":[1,2]},\"#h\":true},{},{\"b\":2,\"a\":3}]").RootElement;
        var seed = Seed(new { runDurationMs = 100, datasetItems = items });
        var dataset = Id(await FinishedRun(seed.Actor), "defaultDatasetId");

        Assert.Equal("[{\"b\":{\"c\":[1,2]},\"a\":1},{},{\"b\":2,\"a\":3}]", (await Get($"/v2/datasets/{dataset}/items?fields=b,a")).Text);
        Assert.Equal("[{\"b\":{\"c\":[1,2]},\"#h\":true},{},{\"b\":2}]", (await Get($"/v2/datasets/{dataset}/items?omit=a")).Text);
        Assert.Equal("[{\"a\":1,\"b\":{\"c\":[1,2]}},{},{\"b\":2,\"a\":3}]", (await Get($"/v2/datasets/{dataset}/items?skipHidden=true")).Text);
        // clean = skipHidden + skipEmpty; the page window is taken before empty items are dropped.
        var (response, text) = await Get($"/v2/datasets/{dataset}/items?clean=1&limit=2");
        Assert.Equal("[{\"a\":1,\"b\":{\"c\":[1,2]}}]", text);
        Assert.Equal("1", Header(response, "X-Apify-Pagination-Count"));
        Assert.Equal("3", Header(response, "X-Apify-Pagination-Total"));
    }

    [Fact]
    public async Task A_run_of_a_seeded_Actor_writes_a_handful_of_generated_items()
    {
        var seed = Seed(new { runDurationMs = 100 });
        var dataset = Id(await FinishedRun(seed.Actor), "defaultDatasetId");
        var all = await Json($"/v2/datasets/{dataset}/items");
        Assert.Equal(5, all.GetArrayLength());
        var first = all[0];
        Assert.Equal(1, first.GetProperty("position").GetInt32());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("seller").ValueKind);
        Assert.Equal(JsonValueKind.Array, first.GetProperty("tags").ValueKind);
        Assert.True(first.TryGetProperty("#debug", out _));
        Assert.Equal("[{\"title\":\"Product 2\",\"position\":2}]", (await Get($"/v2/datasets/{dataset}/items?fields=title,position&offset=1&limit=1")).Text);
        Assert.False((await Json($"/v2/datasets/{dataset}/items?clean=true"))[0].TryGetProperty("#debug", out _));
    }

    [Theory]
    [InlineData("limit=-1")]
    [InlineData("offset=abc")]
    [InlineData("limit=1.5")]
    [InlineData("format=rss")] // the formats this server does not make (csv, xlsx, ... it does since issue 15)
    [InlineData("unwind=tags")]
    [InlineData("desc=maybe")]
    public async Task Bad_item_parameters_are_400(string query)
    {
        var seed = Seed(new { runDurationMs = 100 });
        var dataset = Id(await FinishedRun(seed.Actor), "defaultDatasetId");
        var (response, text) = await Get($"/v2/datasets/{dataset}/items?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-parameter", JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_seeded_run_has_results_as_if_it_had_just_ended()
    {
        var seed = _server.Seed("s" + Guid.NewGuid().ToString("N")[..10], 1, 2, new { runStatuses = new[] { "SUCCEEDED", "FAILED" }, datasetItemCount = 8 });
        var runs = (await Json($"/v2/actors/{seed.Actor}/runs")).GetProperty("data").GetProperty("items");
        var succeeded = runs[0];
        var failed = runs[1];
        Assert.Equal(8, (await Json($"/v2/datasets/{Id(succeeded, "defaultDatasetId")}/items")).GetArrayLength());
        Assert.Equal(4, (await Json($"/v2/datasets/{Id(failed, "defaultDatasetId")}/items")).GetArrayLength());
        var output = await Json($"/v2/key-value-stores/{Id(succeeded, "defaultKeyValueStoreId")}/records/OUTPUT");
        Assert.Equal(Id(succeeded, "id"), output.GetProperty("runId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Get($"/v2/actor-runs/{Id(failed, "id")}/key-value-store/records/OUTPUT")).Response.StatusCode);
        var log = (await Get($"/v2/logs/{Id(failed, "id")}", auth: false)).Text.TrimEnd('\n').Split('\n');
        Assert.EndsWith("ACTOR: The Actor process exited with code 1.", log[^1]);
        Assert.All(log, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ", line));
    }

    [Fact]
    public async Task Keys_page_by_exclusiveStartKey_with_isTruncated_and_the_next_key()
    {
        var seed = Seed(new { runDurationMs = 100, recordCount = 5 });
        var run = await FinishedRun(seed.Actor, "{\"q\":1}");
        var store = Id(run, "defaultKeyValueStoreId");

        var first = (await Json($"/v2/key-value-stores/{store}/keys?limit=4")).GetProperty("data");
        Assert.Equal(new[] { "INPUT", "OUTPUT", "page-00001", "page-00002" }, first.GetProperty("items").EnumerateArray().Select(k => k.GetProperty("key").GetString()));
        Assert.Equal(4, first.GetProperty("count").GetInt32());
        Assert.Equal(4, first.GetProperty("limit").GetInt32());
        Assert.True(first.GetProperty("isTruncated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("exclusiveStartKey").ValueKind);
        Assert.Equal("page-00002", first.GetProperty("nextExclusiveStartKey").GetString());
        var item = first.GetProperty("items")[0];
        Assert.Equal(7, item.GetProperty("size").GetInt32());
        Assert.EndsWith($"/v2/key-value-stores/{store}/records/INPUT", item.GetProperty("recordPublicUrl").GetString());

        var second = (await Json($"/v2/actor-runs/{Id(run, "id")}/key-value-store/keys?limit=4&exclusiveStartKey=page-00002")).GetProperty("data");
        Assert.Equal(new[] { "page-00003", "page-00004", "page-00005" }, second.GetProperty("items").EnumerateArray().Select(k => k.GetProperty("key").GetString()));
        Assert.False(second.GetProperty("isTruncated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextExclusiveStartKey").ValueKind);
        Assert.Equal("page-00002", second.GetProperty("exclusiveStartKey").GetString());

        Assert.Equal(5, (await Json($"/v2/key-value-stores/{store}/keys?prefix=page-")).GetProperty("data").GetProperty("count").GetInt32());
        Assert.Equal(1000, (await Json($"/v2/key-value-stores/{store}/keys?limit=5000")).GetProperty("data").GetProperty("limit").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await Get($"/v2/key-value-stores/{store}/keys?limit=0")).Response.StatusCode);
    }

    [Fact]
    public async Task A_record_is_its_bytes_with_its_content_type()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 1, 2, 255 };
        var seed = Seed(new { runDurationMs = 100, output = Convert.ToBase64String(png), outputContentType = "image/png" });
        var run = await FinishedRun(seed.Actor);
        var response = await Http.SendAsync(Request(HttpMethod.Get, $"/v2/key-value-stores/{Id(run, "defaultKeyValueStoreId")}/records/OUTPUT"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());

        var (missing, text) = await Get($"/v2/key-value-stores/{Id(run, "defaultKeyValueStoreId")}/records/NOPE");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("record-not-found", JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Get("/v2/key-value-stores/noSuchStore1234/records/OUTPUT")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Get("/v2/datasets/noSuchDataset123/items")).Response.StatusCode);
    }

    [Fact]
    public async Task Another_users_storages_and_logs_are_not_found()
    {
        using var server = EmulatorProcess.Start("--extra-user", "other:other_token_123");
        var seed = server.Seed("mine", 1, 1);
        var list = await Http.SendAsync(WithAuth(server, $"/v2/actors/{seed.Actor}/runs", server.Token));
        var runs = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("items")[0];
        foreach (var path in new[]
                 {
                     $"/v2/datasets/{Id(runs, "defaultDatasetId")}/items", $"/v2/key-value-stores/{Id(runs, "defaultKeyValueStoreId")}/keys",
                     $"/v2/actor-runs/{Id(runs, "id")}/log", $"/v2/actor-runs/{Id(runs, "id")}/dataset/items",
                 })
        {
            Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(WithAuth(server, path, server.Token))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Http.SendAsync(WithAuth(server, path, "other_token_123"))).StatusCode);
        }
    }

    private static HttpRequestMessage WithAuth(EmulatorProcess server, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task A_streamed_log_is_held_open_written_as_it_grows_and_ends_with_the_job()
    {
        var seed = Seed(new { runDurationMs = 600_000, logIntervalMs = 50 });
        var start = await Http.SendAsync(Request(HttpMethod.Post, $"/v2/actors/{seed.Actor}/runs"));
        var runId = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("id").GetString()!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await Http.SendAsync(Request(HttpMethod.Get, $"/v2/actor-runs/{runId}/log?stream=1"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var lines = new List<string>();
        // Progress lines are written every 50 ms while the run goes on: they arrive on the open answer.
        while (lines.Count(l => l.Contains("Processed")) < 3)
            lines.Add(await reader.ReadLineAsync(timeout.Token) ?? throw new Xunit.Sdk.XunitException("The stream ended while the run was running."));
        Assert.Contains(lines, l => l.Contains("ACTOR: Starting Docker container."));

        // Without stream=1 the log so far is answered at once.
        var (plain, text) = await Get($"/v2/logs/{runId}", auth: false);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Contains("Processed", text);

        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(Request(HttpMethod.Post, $"/v2/actor-runs/{runId}/abort"))).StatusCode);
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) != null) lines.Add(line);
        Assert.EndsWith("ACTOR: The run was aborted.", lines[^1]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get($"/v2/actor-runs/{runId}/log", auth: false)).Response.StatusCode);
    }

    [Fact]
    public async Task A_failed_build_log_says_why()
    {
        var seed = Seed(new { buildOutcome = "FAILED", buildDurationMs = 300, logIntervalMs = 50 });
        var started = await Http.SendAsync(Request(HttpMethod.Post, $"/v2/actors/{seed.Actor}/builds?version=0.0"));
        var buildId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("id").GetString()!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var response = await Http.SendAsync(Request(HttpMethod.Get, $"/v2/actor-builds/{buildId}/log?stream=true"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        Assert.Contains("Step 1/6 : FROM apify/actor-node:20", text);
        Assert.Contains("npm ERR! code ERESOLVE", text);
        Assert.EndsWith("ACTOR: Build failed.\n", text);
    }

    [Theory]
    [InlineData("{\"actor\":\"x\",\"builds\":0,\"runs\":0,\"datasetItems\":{}}")]
    [InlineData("{\"actor\":\"x\",\"builds\":0,\"runs\":0,\"datasetItems\":[],\"datasetItemCount\":3}")]
    [InlineData("{\"actor\":\"x\",\"builds\":0,\"runs\":0,\"datasetItemCount\":-1}")]
    [InlineData("{\"actor\":\"x\",\"builds\":0,\"runs\":0,\"logIntervalMs\":5}")]
    [InlineData("{\"actor\":\"x\",\"builds\":0,\"runs\":0,\"recordCount\":-2}")]
    public async Task Bad_result_seeds_are_refused(string body)
    {
        var response = await Http.PostAsync(new Uri(_server.BaseUri, "/__emulator/seed"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
