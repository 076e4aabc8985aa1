using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's storages against the OpenAPI document, with a plain HttpClient: POST /v2/datasets (201 + Location
/// + the dataset in data; 200 with the existing one of that name), lists of named storages unless unnamed=1, PUT and
/// DELETE (204, then 404), item pushes (201; 413 request-too-large over 5 MB), records (201 + Location, 204),
/// queue batches (at most 25; processedRequests with wasAlreadyPresent), DELETE of runs and builds.
/// </summary>
public class StoragesContractTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    private async Task<(HttpResponseMessage Response, JsonElement Json)> Send(HttpMethod method, string pathAndQuery, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    [Theory]
    [InlineData("/v2/datasets", "itemCount")]
    [InlineData("/v2/key-value-stores", "recordsPublicUrl")]
    [InlineData("/v2/request-queues", "totalRequestCount")]
    public async Task A_storage_is_created_listed_updated_and_deleted_as_the_spec_says(string collection, string field)
    {
        var name = Unique("c");
        var (created, body) = await Send(HttpMethod.Post, $"{collection}?name={name}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var data = body.GetProperty("data");
        var id = data.GetProperty("id").GetString()!;
        Assert.Equal(new Uri(_server.BaseUri, $"{collection}/{id}"), created.Headers.Location);
        Assert.Equal(name, data.GetProperty("name").GetString());
        foreach (var required in new[] { "userId", "createdAt", "modifiedAt", "accessedAt", field }) Assert.True(data.TryGetProperty(required, out _), required);

        var (again, againBody) = await Send(HttpMethod.Post, $"{collection}?name={name}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, againBody.GetProperty("data").GetProperty("id").GetString());

        var (_, unnamedBody) = await Send(HttpMethod.Post, collection);
        var unnamedId = unnamedBody.GetProperty("data").GetProperty("id").GetString();
        Assert.Equal(JsonValueKind.Null, unnamedBody.GetProperty("data").GetProperty("name").ValueKind);

        var (_, named) = await Send(HttpMethod.Get, collection);
        var namedIds = named.GetProperty("data").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains(id, namedIds);
        Assert.DoesNotContain(unnamedId, namedIds);
        // Other tests on this server create storages at the same time: the unnamed one is among all of them, which
        // come newest first with desc=1.
        var (_, all) = await Send(HttpMethod.Get, $"{collection}?unnamed=1&desc=1");
        var allItems = all.GetProperty("data").GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(unnamedId, allItems.Select(i => i.GetProperty("id").GetString()));
        var createdAts = allItems.Select(i => i.GetProperty("createdAt").GetDateTime()).ToList();
        Assert.Equal(createdAts.OrderByDescending(t => t), createdAts);
        Assert.True(all.GetProperty("data").GetProperty("total").GetInt32() >= 2);

        var (renamed, renamedBody) = await Send(HttpMethod.Put, $"{collection}/{id}", $"{{\"name\":\"{name}-2\"}}");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(name + "-2", renamedBody.GetProperty("data").GetProperty("name").GetString());
        var (bad, badBody) = await Send(HttpMethod.Post, $"{collection}?name=-bad-");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid-input", badBody.GetProperty("error").GetProperty("type").GetString());

        var (deleted, _) = await Send(HttpMethod.Delete, $"{collection}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (gone, goneBody) = await Send(HttpMethod.Get, $"{collection}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("record-not-found", goneBody.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Pushes_take_an_object_or_an_array_of_objects_up_to_5_MB()
    {
        var (_, created) = await Send(HttpMethod.Post, "/v2/datasets");
        var id = created.GetProperty("data").GetProperty("id").GetString();
        var (one, _) = await Send(HttpMethod.Post, $"/v2/datasets/{id}/items", "{\"a\":1}");
        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/datasets/{id}/items"), one.Headers.Location);
        var (many, _) = await Send(HttpMethod.Post, $"/v2/datasets/{id}/items", "[{\"a\":2},{\"a\":3}]");
        Assert.Equal(HttpStatusCode.Created, many.StatusCode);
        var (notObjects, notObjectsBody) = await Send(HttpMethod.Post, $"/v2/datasets/{id}/items", "[{\"a\":4},5]");
        Assert.Equal(HttpStatusCode.BadRequest, notObjects.StatusCode);
        Assert.Equal("invalid-input", notObjectsBody.GetProperty("error").GetProperty("type").GetString());
        var big = "[{\"s\":\"" + new string('x', 5 * 1024 * 1024) + "\"}]";
        var (tooLarge, tooLargeBody) = await Send(HttpMethod.Post, $"/v2/datasets/{id}/items", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("request-too-large", tooLargeBody.GetProperty("error").GetProperty("type").GetString());
        var (_, dataset) = await Send(HttpMethod.Get, $"/v2/datasets/{id}");
        Assert.Equal(3, dataset.GetProperty("data").GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task Records_keep_their_content_type_and_are_deleted_with_204()
    {
        var (_, created) = await Send(HttpMethod.Post, "/v2/key-value-stores");
        var id = created.GetProperty("data").GetProperty("id").GetString();
        var put = new HttpRequestMessage(HttpMethod.Put, new Uri(_server.BaseUri, $"/v2/key-value-stores/{id}/records/pic"))
        {
            Content = new ByteArrayContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } },
        };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        var stored = await Http.SendAsync(put);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/key-value-stores/{id}/records/pic"), stored.Headers.Location);
        var get = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUri, $"/v2/key-value-stores/{id}/records/pic"));
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        var record = await Http.SendAsync(get);
        Assert.Equal("image/png", record.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, await record.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, $"/v2/key-value-stores/{id}/records/pic")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Delete, $"/v2/key-value-stores/{id}/records/pic")).Response.StatusCode);
    }

    [Fact]
    public async Task A_queue_batch_holds_at_most_25_requests_and_keeps_one_per_unique_key()
    {
        var (_, created) = await Send(HttpMethod.Post, "/v2/request-queues");
        var id = created.GetProperty("data").GetProperty("id").GetString();
        var batch = "[{\"url\":\"https://example.com/1\",\"uniqueKey\":\"k1\"},{\"url\":\"https://example.com/1?again\",\"uniqueKey\":\"k1\"},{\"url\":\"https://example.com/2\",\"uniqueKey\":\"k2\"}]";
        var (added, body) = await Send(HttpMethod.Post, $"/v2/request-queues/{id}/requests/batch", batch);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var processed = body.GetProperty("data").GetProperty("processedRequests").EnumerateArray().ToList();
        Assert.Equal(new[] { false, true, false }, processed.Select(p => p.GetProperty("wasAlreadyPresent").GetBoolean()));
        Assert.Equal(processed[0].GetProperty("requestId").GetString(), processed[1].GetProperty("requestId").GetString());
        Assert.Empty(body.GetProperty("data").GetProperty("unprocessedRequests").EnumerateArray());
        var (_, queue) = await Send(HttpMethod.Get, $"/v2/request-queues/{id}");
        Assert.Equal(2, queue.GetProperty("data").GetProperty("totalRequestCount").GetInt32());

        var tooMany = "[" + string.Join(",", Enumerable.Range(0, 26).Select(i => $"{{\"url\":\"https://example.com/{i}\",\"uniqueKey\":\"u{i}\"}}")) + "]";
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(HttpMethod.Post, $"/v2/request-queues/{id}/requests/batch", tooMany)).Response.StatusCode);
        var noKey = "[{\"url\":\"https://example.com/3\"}]";
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(HttpMethod.Post, $"/v2/request-queues/{id}/requests/batch", noKey)).Response.StatusCode);

        var (_, page) = await Send(HttpMethod.Get, $"/v2/request-queues/{id}/requests?limit=1");
        var next = page.GetProperty("data").GetProperty("nextCursor").GetString();
        var (_, rest) = await Send(HttpMethod.Get, $"/v2/request-queues/{id}/requests?limit=1&cursor={Uri.EscapeDataString(next!)}");
        Assert.Equal("k2", rest.GetProperty("data").GetProperty("items")[0].GetProperty("uniqueKey").GetString());
        Assert.False(rest.GetProperty("data").TryGetProperty("nextCursor", out _));
    }

    [Fact]
    public async Task Runs_and_builds_are_deleted_with_204_unless_running_or_the_default_build()
    {
        var seed = _server.Seed(Unique("jd"), 3, 2, new { runDurationMs = 60_000 });
        var (_, runs) = await Send(HttpMethod.Get, $"/v2/actors/{seed.ActorId}/runs");
        var finished = runs.GetProperty("data").GetProperty("items")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, $"/v2/actor-runs/{finished}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, $"/v2/actor-runs/{finished}")).Response.StatusCode);
        var (_, started) = await Send(HttpMethod.Post, $"/v2/actors/{seed.ActorId}/runs", "{}");
        var running = started.GetProperty("data").GetProperty("id").GetString();
        var (refused, refusedBody) = await Send(HttpMethod.Delete, $"/v2/actor-runs/{running}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid-input", refusedBody.GetProperty("error").GetProperty("type").GetString());

        var (_, actor) = await Send(HttpMethod.Get, $"/v2/actors/{seed.ActorId}");
        var defaultBuild = actor.GetProperty("data").GetProperty("taggedBuilds").GetProperty("latest").GetProperty("buildId").GetString();
        var (refusedBuild, _) = await Send(HttpMethod.Delete, $"/v2/actor-builds/{defaultBuild}");
        Assert.Equal(HttpStatusCode.BadRequest, refusedBuild.StatusCode);
        var (_, builds) = await Send(HttpMethod.Get, $"/v2/actors/{seed.ActorId}/builds");
        var other = builds.GetProperty("data").GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetString()).First(b => b != defaultBuild);
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, $"/v2/actor-builds/{other}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, $"/v2/actor-builds/{other}")).Response.StatusCode);
        await Send(HttpMethod.Post, $"/v2/actor-runs/{running}/abort");
    }
}
