using System.Net;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>The task endpoints of the client (TasksClient, Runs.LastAsync) against the local server over real HTTP.</summary>
public class TasksClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client() => new(_server.Connection());

    private static string NewName() => "tc-" + Guid.NewGuid().ToString("N")[..12];

    private EmulatorProcess.SeedResult SeedActor() => _server.Seed(NewName(), builds: 1, extra: new { startDelayMs = 20, runDurationMs = 100, logIntervalMs = 0 });

    private static ApifyWaitOptions Wait => new() { Timeout = TimeSpan.FromSeconds(60) };

    private async Task<ApifyTask> NewTask(string actorId, string? input = null)
    {
        var body = new ApifyBody().Set("actId", actorId).Set("name", NewName()).Set("options", new ApifyBody().Set("memoryMbytes", 256));
        if (input != null) body.Set("input", ApifyBody.FromJson(System.Text.Json.JsonDocument.Parse(input).RootElement));
        return await Client().Tasks.CreateAsync(body);
    }

    [Fact]
    public async Task Create_get_update_input_delete_round_trip_sends_only_what_is_given()
    {
        var seed = SeedActor();
        _server.ClearRequests();
        var task = await NewTask(seed.ActorId, "{\"a\":1,\"b\":2}");
        Assert.Equal(seed.ActorId, task.ActorId);
        Assert.Equal(256, task.Options!.MemoryMbytes);
        Assert.Equal("{\"a\":1,\"b\":2}", task.InputJson);
        var post = Assert.Single(_server.Requests());
        Assert.Equal(("POST", "/v2/actor-tasks"), (post.Method, post.Path));

        var byName = await Client().Tasks.GetAsync(task.FullName);
        Assert.Equal(task.Id, byName.Id);
        Assert.Contains(task.Id, (await Client().Tasks.ListAsync(new PageRequest()).CollectAsync()).Select(t => t.Id));

        _server.ClearRequests();
        var updated = await Client().Tasks.UpdateAsync(task.Id, new ApifyBody().Set("title", "Titled"));
        Assert.Equal("Titled", updated.Title);
        Assert.Equal(task.Name, updated.Name);
        await Client().Tasks.UpdateInputAsync(task.Id, new ApifyBody().Set("b", 20));
        var requests = _server.Requests();
        Assert.Equal(new[] { "title" }, requests[0].Body!.Value.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("PUT", $"/v2/actor-tasks/{task.Id}/input"), (requests[1].Method, requests[1].Path));
        Assert.Equal("{\"a\":1,\"b\":20}", (await Client().Tasks.GetAsync(task.Id)).InputJson);

        await Client().Tasks.DeleteAsync(task.Id);
        var gone = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Tasks.GetAsync(task.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(task.Id, gone.TargetId);
    }

    [Fact]
    public async Task Bad_requests_are_refused_before_anything_is_sent()
    {
        _server.ClearRequests();
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Tasks.CreateAsync(new ApifyBody().Set("name", "no-actor")));
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Tasks.UpdateAsync("x", new ApifyBody()));
        await Assert.ThrowsAsync<ApifyPathException>(() => Client().Tasks.GetAsync(".."));
        await Assert.ThrowsAsync<ApifyPathException>(() => Client().Tasks.StartAsync("a/b", null));
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task Start_runs_the_task_with_its_input_under_the_override_and_lists_and_finds_the_last_run()
    {
        var seed = SeedActor();
        var task = await NewTask(seed.ActorId, "{\"a\":1,\"b\":2}");
        var first = await Client().Tasks.StartAsync(task.Id, null);
        Assert.Equal(task.Id, first.ActorTaskId);
        Assert.Equal(256, first.Options!.MemoryMbytes);
        await Client().Runs.WaitAsync(first.Id, Wait);
        var second = await Client().Tasks.StartAsync(task.Id, ApifyInput.FromText("{\"b\":20}"), new ApifyRunOptionsRequest { MemoryMbytes = 512 });
        Assert.Equal(512, second.Options!.MemoryMbytes);
        var done = await Client().Runs.WaitAsync(second.Id, Wait);
        Assert.Equal(ApifyJobStatus.Succeeded, done.Job.Status);
        var input = await Client().KeyValueStores.GetRecordAsync(ApifyStorageRef.RunKeyValueStore(second.Id), "INPUT");
        Assert.Equal("{\"a\":1,\"b\":20}", System.Text.Encoding.UTF8.GetString(input.Body));

        var runs = await Client().Tasks.ListRunsAsync(task.Id, new PageRequest(), new ApifyJobFilter { Statuses = new[] { ApifyJobStatus.Succeeded } }).CollectAsync();
        Assert.Equal(new[] { first.Id, second.Id }, runs.Select(r => r.Id));
        Assert.Equal(second.Id, (await Client().Tasks.LastRunAsync(task.Id)).Id);
        Assert.Equal(second.Id, (await Client().Tasks.LastRunAsync(task.FullName, ApifyJobStatus.Succeeded)).Id);
        Assert.Equal(second.Id, (await Client().Runs.LastAsync(seed.ActorId)).Id);
        var none = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Tasks.LastRunAsync(task.Id, ApifyJobStatus.Failed));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(2, (await Client().Tasks.GetAsync(task.Id)).TotalRuns);
    }

    [Fact]
    public async Task Run_sync_returns_the_output_and_webhooks_list()
    {
        var seed = SeedActor();
        var task = await NewTask(seed.ActorId, "{\"a\":1}");
        var output = await Client().Tasks.RunSyncAsync(task.Id, ApifyInput.FromText("{\"b\":2}"));
        var text = System.Text.Encoding.UTF8.GetString(output.Body);
        Assert.Contains("\"input\":{\"a\":1,\"b\":2}", text);
        Assert.Empty(await Client().Tasks.ListWebhooksAsync(task.Id, new PageRequest()).CollectAsync());
    }
}
