using System.Net;
using System.Text.Json;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Webhooks of the client against the local server over real HTTP: create, read, update, delete, test, dispatch
/// lists, and the server's real dispatches to a receiver on loopback.
/// </summary>
public class WebhooksClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client() => new(_server.Connection(), new ApifyClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) });

    private static string NewName() => "hook-" + Guid.NewGuid().ToString("N")[..10];

    private static ApifyBody Hook(string actorId, string url, params string[] events) => new ApifyBody()
        .Set("eventTypes", events.Cast<object?>().ToList())
        .Set("condition", new ApifyBody().Set("actorId", actorId))
        .Set("requestUrl", url);

    private async Task<List<ApifyWebhookDispatch>> Dispatches(string webhookId)
    {
        var list = new List<ApifyWebhookDispatch>();
        await foreach (var d in Client().Webhooks.ListDispatchesAsync(webhookId, new PageRequest())) list.Add(d);
        return list;
    }

    /// <summary>The webhook's dispatches once none is ACTIVE any more (the call ended), within the deadline.</summary>
    private async Task<List<ApifyWebhookDispatch>> SettledDispatches(string webhookId, int count)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var list = await Dispatches(webhookId);
            if (list.Count >= count && list.All(d => d.Status != "ACTIVE")) return list;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{list.Count} dispatch(es) of {webhookId}, statuses {string.Join(", ", list.Select(d => d.Status))}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Create_get_update_delete_round_trip()
    {
        var seed = _server.Seed(NewName());
        _server.ClearRequests();
        var created = await Client().Webhooks.CreateAsync(Hook(seed.Actor, "https://hooks.example.com/a", "actor.run.failed", "ACTOR.RUN.TIMED-OUT")
            .Set("description", "first"));
        Assert.Equal(seed.ActorId, created.ActorId);
        Assert.Equal(new[] { "ACTOR.RUN.FAILED", "ACTOR.RUN.TIMED_OUT" }, created.EventTypes);
        // username~name is read once for its id; the create carries an idempotency key of its own.
        var requests = _server.Requests();
        Assert.Equal(new[] { "GET", "POST" }, requests.Select(r => r.Method));
        var post = requests[1].Body!.Value;
        Assert.Equal(seed.ActorId, post.GetProperty("condition").GetProperty("actorId").GetString());
        Assert.Equal(32, post.GetProperty("idempotencyKey").GetString()!.Length);

        var read = await Client().Webhooks.GetAsync(created.Id);
        Assert.Equal("first", read.Description);
        Assert.Contains(await ToList(Client().Webhooks.ListAsync(seed.ActorId, new PageRequest())), w => w.Id == created.Id);
        Assert.Contains(await ToList(Client().Webhooks.ListAsync(null, new PageRequest())), w => w.Id == created.Id);

        _server.ClearRequests();
        var updated = await Client().Webhooks.UpdateAsync(created.Id, new ApifyBody().Set("description", "second"));
        Assert.Equal(new[] { "description" }, Assert.Single(_server.Requests()).Body!.Value.EnumerateObject().Select(p => p.Name));
        Assert.Equal("second", updated.Description);
        Assert.Equal("https://hooks.example.com/a", updated.RequestUrl);

        await Client().Webhooks.DeleteAsync(created.Id);
        var gone = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Webhooks.GetAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("ACTOR.RUN.FINISHED")]
    [InlineData("TEST")]
    [InlineData("")]
    public async Task An_invalid_event_type_is_refused_before_any_request(string eventType)
    {
        _server.ClearRequests();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client().Webhooks.CreateAsync(Hook("someActorId", "https://e.com/h", eventType)));
        Assert.Contains("event type", error.Message);
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task A_create_repeated_after_a_lost_answer_makes_one_webhook()
    {
        var seed = _server.Seed(NewName());
        var url = "https://hooks.example.com/" + Guid.NewGuid().ToString("N");
        _server.ClearRequests();
        // The server makes the webhook, then the connection drops before the answer: the client repeats the keyed create.
        _server.AddFault(new { path = "/v2/webhooks", method = "POST", action = "reset-after", count = 1 });
        var created = await Client().Webhooks.CreateAsync(Hook(seed.ActorId, url, "ACTOR.RUN.SUCCEEDED"));
        var posts = _server.Requests().Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body!.Value.GetProperty("idempotencyKey").GetString(), posts[1].Body!.Value.GetProperty("idempotencyKey").GetString());
        var mine = (await ToList(Client().Webhooks.ListAsync(seed.ActorId, new PageRequest()))).Where(w => w.RequestUrl == url).ToList();
        Assert.Equal(created.Id, Assert.Single(mine).Id);

        // The same key given again (a user repeating the command) answers the same webhook too.
        var key = posts[0].Body!.Value.GetProperty("idempotencyKey").GetString()!;
        var again = await Client().Webhooks.CreateAsync(Hook(seed.ActorId, url, "ACTOR.RUN.SUCCEEDED").Set("idempotencyKey", key));
        Assert.Equal(created.Id, again.Id);
        Assert.Single((await ToList(Client().Webhooks.ListAsync(seed.ActorId, new PageRequest()))).Where(w => w.RequestUrl == url));
    }

    [Fact]
    public async Task A_run_that_succeeds_is_dispatched_with_the_default_payload()
    {
        using var receiver = new HookReceiver();
        var seed = _server.Seed(NewName(), builds: 1, extra: new { runDurationMs = 100, startDelayMs = 10 });
        var hook = await Client().Webhooks.CreateAsync(Hook(seed.ActorId, receiver.Url, "ACTOR.RUN.SUCCEEDED", "ACTOR.RUN.FAILED"));
        var run = await StartAndWait(seed.ActorId);
        Assert.Equal("SUCCEEDED", run.Status);

        Assert.True(receiver.WaitFor(1, Deadline), "the receiver got no POST");
        var got = Assert.Single(receiver.Requests);
        Assert.Equal("POST", got.Method);
        Assert.StartsWith("application/json", got.Headers["Content-Type"]);
        Assert.Equal(hook.Id, got.Headers["X-Apify-Webhook"]);
        using var payload = JsonDocument.Parse(got.Body);
        Assert.Equal("ACTOR.RUN.SUCCEEDED", payload.RootElement.GetProperty("eventType").GetString());
        Assert.Equal(run.Id, payload.RootElement.GetProperty("resource").GetProperty("id").GetString());
        Assert.Equal("SUCCEEDED", payload.RootElement.GetProperty("resource").GetProperty("status").GetString());
        Assert.Equal(run.Id, payload.RootElement.GetProperty("eventData").GetProperty("actorRunId").GetString());
        Assert.Equal(seed.ActorId, payload.RootElement.GetProperty("eventData").GetProperty("actorId").GetString());
        Assert.True(payload.RootElement.TryGetProperty("userId", out _));
        Assert.True(payload.RootElement.TryGetProperty("createdAt", out _));

        var dispatch = Assert.Single(await SettledDispatches(hook.Id, 1));
        Assert.Equal("SUCCEEDED", dispatch.Status);
        Assert.Equal("ACTOR.RUN.SUCCEEDED", dispatch.EventType);
        Assert.Equal(200, dispatch.ResponseStatus);
        Assert.Equal(got.Headers["X-Apify-Webhook-Dispatch-Id"], dispatch.Id);
        var read = await Client().Webhooks.GetDispatchAsync(dispatch.Id);
        Assert.Equal(run.Id, read.EventData!.ActorRunId);
        Assert.Equal("SUCCEEDED", (await Client().Webhooks.GetAsync(hook.Id)).LastDispatch!.Status);
    }

    [Fact]
    public async Task A_run_that_fails_is_dispatched_with_the_webhooks_template()
    {
        using var receiver = new HookReceiver();
        var seed = _server.Seed(NewName(), builds: 1, extra: new { runDurationMs = 100, startDelayMs = 10, runOutcome = "FAILED" });
        var hook = await Client().Webhooks.CreateAsync(Hook(seed.ActorId, receiver.Url, "ACTOR.RUN.FAILED")
            .Set("payloadTemplate", "{\"run\": {{resource.id}}, \"what\": {{eventType}}, \"note\": \"failed\"}")
            .Set("headersTemplate", "{\"X-Team\": \"ops\"}"));
        var run = await StartAndWait(seed.ActorId);
        Assert.Equal("FAILED", run.Status);

        Assert.True(receiver.WaitFor(1, Deadline), "the receiver got no POST");
        var got = Assert.Single(receiver.Requests);
        using var payload = JsonDocument.Parse(got.Body);
        Assert.Equal(run.Id, payload.RootElement.GetProperty("run").GetString());
        Assert.Equal("ACTOR.RUN.FAILED", payload.RootElement.GetProperty("what").GetString());
        Assert.Equal(3, payload.RootElement.EnumerateObject().Count());
        Assert.Equal("ops", got.Headers["X-Team"]);
        var dispatch = Assert.Single(await SettledDispatches(hook.Id, 1));
        Assert.Equal("ACTOR.RUN.FAILED", dispatch.EventType);
        Assert.Equal("SUCCEEDED", dispatch.Status);
    }

    [Fact]
    public async Task A_failing_receiver_makes_the_dispatch_FAILED_with_its_status()
    {
        using var receiver = new HookReceiver(status: 500);
        var seed = _server.Seed(NewName(), builds: 1, extra: new { runDurationMs = 100, startDelayMs = 10 });
        var hook = await Client().Webhooks.CreateAsync(Hook(seed.ActorId, receiver.Url, "ACTOR.RUN.SUCCEEDED"));
        await StartAndWait(seed.ActorId);
        var dispatch = Assert.Single(await SettledDispatches(hook.Id, 1));
        Assert.Equal("FAILED", dispatch.Status);
        Assert.Equal(500, dispatch.ResponseStatus);
        Assert.Single(receiver.Requests);

        var failed = new List<ApifyWebhookDispatch>();
        await foreach (var d in Client().Webhooks.ListDispatchesAsync(hook.Id, new PageRequest(), "FAILED")) failed.Add(d);
        Assert.Equal(dispatch.Id, Assert.Single(failed).Id);
        await foreach (var d in Client().Webhooks.ListDispatchesAsync(hook.Id, new PageRequest(), "SUCCEEDED")) Assert.Fail("no dispatch SUCCEEDED: " + d.Id);
    }

    [Fact]
    public async Task A_test_dispatch_reaches_the_receiver_and_a_URL_off_loopback_is_never_called()
    {
        using var receiver = new HookReceiver();
        var seed = _server.Seed(NewName());
        var local = await Client().Webhooks.CreateAsync(Hook(seed.ActorId, receiver.Url, "ACTOR.RUN.SUCCEEDED"));
        var test = await Client().Webhooks.TestAsync(local.Id);
        Assert.Equal("TEST", test.EventType);
        Assert.Equal(local.Id, test.WebhookId);
        Assert.True(receiver.WaitFor(1, Deadline));
        using (var payload = JsonDocument.Parse(receiver.Requests[0].Body))
            Assert.Equal("TEST", payload.RootElement.GetProperty("eventType").GetString());
        Assert.Equal("SUCCEEDED", Assert.Single(await SettledDispatches(local.Id, 1)).Status);

        var remote = await Client().Webhooks.CreateAsync(Hook(seed.ActorId, "https://hooks.example.com/never", "ACTOR.RUN.SUCCEEDED"));
        await Client().Webhooks.TestAsync(remote.Id);
        var dispatch = Assert.Single(await SettledDispatches(remote.Id, 1));
        Assert.Equal("FAILED", dispatch.Status);
        Assert.Null(dispatch.ResponseStatus);
        Assert.Contains("loopback", dispatch.ErrorMessage);
    }

    private async Task<ApifyRun> StartAndWait(string actorId)
    {
        var started = await Client().Runs.StartAsync(actorId, null);
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var run = await Client().Runs.GetAsync(started.Id, 5);
            if (run.IsTerminal) return run;
            if (DateTime.UtcNow > until) throw new TimeoutException("run " + started.Id + " is still " + run.Status);
        }
    }

    private static async Task<List<T>> ToList<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source) list.Add(item);
        return list;
    }
}
