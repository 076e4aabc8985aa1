using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's Actor, version, environment variable and webhook endpoints against the OpenAPI document, with
/// a plain HttpClient (not the ApifyPS client): status codes, Location, body validation, error types, cascades.
/// </summary>
public class ActorsContractTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new();

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, string? json = null,
        string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, contentType);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, body, response);
    }

    private static string ErrorType(JsonElement body) => body.GetProperty("error").GetProperty("type").GetString()!;

    private static string NewName() => "k-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Create_is_201_with_location_and_the_full_actor()
    {
        var name = NewName();
        var (status, body, response) = await Send(HttpMethod.Post, "/v2/actors", $"{{\"name\":\"{name}\",\"title\":\"T\"}}");
        Assert.Equal(HttpStatusCode.Created, status);
        var data = body.GetProperty("data");
        var id = data.GetProperty("id").GetString();
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/actors/{id}"), response.Headers.Location);
        foreach (var field in new[] { "id", "userId", "name", "username", "isPublic", "createdAt", "modifiedAt", "stats", "versions", "defaultRunOptions" })
            Assert.True(data.TryGetProperty(field, out _), $"Actor requires '{field}'");
        Assert.Equal(0, data.GetProperty("versions").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"title\":\"no name\"}")]
    [InlineData("{\"name\":\"Upper Case\"}")]
    [InlineData("{\"name\":42}")]
    [InlineData("[\"not an object\"]")]
    [InlineData("{not json")]
    [InlineData("{\"name\":\"ok-name\",\"isPublic\":\"yes\"}")]
    [InlineData("{\"name\":\"ok-name\",\"versions\":[{\"versionNumber\":\"0.1\",\"sourceType\":\"GIT_REPO\"}]}")]
    [InlineData("{\"name\":\"ok-name\",\"versions\":[{\"versionNumber\":\"1\",\"sourceType\":\"SOURCE_FILES\"}]}")]
    [InlineData("{\"name\":\"ok-name\",\"versions\":[{\"versionNumber\":\"0.1\",\"sourceType\":\"TARBALL\",\"tarballUrl\":\"x\"}]}")]
    [InlineData("{\"name\":\"ok-name\",\"defaultRunOptions\":{\"memoryMbytes\":100}}")]
    public async Task Bad_bodies_are_400_invalid_input(string json)
    {
        var (status, body, _) = await Send(HttpMethod.Post, "/v2/actors", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid-input", ErrorType(body));
    }

    [Fact]
    public async Task A_body_not_sent_as_json_is_400()
    {
        var (status, body, _) = await Send(HttpMethod.Post, "/v2/actors", "{\"name\":\"plain\"}", "text/plain");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid-input", ErrorType(body));
    }

    [Fact]
    public async Task Names_are_unique_per_user_on_create_and_rename()
    {
        var name = NewName();
        var other = NewName();
        await Send(HttpMethod.Post, "/v2/actors", $"{{\"name\":\"{name}\"}}");
        var (_, created, _) = await Send(HttpMethod.Post, "/v2/actors", $"{{\"name\":\"{other}\"}}");
        var (status, body, _) = await Send(HttpMethod.Post, "/v2/actors", $"{{\"name\":\"{name}\"}}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("actor-name-not-unique", ErrorType(body));
        var id = created.GetProperty("data").GetProperty("id").GetString();
        (status, body, _) = await Send(HttpMethod.Put, $"/v2/actors/{id}", $"{{\"name\":\"{name}\"}}");
        Assert.Equal("actor-name-not-unique", ErrorType(body));
        (status, _, _) = await Send(HttpMethod.Put, $"/v2/actors/{id}", $"{{\"name\":\"{other}\"}}");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Update_changes_only_the_fields_given()
    {
        var seed = _server.Seed(NewName());
        await Send(HttpMethod.Put, $"/v2/actors/{seed.ActorId}", "{\"title\":\"T\",\"description\":\"D\"}");
        var (status, body, _) = await Send(HttpMethod.Put, $"/v2/acts/{seed.Actor}", "{\"description\":null}");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data");
        Assert.Equal("T", data.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("description").ValueKind);
        Assert.Equal("0.0", data.GetProperty("versions")[0].GetProperty("versionNumber").GetString());
    }

    [Fact]
    public async Task Delete_is_204_and_takes_builds_runs_and_versions_with_it()
    {
        var seed = _server.Seed(NewName(), builds: 3, runs: 2);
        var (_, builds, _) = await Send(HttpMethod.Get, $"/v2/actors/{seed.ActorId}/builds");
        var buildId = builds.GetProperty("data").GetProperty("items")[0].GetProperty("id").GetString();
        var (_, before, _) = await Send(HttpMethod.Get, "/v2/actor-builds");
        var totalBefore = before.GetProperty("data").GetProperty("total").GetInt32();
        var (status, _, response) = await Send(HttpMethod.Delete, $"/v2/acts/{seed.Actor}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        foreach (var path in new[] { $"/v2/actors/{seed.ActorId}", $"/v2/actors/{seed.ActorId}/versions", $"/v2/actor-builds/{buildId}", $"/v2/actors/{seed.Actor}/builds" })
        {
            var (gone, body, _) = await Send(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.NotFound, gone);
            Assert.Equal("record-not-found", ErrorType(body));
        }
        var (_, after, _) = await Send(HttpMethod.Get, "/v2/actor-builds");
        Assert.Equal(totalBefore - 3, after.GetProperty("data").GetProperty("total").GetInt32());
        var (again, _, _) = await Send(HttpMethod.Delete, $"/v2/actors/{seed.ActorId}");
        Assert.Equal(HttpStatusCode.NotFound, again);
    }

    [Fact]
    public async Task Versions_201_location_duplicates_and_partial_updates()
    {
        var seed = _server.Seed(NewName());
        var (status, body, response) = await Send(HttpMethod.Post, $"/v2/actors/{seed.ActorId}/versions",
            "{\"versionNumber\":\"0.1\",\"sourceType\":\"GIT_REPO\",\"gitRepoUrl\":\"https://github.com/x/y\"}");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(new Uri(_server.BaseUri, $"/v2/actors/{seed.ActorId}/versions/0.1"), response.Headers.Location);
        Assert.Equal("latest", body.GetProperty("data").GetProperty("buildTag").GetString());
        (status, body, _) = await Send(HttpMethod.Post, $"/v2/actors/{seed.ActorId}/versions",
            "{\"versionNumber\":\"0.1\",\"sourceType\":\"GIT_REPO\",\"gitRepoUrl\":\"https://github.com/x/y\"}");
        Assert.Equal("version-already-exists", ErrorType(body));
        (status, body, _) = await Send(HttpMethod.Post, $"/v2/actors/{seed.ActorId}/versions", "{\"versionNumber\":\"0.2\"}");
        Assert.Equal("invalid-input", ErrorType(body));
        (status, body, _) = await Send(HttpMethod.Put, $"/v2/actors/{seed.ActorId}/versions/0.1", "{\"sourceType\":\"TARBALL\"}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, body, _) = await Send(HttpMethod.Post, $"/v2/actors/{seed.ActorId}/versions/0.1", "{\"buildTag\":\"beta\"}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("https://github.com/x/y", body.GetProperty("data").GetProperty("gitRepoUrl").GetString());
        (status, body, _) = await Send(HttpMethod.Get, $"/v2/actors/{seed.ActorId}/versions");
        Assert.Equal(2, body.GetProperty("data").GetProperty("total").GetInt32());
        (status, _, _) = await Send(HttpMethod.Delete, $"/v2/actors/{seed.ActorId}/versions/0.1");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, body, _) = await Send(HttpMethod.Get, $"/v2/actors/{seed.ActorId}/versions/0.1");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Secret_values_are_never_answered_and_survive_updates_that_leave_them_out()
    {
        var seed = _server.Seed(NewName());
        var secret = "sv-" + Guid.NewGuid().ToString("N");
        var (status, body, _) = await Send(HttpMethod.Put, $"/v2/actors/{seed.ActorId}/versions/0.0",
            $"{{\"envVars\":[{{\"name\":\"KEY\",\"value\":\"{secret}\",\"isSecret\":true}},{{\"name\":\"MODE\",\"value\":\"dev\"}}]}}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(secret, body.GetRawText());
        // The version as read back (KEY without its value) sent again keeps the secret.
        (status, body, _) = await Send(HttpMethod.Put, $"/v2/actors/{seed.ActorId}/versions/0.0",
            "{\"envVars\":[{\"name\":\"KEY\",\"isSecret\":true},{\"name\":\"MODE\",\"value\":\"prod\"}]}");
        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var path in new[] { $"/v2/actors/{seed.ActorId}", $"/v2/actors/{seed.ActorId}/versions", $"/v2/actors/{seed.ActorId}/versions/0.0",
                     $"/v2/actors/{seed.ActorId}/versions/0.0/env-vars", $"/v2/actors/{seed.ActorId}/versions/0.0/env-vars/KEY" })
        {
            var (s, b, _) = await Send(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, s);
            Assert.DoesNotContain(secret, b.GetRawText());
        }
        var (_, one, _) = await Send(HttpMethod.Get, $"/v2/actors/{seed.ActorId}/versions/0.0/env-vars/KEY");
        Assert.False(one.GetProperty("data").TryGetProperty("value", out _));
        Assert.True(one.GetProperty("data").GetProperty("isSecret").GetBoolean());
        // A new variable without a value is refused.
        (status, body, _) = await Send(HttpMethod.Put, $"/v2/actors/{seed.ActorId}/versions/0.0", "{\"envVars\":[{\"name\":\"OTHER\",\"isSecret\":true}]}");
        Assert.Equal("invalid-input", ErrorType(body));
    }

    [Fact]
    public async Task Environment_variable_endpoints_follow_the_spec()
    {
        var seed = _server.Seed(NewName());
        var path = $"/v2/actors/{seed.ActorId}/versions/0.0/env-vars";
        var (status, body, response) = await Send(HttpMethod.Post, path, "{\"name\":\"A\",\"value\":\"1\"}");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(new Uri(_server.BaseUri, path + "/A"), response.Headers.Location);
        (status, body, _) = await Send(HttpMethod.Post, path, "{\"name\":\"A\",\"value\":\"2\"}");
        Assert.Equal("env-var-already-exists", ErrorType(body));
        (status, body, _) = await Send(HttpMethod.Post, path, "{\"name\":\"B\"}");
        Assert.Equal("invalid-input", ErrorType(body));
        (status, body, _) = await Send(HttpMethod.Put, path + "/A", "{\"name\":\"Z\",\"value\":\"2\"}");
        Assert.Equal("cannot-rename-env-var", ErrorType(body));
        (status, body, _) = await Send(HttpMethod.Put, path + "/A", "{\"name\":\"A\",\"value\":\"2\"}");
        Assert.Equal("2", body.GetProperty("data").GetProperty("value").GetString());
        (status, _, _) = await Send(HttpMethod.Delete, path + "/A");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, _, _) = await Send(HttpMethod.Get, path + "/A");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task List_answers_my_actors_in_the_list_envelope_and_checks_its_query()
    {
        var seed = _server.Seed(NewName(), builds: 1, runs: 1);
        var (status, body, _) = await Send(HttpMethod.Get, "/v2/actors?my=1&limit=1000&sortBy=stats.lastRunStartedAt&desc=1");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data");
        foreach (var field in new[] { "total", "offset", "limit", "count", "desc", "items" }) Assert.True(data.TryGetProperty(field, out _));
        var first = data.GetProperty("items")[0];
        foreach (var field in new[] { "id", "createdAt", "modifiedAt", "name", "username" }) Assert.True(first.TryGetProperty(field, out _), $"ActorShort requires '{field}'");
        Assert.Contains(data.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == seed.ActorId);
        (status, body, _) = await Send(HttpMethod.Get, "/v2/actors?sortBy=name");
        Assert.Equal("invalid-parameter", ErrorType(body));
        (status, body, _) = await Send(HttpMethod.Get, "/v2/actors?my=perhaps");
        Assert.Equal("invalid-parameter", ErrorType(body));
    }

    [Fact]
    public async Task Webhooks_list_is_paged_and_404s_for_unknown_actors()
    {
        var seed = _server.Seed(NewName(), extra: new { webhooks = 3 });
        var (status, body, _) = await Send(HttpMethod.Get, $"/v2/actors/{seed.Actor}/webhooks?offset=1&limit=1&desc=1");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data");
        Assert.Equal(3, data.GetProperty("total").GetInt32());
        var hook = Assert.Single(data.GetProperty("items").EnumerateArray());
        foreach (var field in new[] { "id", "createdAt", "modifiedAt", "userId", "eventTypes", "condition", "ignoreSslErrors", "doNotRetry", "requestUrl" })
            Assert.True(hook.TryGetProperty(field, out _), $"WebhookShort requires '{field}'");
        Assert.Equal(seed.ActorId, hook.GetProperty("condition").GetProperty("actorId").GetString());
        (status, body, _) = await Send(HttpMethod.Get, "/v2/actors/nobody~nothing/webhooks");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
