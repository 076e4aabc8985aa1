using ApifyPS.Client;
using ApifyPS.Cmdlets;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Resilience;

/// <summary>
/// The fault matrix's webhook rows: a webhook create carries an idempotency key, so every ambiguous failure is
/// retried with the same key and the server ends with exactly one webhook; a test dispatch is a create without a key,
/// never repeated after an ambiguous failure, and its error names the command that shows whether it happened.
/// </summary>
public class WebhookFaultMatrixResilienceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client() => new(_server.Connection(), new ApifyClientOptions
    {
        MaxRetries = 8,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(4),
        RequestTimeout = TimeSpan.FromSeconds(2),
    });

    private static ApifyBody Hook(string actorId, string url) => new ApifyBody()
        .Set("eventTypes", new List<object?> { "ACTOR.RUN.FAILED" })
        .Set("condition", new ApifyBody().Set("actorId", actorId))
        .Set("requestUrl", url);

    [Theory]
    [InlineData("status", 503)]
    [InlineData("status", 429)]
    [InlineData("reset-before", 0)]
    [InlineData("reset-after", 0)]
    [InlineData("close-after", 0)]
    [InlineData("truncate", 0)]
    [InlineData("delay", 0)]
    public async Task A_webhook_create_is_retried_with_its_key_and_makes_one_webhook(string action, int status)
    {
        var actor = _server.Seed("wf" + Guid.NewGuid().ToString("N")[..10]);
        var url = "https://hooks.example.com/" + Guid.NewGuid().ToString("N");
        _server.ClearRequests();
        _server.AddFault(action == "delay"
            ? new { path = "/v2/webhooks", method = "POST", action, count = 1, delayMs = 4000 }
            : status > 0 ? new { path = "/v2/webhooks", method = "POST", action, count = 1, status, delayMs = 0 }
            : (object)new { path = "/v2/webhooks", method = "POST", action, count = 1, delayMs = 0 });
        var created = await Client().Webhooks.CreateAsync(Hook(actor.ActorId, url));
        var posts = _server.Requests().Where(r => r.Method == "POST" && r.Path == "/v2/webhooks").ToList();
        Assert.Equal(2, posts.Count);
        Assert.Single(posts.Select(p => p.Body!.Value.GetProperty("idempotencyKey").GetString()).Distinct());
        var mine = new List<string>();
        await foreach (var w in Client().Webhooks.ListAsync(actor.ActorId, new PageRequest()))
            if (w.RequestUrl == url) mine.Add(w.Id);
        Assert.Equal(new[] { created.Id }, mine);
    }

    [Fact]
    public async Task A_refused_webhook_create_is_not_retried()
    {
        _server.ClearRequests();
        _server.AddFault(new { path = "/v2/webhooks", method = "POST", action = "status", status = 400, errorType = "invalid-input", count = 1 });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Webhooks.CreateAsync(Hook("someActorId", "https://e.example.com/h")));
        Assert.Equal("invalid-input", ex.ErrorType);
        Assert.Single(_server.Requests(), r => r.Method == "POST");
    }

    [Fact]
    public async Task A_test_dispatch_whose_answer_was_lost_is_not_repeated_and_says_how_to_check()
    {
        var actor = _server.Seed("wt" + Guid.NewGuid().ToString("N")[..10]);
        var hook = await Client().Webhooks.CreateAsync(Hook(actor.ActorId, "https://hooks.example.com/t"));
        var path = $"/v2/webhooks/{hook.Id}/test";
        _server.ClearRequests();
        _server.AddFault(new { path, method = "POST", action = "reset-after", count = 5 });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Webhooks.TestAsync(hook.Id));
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal($"Get-ApifyWebhookDispatch -WebhookId '{hook.Id}' -Descending -First 5", OutcomeCheckCommand.Render(ex.OutcomeCheck!));
        Assert.Single(_server.Requests(), r => r.Method == "POST" && r.Path == path);
    }
}
