using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's schedule endpoints against the OpenAPI document ("Schedules"): ScheduleCreate in, Schedule /
/// ScheduleShort out, the validation (cron, time zone, actions), partial PUT, the log; and the control route
/// POST /__emulator/schedules/{id}/fire, which starts each action's run with origin SCHEDULER and logs it.
/// </summary>
public class SchedulesContractTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new();

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, string? json = null, bool auth = true)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, path));
        if (auth) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, body, response);
    }

    private static string ErrorType(JsonElement body) => body.GetProperty("error").GetProperty("type").GetString()!;

    private static string NewName() => "s-" + Guid.NewGuid().ToString("N")[..12];

    private EmulatorProcess.SeedResult SeedActor() => _server.Seed(NewName(), builds: 1, extra: new { startDelayMs = 20, runDurationMs = 100, logIntervalMs = 0 });

    private static string ActorAction(string actorId, string input = "{\\\"a\\\":1}") =>
        $"{{\"type\":\"RUN_ACTOR\",\"actorId\":\"{actorId}\",\"runInput\":{{\"body\":\"{input}\",\"contentType\":\"application/json; charset=utf-8\"}},\"runOptions\":{{\"memoryMbytes\":256}}}}";

    private async Task<JsonElement> Create(string name, string actions, string extra = "")
    {
        var (status, body, response) = await Send(HttpMethod.Post, "/v2/schedules",
            $"{{\"name\":\"{name}\",\"cronExpression\":\"0 3 * * *\",\"timezone\":\"Europe/Prague\",\"actions\":[{actions}]{extra}}}");
        Assert.Equal(HttpStatusCode.Created, status);
        var data = body.GetProperty("data");
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/schedules/{data.GetProperty("id").GetString()}"), response.Headers.Location);
        return data;
    }

    [Fact]
    public async Task Create_is_201_with_the_schedule_and_the_list_has_the_short_form()
    {
        var seed = SeedActor();
        var name = NewName();
        var data = await Create(name, ActorAction(seed.Actor), ",\"description\":\"nightly\"");
        foreach (var field in new[] { "id", "userId", "name", "cronExpression", "timezone", "isEnabled", "isExclusive", "createdAt", "modifiedAt", "actions" })
            Assert.True(data.TryGetProperty(field, out _), $"Schedule requires '{field}'");
        Assert.True(data.GetProperty("isEnabled").GetBoolean());
        Assert.Equal("nightly", data.GetProperty("description").GetString());
        Assert.NotEqual(JsonValueKind.Null, data.GetProperty("nextRunAt").ValueKind);
        var action = data.GetProperty("actions")[0];
        Assert.Equal(seed.ActorId, action.GetProperty("actorId").GetString());
        Assert.Equal("{\"a\":1}", action.GetProperty("runInput").GetProperty("body").GetString());
        Assert.Equal(256, action.GetProperty("runOptions").GetProperty("memoryMbytes").GetInt32());

        var list = await Send(HttpMethod.Get, "/v2/schedules?desc=true");
        var item = list.Body.GetProperty("data").GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);
        Assert.False(item.GetProperty("actions")[0].TryGetProperty("runInput", out _), "ScheduleActionShort has no runInput");
    }

    [Theory]
    [InlineData("every day at noon", "UTC", "GOOD")]
    [InlineData("61 * * * *", "UTC", "GOOD")]
    [InlineData("0 3 * * *", "Mars/Olympus_Mons", "GOOD")]
    [InlineData("0 3 * * *", "UTC", "{\"type\":\"RUN_ACTOR\"}")]
    [InlineData("0 3 * * *", "UTC", "{\"type\":\"RUN_SOMETHING\",\"actorId\":\"x\"}")]
    public async Task Bad_cron_time_zones_and_actions_are_400_invalid_input(string cron, string timezone, string action)
    {
        var seed = SeedActor();
        var actions = action == "GOOD" ? ActorAction(seed.ActorId) : action;
        var (status, body, _) = await Send(HttpMethod.Post, "/v2/schedules",
            $"{{\"name\":\"{NewName()}\",\"cronExpression\":\"{cron}\",\"timezone\":\"{timezone}\",\"actions\":[{actions}]}}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid-input", ErrorType(body));
    }

    [Theory]
    [InlineData("@daily")]
    [InlineData("*/15 8-18 * * MON-FRI")]
    [InlineData("0 0 12 1 */2 *")]
    public async Task Macros_ranges_steps_names_and_six_fields_are_accepted(string cron)
    {
        var seed = SeedActor();
        var (status, _, _) = await Send(HttpMethod.Post, "/v2/schedules",
            $"{{\"name\":\"{NewName()}\",\"cronExpression\":\"{cron}\",\"actions\":[{ActorAction(seed.ActorId)}]}}");
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Put_changes_only_the_fields_given_and_delete_is_204()
    {
        var seed = SeedActor();
        var data = await Create(NewName(), ActorAction(seed.ActorId));
        var id = data.GetProperty("id").GetString();
        var (status, body, _) = await Send(HttpMethod.Put, $"/v2/schedules/{id}", "{\"cronExpression\":\"30 4 * * 1-5\",\"isEnabled\":false}");
        Assert.Equal(HttpStatusCode.OK, status);
        var updated = body.GetProperty("data");
        Assert.Equal("30 4 * * 1-5", updated.GetProperty("cronExpression").GetString());
        Assert.Equal("Europe/Prague", updated.GetProperty("timezone").GetString());
        Assert.False(updated.GetProperty("isEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("nextRunAt").ValueKind);
        Assert.Equal(data.GetProperty("actions")[0].GetProperty("id").GetString(), updated.GetProperty("actions")[0].GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, $"/v2/schedules/{id}")).Status);
        var gone = await Send(HttpMethod.Get, $"/v2/schedules/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("record-not-found", ErrorType(gone.Body));
    }

    [Fact]
    public async Task Firing_starts_each_action_with_origin_scheduler_and_logs_it()
    {
        var seed = SeedActor();
        var task = await Send(HttpMethod.Post, "/v2/actor-tasks", $"{{\"actId\":\"{seed.ActorId}\",\"name\":\"{NewName()}\",\"input\":{{\"t\":1}}}}");
        var taskId = task.Body.GetProperty("data").GetProperty("id").GetString();
        var data = await Create(NewName(), ActorAction(seed.ActorId) + $",{{\"type\":\"RUN_ACTOR_TASK\",\"actorTaskId\":\"{taskId}\",\"input\":{{\"u\":2}}}}");
        var id = data.GetProperty("id").GetString();
        Assert.Equal(0, (await Send(HttpMethod.Get, $"/v2/schedules/{id}/log")).Body.GetProperty("data").GetArrayLength());

        var (status, fired, _) = await Send(HttpMethod.Post, $"/__emulator/schedules/{id}/fire", auth: false);
        Assert.Equal(HttpStatusCode.OK, status);
        var runIds = fired.GetProperty("runs").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(2, runIds.Count);
        foreach (var runId in runIds)
        {
            var run = (await Send(HttpMethod.Get, $"/v2/actor-runs/{runId}")).Body.GetProperty("data");
            Assert.Equal("SCHEDULER", run.GetProperty("meta").GetProperty("origin").GetString());
            Assert.Equal(id, run.GetProperty("meta").GetProperty("scheduleId").GetString());
        }
        var taskRun = (await Send(HttpMethod.Get, $"/v2/actor-runs/{runIds[1]}")).Body.GetProperty("data");
        Assert.Equal(taskId, taskRun.GetProperty("actorTaskId").GetString());
        var input = (await Send(HttpMethod.Get, $"/v2/actor-runs/{runIds[1]}/key-value-store/records/INPUT")).Body;
        Assert.Equal("{\"t\":1,\"u\":2}", input.GetRawText());
        var origin = await Send(HttpMethod.Get, $"/v2/actors/{seed.ActorId}/runs/last?origin=SCHEDULER");
        Assert.Equal(HttpStatusCode.OK, origin.Status);

        var log = (await Send(HttpMethod.Get, $"/v2/schedules/{id}/log")).Body.GetProperty("data");
        var entry = Assert.Single(log.EnumerateArray());
        Assert.Equal("Schedule invoked", entry.GetProperty("message").GetString());
        Assert.Equal("INFO", entry.GetProperty("level").GetString());
        Assert.NotEqual(JsonValueKind.Null, (await Send(HttpMethod.Get, $"/v2/schedules/{id}")).Body.GetProperty("data").GetProperty("lastRunAt").ValueKind);

        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Post, "/__emulator/schedules/nope/fire", auth: false)).Status);
    }

    [Fact]
    public async Task A_fired_action_whose_task_is_gone_logs_an_error()
    {
        var seed = SeedActor();
        var task = await Send(HttpMethod.Post, "/v2/actor-tasks", $"{{\"actId\":\"{seed.ActorId}\",\"name\":\"{NewName()}\"}}");
        var taskId = task.Body.GetProperty("data").GetProperty("id").GetString();
        var data = await Create(NewName(), $"{{\"type\":\"RUN_ACTOR_TASK\",\"actorTaskId\":\"{taskId}\"}}");
        await Send(HttpMethod.Delete, $"/v2/actor-tasks/{taskId}");
        var id = data.GetProperty("id").GetString();
        await Send(HttpMethod.Post, $"/__emulator/schedules/{id}/fire", auth: false);
        var log = (await Send(HttpMethod.Get, $"/v2/schedules/{id}/log")).Body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(new[] { "INFO", "ERROR" }, log.Select(e => e.GetProperty("level").GetString()));
    }
}
