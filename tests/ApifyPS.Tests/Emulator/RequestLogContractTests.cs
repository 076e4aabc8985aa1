using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's request log (GET /__emulator/requests) keeps its shape but never a secret: a token sent as
/// ?token= is logged as token=***, the value of a secret environment variable as "***", at any depth of the body.
/// POST /__emulator/env-vars/check is how a test proves the secret arrived.
/// </summary>
public class RequestLogContractTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new();

    private async Task<HttpStatusCode> Send(HttpMethod method, string pathAndQuery, string? json = null, bool bearer = true)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.BaseUri, pathAndQuery));
        if (bearer) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    private static string NewName() => "log-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_token_sent_in_the_query_is_logged_as_token_redacted()
    {
        var seed = _server.Seed(NewName(), builds: 1);
        _server.ClearRequests();
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Get, $"/v2/acts/{seed.ActorId}/builds?limit=1&token={_server.Token}&desc=1", bearer: false));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/v2/actor-builds?token=wrong-secret-token", bearer: false));
        var logged = _server.Requests();
        Assert.Equal(new[] { "limit=1&token=***&desc=1", "token=***" }, logged.Select(r => r.Query));
        Assert.All(logged, r => Assert.Equal("query", r.Auth));
        var text = _server.RequestLogText();
        Assert.DoesNotContain(_server.Token, text);
        Assert.DoesNotContain("wrong-secret-token", text);
    }

    [Fact]
    public async Task The_value_of_a_secret_environment_variable_is_logged_as_redacted_wherever_it_is_in_the_body()
    {
        var seed = _server.Seed(NewName());
        var one = "s1-" + Guid.NewGuid().ToString("N");
        var two = "s2-" + Guid.NewGuid().ToString("N");
        var three = "s3-" + Guid.NewGuid().ToString("N");
        _server.ClearRequests();
        // A variable of its own, variables of a version, and variables of a version inside a new Actor.
        Assert.Equal(HttpStatusCode.Created, await Send(HttpMethod.Post, $"/v2/actors/{seed.ActorId}/versions/0.0/env-vars",
            $"{{\"name\":\"KEY\",\"value\":\"{one}\",\"isSecret\":true}}"));
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Put, $"/v2/actors/{seed.ActorId}/versions/0.0",
            $"{{\"envVars\":[{{\"name\":\"KEY\",\"value\":\"{two}\",\"isSecret\":true}},{{\"name\":\"MODE\",\"value\":\"dev\",\"isSecret\":false}}]}}"));
        var created = NewName();
        Assert.Equal(HttpStatusCode.Created, await Send(HttpMethod.Post, "/v2/acts",
            $"{{\"name\":\"{created}\",\"versions\":[{{\"versionNumber\":\"0.1\",\"sourceType\":\"SOURCE_FILES\",\"envVars\":[{{\"isSecret\":true,\"name\":\"API\",\"value\":\"{three}\"}}]}}]}}"));

        var text = _server.RequestLogText();
        foreach (var secret in new[] { one, two, three }) Assert.DoesNotContain(secret, text);
        var logged = _server.Requests();
        Assert.Equal(3, logged.Count);
        // The shape is kept: the fields are there, only the secret values are replaced; other values stay.
        Assert.Equal("***", logged[0].Body!.Value.GetProperty("value").GetString());
        Assert.Equal("KEY", logged[0].Body!.Value.GetProperty("name").GetString());
        var vars = logged[1].Body!.Value.GetProperty("envVars");
        Assert.Equal("***", vars[0].GetProperty("value").GetString());
        Assert.True(vars[0].GetProperty("isSecret").GetBoolean());
        Assert.Equal("dev", vars[1].GetProperty("value").GetString());
        Assert.Equal("***", logged[2].Body!.Value.GetProperty("versions")[0].GetProperty("envVars")[0].GetProperty("value").GetString());

        // The server itself got the values.
        Assert.True(_server.EnvVarMatches(seed.ActorId, "0.0", "KEY", two));
        Assert.False(_server.EnvVarMatches(seed.ActorId, "0.0", "KEY", one));
        Assert.True(_server.EnvVarMatches(seed.Actor, "0.0", "MODE", "dev"));
        var username = seed.Actor[..seed.Actor.IndexOf('~')];
        Assert.True(_server.EnvVarMatches($"{username}~{created}", "0.1", "API", three));
        Assert.Throws<InvalidOperationException>(() => _server.EnvVarMatches(seed.ActorId, "0.0", "NONE", "x"));
    }
}
