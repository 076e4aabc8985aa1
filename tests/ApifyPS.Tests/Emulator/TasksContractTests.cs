using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's Actor task endpoints against the OpenAPI document ("Actor tasks"), with a plain HttpClient:
/// CreateTaskRequest / UpdateTaskRequest in, Task / TaskShort out, 201 + Location, 404 / 409 / 400, the input's merge,
/// runs that carry actorTaskId and the task's input under the start's fields, runs/last, run-sync, webhooks.
/// </summary>
public class TasksContractTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new();

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && (response.Content.Headers.ContentType?.MediaType ?? "").Contains("json") ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, body, response);
    }

    private static string ErrorType(JsonElement body) => body.GetProperty("error").GetProperty("type").GetString()!;

    private static string NewName() => "t-" + Guid.NewGuid().ToString("N")[..12];

    private EmulatorProcess.SeedResult SeedActor() => _server.Seed(NewName(), builds: 1, extra: new { startDelayMs = 20, runDurationMs = 100, logIntervalMs = 0 });

    private async Task<JsonElement> CreateTask(string actorId, string name, string extra = "")
    {
        var (status, body, _) = await Send(HttpMethod.Post, "/v2/actor-tasks", $"{{\"actId\":\"{actorId}\",\"name\":\"{name}\"{extra}}}");
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("data");
    }

    private async Task<JsonElement> WaitForRun(string runId)
    {
        JsonElement run = default;
        Assert.True(EmulatorProcess.WaitUntil(() =>
        {
            run = Send(HttpMethod.Get, $"/v2/actor-runs/{runId}").GetAwaiter().GetResult().Body.GetProperty("data");
            return run.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED" or "ABORTED" or "TIMED-OUT";
        }, TimeSpan.FromSeconds(30)));
        return run;
    }

    private async Task<JsonElement> InputOf(string runId)
    {
        var (status, body, _) = await Send(HttpMethod.Get, $"/v2/actor-runs/{runId}/key-value-store/records/INPUT");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    [Fact]
    public async Task Create_is_201_with_location_and_the_task_and_it_reads_back_by_id_and_name()
    {
        var seed = SeedActor();
        var name = NewName();
        var (status, body, response) = await Send(HttpMethod.Post, "/v2/actor-tasks",
            $"{{\"actId\":\"{seed.Actor}\",\"name\":\"{name}\",\"options\":{{\"memoryMbytes\":256}},\"input\":{{\"a\":1}},\"title\":\"T\"}}");
        Assert.Equal(HttpStatusCode.Created, status);
        var data = body.GetProperty("data");
        var id = data.GetProperty("id").GetString();
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/actor-tasks/{id}"), response.Headers.Location);
        foreach (var field in new[] { "id", "userId", "actId", "name", "createdAt", "modifiedAt" })
            Assert.True(data.TryGetProperty(field, out _), $"Task requires '{field}'");
        Assert.Equal(seed.ActorId, data.GetProperty("actId").GetString());
        Assert.Equal(256, data.GetProperty("options").GetProperty("memoryMbytes").GetInt32());
        Assert.Equal(1, data.GetProperty("input").GetProperty("a").GetInt32());

        var username = data.GetProperty("username").GetString();
        var byName = await Send(HttpMethod.Get, $"/v2/actor-tasks/{username}~{name}");
        Assert.Equal(id, byName.Body.GetProperty("data").GetProperty("id").GetString());

        var list = await Send(HttpMethod.Get, "/v2/actor-tasks?desc=1");
        var item = list.Body.GetProperty("data").GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        foreach (var field in new[] { "id", "userId", "actId", "actName", "name", "username", "actUsername", "createdAt", "modifiedAt", "stats" })
            Assert.True(item.TryGetProperty(field, out _), $"TaskShort has '{field}'");
        Assert.False(item.TryGetProperty("input", out _), "TaskShort has no input");
    }

    [Theory]
    [InlineData("{\"name\":\"no-actor\"}", HttpStatusCode.BadRequest, "invalid-input")]
    [InlineData("{\"actId\":\"ACTOR\",\"name\":\"-bad-\"}", HttpStatusCode.BadRequest, "invalid-input")]
    [InlineData("{\"actId\":\"ACTOR\",\"name\":\"ok\",\"options\":{\"memoryMbytes\":100}}", HttpStatusCode.BadRequest, "invalid-input")]
    [InlineData("{\"actId\":\"ACTOR\",\"name\":\"ok\",\"input\":[1,2]}", HttpStatusCode.BadRequest, "invalid-input")]
    [InlineData("{\"actId\":\"nobody~nothing\",\"name\":\"ok\"}", HttpStatusCode.NotFound, "record-not-found")]
    public async Task Bad_creates_are_refused_as_the_spec_says(string json, HttpStatusCode expected, string type)
    {
        var seed = SeedActor();
        var (status, body, _) = await Send(HttpMethod.Post, "/v2/actor-tasks", json.Replace("ACTOR", seed.ActorId));
        Assert.Equal(expected, status);
        Assert.Equal(type, ErrorType(body));
    }

    [Fact]
    public async Task Update_changes_only_the_fields_given_a_taken_name_is_409_and_delete_is_204()
    {
        var seed = SeedActor();
        var first = await CreateTask(seed.ActorId, NewName(), ",\"input\":{\"keep\":true}");
        var second = await CreateTask(seed.ActorId, NewName());
        var id = first.GetProperty("id").GetString();
        var (status, body, _) = await Send(HttpMethod.Put, $"/v2/actor-tasks/{id}", "{\"title\":\"New title\"}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("New title", body.GetProperty("data").GetProperty("title").GetString());
        Assert.True(body.GetProperty("data").GetProperty("input").GetProperty("keep").GetBoolean());
        Assert.Equal(first.GetProperty("name").GetString(), body.GetProperty("data").GetProperty("name").GetString());

        var taken = await Send(HttpMethod.Put, $"/v2/actor-tasks/{id}", $"{{\"name\":\"{second.GetProperty("name").GetString()}\"}}");
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);

        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, $"/v2/actor-tasks/{id}")).Status);
        var gone = await Send(HttpMethod.Get, $"/v2/actor-tasks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("record-not-found", ErrorType(gone.Body));
    }

    [Fact]
    public async Task The_input_endpoint_answers_the_bare_object_and_put_merges_fields()
    {
        var seed = SeedActor();
        var task = await CreateTask(seed.ActorId, NewName(), ",\"input\":{\"a\":1,\"b\":\"x\"}");
        var id = task.GetProperty("id").GetString();
        var (status, body, _) = await Send(HttpMethod.Put, $"/v2/actor-tasks/{id}/input", "{\"b\":\"y\",\"c\":3}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"a\":1,\"b\":\"y\",\"c\":3}", body.GetRawText());
        var read = await Send(HttpMethod.Get, $"/v2/actor-tasks/{id}/input");
        Assert.Equal(body.GetRawText(), read.Body.GetRawText());
    }

    [Fact]
    public async Task A_task_run_carries_the_task_and_its_input_under_the_override_and_lists_as_the_tasks()
    {
        var seed = SeedActor();
        var task = await CreateTask(seed.ActorId, NewName(), ",\"input\":{\"a\":1,\"b\":2},\"options\":{\"memoryMbytes\":256}");
        var id = task.GetProperty("id").GetString();
        var (status, body, response) = await Send(HttpMethod.Post, $"/v2/actor-tasks/{id}/runs", "{\"b\":20}");
        Assert.Equal(HttpStatusCode.Created, status);
        var run = body.GetProperty("data");
        var runId = run.GetProperty("id").GetString()!;
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/actor-runs/{runId}"), response.Headers.Location);
        Assert.Equal(id, run.GetProperty("actorTaskId").GetString());
        Assert.Equal(256, run.GetProperty("options").GetProperty("memoryMbytes").GetInt32());
        var input = await InputOf(runId);
        Assert.Equal(1, input.GetProperty("a").GetInt32());
        Assert.Equal(20, input.GetProperty("b").GetInt32());
        await WaitForRun(runId);

        var plain = await Send(HttpMethod.Post, $"/v2/actors/{seed.ActorId}/runs", "{}");
        var plainId = plain.Body.GetProperty("data").GetProperty("id").GetString()!;
        Assert.Equal(JsonValueKind.Null, plain.Body.GetProperty("data").GetProperty("actorTaskId").ValueKind);
        await WaitForRun(plainId);

        var runs = await Send(HttpMethod.Get, $"/v2/actor-tasks/{id}/runs?status=SUCCEEDED");
        var items = runs.Body.GetProperty("data").GetProperty("items");
        Assert.Equal(runId, Assert.Single(items.EnumerateArray()).GetProperty("id").GetString());

        var last = await Send(HttpMethod.Get, $"/v2/actor-tasks/{id}/runs/last?status=SUCCEEDED");
        Assert.Equal(runId, last.Body.GetProperty("data").GetProperty("id").GetString());
        var actorLast = await Send(HttpMethod.Get, $"/v2/actors/{seed.ActorId}/runs/last");
        Assert.Equal(plainId, actorLast.Body.GetProperty("data").GetProperty("id").GetString());
        var none = await Send(HttpMethod.Get, $"/v2/actor-tasks/{id}/runs/last?status=FAILED");
        Assert.Equal(HttpStatusCode.NotFound, none.Status);
        var badStatus = await Send(HttpMethod.Get, $"/v2/actor-tasks/{id}/runs/last?status=DONE");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.Status);

        var stats = await Send(HttpMethod.Get, $"/v2/actor-tasks/{id}");
        Assert.Equal(1, stats.Body.GetProperty("data").GetProperty("stats").GetProperty("totalRuns").GetInt32());
    }

    [Fact]
    public async Task Run_sync_answers_the_output_of_a_run_with_the_tasks_input()
    {
        var seed = SeedActor();
        var task = await CreateTask(seed.ActorId, NewName(), ",\"input\":{\"a\":1}");
        var id = task.GetProperty("id").GetString();
        var (status, body, _) = await Send(HttpMethod.Post, $"/v2/actor-tasks/{id}/run-sync", "{\"b\":2}");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1, body.GetProperty("input").GetProperty("a").GetInt32());
        Assert.Equal(2, body.GetProperty("input").GetProperty("b").GetInt32());
        var get = await Send(HttpMethod.Get, $"/v2/actor-tasks/{id}/run-sync");
        Assert.Equal(HttpStatusCode.Created, get.Status);
        Assert.Equal("{\"a\":1}", get.Body.GetProperty("input").GetRawText());
    }

    [Fact]
    public async Task Webhooks_list_is_paged_and_a_missing_task_is_404()
    {
        var seed = SeedActor();
        var task = await CreateTask(seed.ActorId, NewName());
        var (status, body, _) = await Send(HttpMethod.Get, $"/v2/actor-tasks/{task.GetProperty("id").GetString()}/webhooks");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("data").GetProperty("total").GetInt32());
        foreach (var path in new[] { "/v2/actor-tasks/nope", "/v2/actor-tasks/nope/runs", "/v2/actor-tasks/nope/webhooks", "/v2/actor-tasks/nope/input" })
        {
            var missing = await Send(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            Assert.Equal("record-not-found", ErrorType(missing.Body));
        }
    }
}
