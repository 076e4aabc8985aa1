using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's users, usage, limits, webhook and webhook-dispatch endpoints against the OpenAPI document, with
/// a plain HttpClient: required fields, status codes, Location, validation and error types, idempotency keys, and
/// another user's records kept apart.
/// </summary>
public class AccountContractTests(TwoUserEmulatorFixture fixture) : IClassFixture<TwoUserEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new();

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, string? json = null,
        string? token = "")
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, path));
        if (token != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Length == 0 ? _server.Token : token);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, body, response);
    }

    private static string ErrorType(JsonElement body) => body.GetProperty("error").GetProperty("type").GetString()!;

    private static void Requires(JsonElement data, string schema, params string[] fields)
    {
        foreach (var field in fields) Assert.True(data.TryGetProperty(field, out _), $"{schema} requires '{field}'");
    }

    private string NewActor() => _server.Seed("c-" + Guid.NewGuid().ToString("N")[..10]).ActorId;

    [Fact]
    public async Task Users_me_and_a_public_profile_without_a_token()
    {
        var (status, me, _) = await Send(HttpMethod.Get, "/v2/users/me");
        Assert.Equal(HttpStatusCode.OK, status);
        Requires(me.GetProperty("data"), "UserPrivateInfo", "id", "username", "plan", "isPaying");
        var (publicStatus, profile, _) = await Send(HttpMethod.Get, "/v2/users/janedoe", token: null);
        Assert.Equal(HttpStatusCode.OK, publicStatus);
        var data = profile.GetProperty("data");
        Requires(data, "UserPublicInfo", "username", "profile");
        Assert.False(data.TryGetProperty("email", out _), "a public profile has no e-mail");
        var (missing, error, _) = await Send(HttpMethod.Get, "/v2/users/nobody-here", token: null);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("record-not-found", ErrorType(error));
    }

    [Fact]
    public async Task Monthly_usage_has_the_schemas_fields_and_refuses_a_bad_date()
    {
        var (status, body, _) = await Send(HttpMethod.Get, "/v2/users/me/usage/monthly?date=2024-02-10");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data");
        Requires(data, "MonthlyUsage", "usageCycle", "monthlyServiceUsage", "dailyServiceUsages", "totalUsageCreditsUsdBeforeVolumeDiscount",
            "totalUsageCreditsUsdAfterVolumeDiscount");
        Assert.Equal("2024-02-01T00:00:00.000Z", data.GetProperty("usageCycle").GetProperty("startAt").GetString());
        Assert.Equal("2024-02-29T23:59:59.999Z", data.GetProperty("usageCycle").GetProperty("endAt").GetString());
        var (bad, error, _) = await Send(HttpMethod.Get, "/v2/users/me/usage/monthly?date=10.02.2024");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("invalid-parameter", ErrorType(error));
        var (anonymous, _, _) = await Send(HttpMethod.Get, "/v2/users/me/usage/monthly", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
    }

    [Fact]
    public async Task Limits_get_and_put_are_the_users_own()
    {
        var (status, body, _) = await Send(HttpMethod.Get, "/v2/users/me/limits");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data");
        Requires(data, "AccountLimits", "monthlyUsageCycle", "limits", "current");
        Requires(data.GetProperty("limits"), "Limits", "maxMonthlyUsageUsd", "maxMonthlyActorComputeUnits", "maxMonthlyExternalDataTransferGbytes",
            "maxMonthlyProxySerps", "maxMonthlyResidentialProxyGbytes", "maxActorMemoryGbytes", "maxActorCount", "maxActorTaskCount",
            "maxConcurrentActorJobs", "maxTeamAccountSeatCount", "dataRetentionDays");
        Requires(data.GetProperty("current"), "Current", "monthlyUsageUsd", "monthlyActorComputeUnits", "monthlyExternalDataTransferGbytes",
            "monthlyProxySerps", "monthlyResidentialProxyGbytes", "actorMemoryGbytes", "actorCount", "actorTaskCount", "activeActorJobCount",
            "teamAccountSeatCount");
        var (put, _, _) = await Send(HttpMethod.Put, "/v2/users/me/limits", "{\"maxMonthlyUsageUsd\": 42.5}");
        Assert.Equal(HttpStatusCode.Created, put);
        var (_, after, _) = await Send(HttpMethod.Get, "/v2/users/me/limits");
        Assert.Equal(42.5, after.GetProperty("data").GetProperty("limits").GetProperty("maxMonthlyUsageUsd").GetDouble());
        Assert.NotEqual(42.5, (await Send(HttpMethod.Get, "/v2/users/me/limits", token: TwoUserEmulatorFixture.OtherToken)).Body
            .GetProperty("data").GetProperty("limits").GetProperty("maxMonthlyUsageUsd").GetDouble());
        var (bad, error, _) = await Send(HttpMethod.Put, "/v2/users/me/limits", "{\"dataRetentionDays\": 0}");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("invalid-input", ErrorType(error));
    }

    [Fact]
    public async Task Webhook_create_is_201_with_location_and_an_idempotency_key_answers_the_first_webhook()
    {
        var actorId = NewActor();
        var json = $"{{\"eventTypes\":[\"ACTOR.RUN.SUCCEEDED\"],\"condition\":{{\"actorId\":\"{actorId}\"}},\"requestUrl\":\"https://e.example.com/h\",\"idempotencyKey\":\"k-{Guid.NewGuid():N}\"}}";
        var (status, body, response) = await Send(HttpMethod.Post, "/v2/webhooks", json);
        Assert.Equal(HttpStatusCode.Created, status);
        var data = body.GetProperty("data");
        Requires(data, "Webhook", "id", "createdAt", "modifiedAt", "userId", "eventTypes", "condition", "ignoreSslErrors");
        var id = data.GetProperty("id").GetString();
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/webhooks/{id}"), response.Headers.Location);
        var (again, second, _) = await Send(HttpMethod.Post, "/v2/webhooks", json);
        Assert.Equal(HttpStatusCode.Created, again);
        Assert.Equal(id, second.GetProperty("data").GetProperty("id").GetString());
        var (_, list, _) = await Send(HttpMethod.Get, $"/v2/actors/{actorId}/webhooks");
        Assert.Equal(1, list.GetProperty("data").GetProperty("total").GetInt32());
        Requires(list.GetProperty("data").GetProperty("items")[0], "WebhookShort", "id", "createdAt", "modifiedAt", "userId", "eventTypes", "condition",
            "ignoreSslErrors", "doNotRetry", "requestUrl");

        // Another user sees none of it.
        var (other, error, _) = await Send(HttpMethod.Get, $"/v2/webhooks/{id}", token: TwoUserEmulatorFixture.OtherToken);
        Assert.Equal(HttpStatusCode.NotFound, other);
        Assert.Equal("record-not-found", ErrorType(error));
        var (deleted, _, _) = await Send(HttpMethod.Delete, $"/v2/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, $"/v2/webhooks/{id}")).Status);
    }

    [Theory]
    [InlineData("{\"condition\":{\"actorId\":\"ACTOR\"},\"requestUrl\":\"https://e.example.com/h\"}")]
    [InlineData("{\"eventTypes\":[\"ACTOR.RUN.DONE\"],\"condition\":{\"actorId\":\"ACTOR\"},\"requestUrl\":\"https://e.example.com/h\"}")]
    [InlineData("{\"eventTypes\":[\"ACTOR.RUN.FAILED\"],\"condition\":{},\"requestUrl\":\"https://e.example.com/h\"}")]
    [InlineData("{\"eventTypes\":[\"ACTOR.RUN.FAILED\"],\"condition\":{\"actorId\":\"ACTOR\"},\"requestUrl\":\"not a url\"}")]
    [InlineData("{\"eventTypes\":[\"ACTOR.RUN.FAILED\"],\"condition\":{\"actorId\":\"ACTOR\"},\"requestUrl\":\"https://e.example.com/h\",\"payloadTemplate\":\"{oops\"}")]
    public async Task Webhook_create_refuses_a_body_that_does_not_fit(string template)
    {
        var (status, body, _) = await Send(HttpMethod.Post, "/v2/webhooks", template.Replace("ACTOR", NewActor()));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid-input", ErrorType(body));
    }

    [Fact]
    public async Task Update_changes_only_the_fields_given_and_test_answers_a_dispatch()
    {
        var actorId = NewActor();
        var (_, created, _) = await Send(HttpMethod.Post, "/v2/webhooks",
            $"{{\"eventTypes\":[\"ACTOR.RUN.FAILED\"],\"condition\":{{\"actorId\":\"{actorId}\"}},\"requestUrl\":\"https://e.example.com/h\",\"description\":\"a\"}}");
        var id = created.GetProperty("data").GetProperty("id").GetString();
        var (status, updated, _) = await Send(HttpMethod.Put, $"/v2/webhooks/{id}", "{\"description\":\"b\"}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("b", updated.GetProperty("data").GetProperty("description").GetString());
        Assert.Equal("https://e.example.com/h", updated.GetProperty("data").GetProperty("requestUrl").GetString());
        Assert.Equal("ACTOR.RUN.FAILED", updated.GetProperty("data").GetProperty("eventTypes")[0].GetString());

        var (tested, dispatch, _) = await Send(HttpMethod.Post, $"/v2/webhooks/{id}/test");
        Assert.Equal(HttpStatusCode.Created, tested);
        var d = dispatch.GetProperty("data");
        Requires(d, "WebhookDispatch", "id", "userId", "webhookId", "createdAt", "status", "eventType");
        Assert.Equal("TEST", d.GetProperty("eventType").GetString());
        var dispatchId = d.GetProperty("id").GetString();
        // Off loopback: recorded FAILED without a connection.
        Assert.True(EmulatorProcess.WaitUntil(() => Send(HttpMethod.Get, $"/v2/webhook-dispatches/{dispatchId}").GetAwaiter().GetResult().Body
            .GetProperty("data").GetProperty("status").GetString() == "FAILED", TimeSpan.FromSeconds(30)));
        var (_, ofWebhook, _) = await Send(HttpMethod.Get, $"/v2/webhooks/{id}/dispatches?desc=1&limit=5");
        var page = ofWebhook.GetProperty("data");
        Requires(page, "ListOfWebhookDispatches", "total", "offset", "limit", "desc", "count", "items");
        Assert.Equal(dispatchId, page.GetProperty("items")[0].GetProperty("id").GetString());
        var (_, all, _) = await Send(HttpMethod.Get, "/v2/webhook-dispatches");
        Assert.Contains(all.GetProperty("data").GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == dispatchId);
        var (_, others, _) = await Send(HttpMethod.Get, "/v2/webhook-dispatches", token: TwoUserEmulatorFixture.OtherToken);
        Assert.DoesNotContain(others.GetProperty("data").GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == dispatchId);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, $"/v2/webhook-dispatches/{dispatchId}", token: TwoUserEmulatorFixture.OtherToken)).Status);
    }
}
