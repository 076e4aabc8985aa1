using System.Net;
using System.Security;
using System.Text.Json;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>The Actor, version and webhook endpoints of the client against the local server over real HTTP.</summary>
public class ActorsClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client(string? token = null) => new(_server.Connection(token));

    private static string NewName() => "c-" + Guid.NewGuid().ToString("N")[..12];

    private static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        return s;
    }

    [Fact]
    public async Task Create_get_update_delete_round_trip()
    {
        var name = NewName();
        _server.ClearRequests();
        var created = await Client().Actors.CreateAsync(new ApifyBody().Set("name", name).Set("title", "Round trip")
            .Set("versions", new List<object?> { new ApifyBody().Set("versionNumber", "0.1").Set("sourceType", "TARBALL").Set("tarballUrl", "https://e.com/a.zip") }));
        Assert.Equal(name, created.Name);
        Assert.Equal("0.1", Assert.Single(created.Versions!).VersionNumber);
        Assert.Equal(created.Id, created.Versions![0].ActorId);
        var post = Assert.Single(_server.Requests());
        Assert.Equal("POST", post.Method);
        Assert.Equal("/v2/actors", post.Path);
        Assert.Equal(name, post.Body!.Value.GetProperty("name").GetString());

        var byName = await Client().Actors.GetAsync(created.FullName);
        Assert.Equal(created.Id, byName.Id);

        _server.ClearRequests();
        var updated = await Client().Actors.UpdateAsync(created.Id, new ApifyBody().Set("description", "now described"));
        Assert.Equal("now described", updated.Description);
        Assert.Equal("Round trip", updated.Title);
        var put = Assert.Single(_server.Requests());
        Assert.Equal("PUT", put.Method);
        Assert.Equal(new[] { "description" }, put.Body!.Value.EnumerateObject().Select(p => p.Name));

        await Client().Actors.DeleteAsync(created.Id);
        var gone = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Actors.GetAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(created.Id, gone.TargetId);
    }

    [Fact]
    public async Task Lists_my_actors_lazily_with_sort_and_paging()
    {
        var names = Enumerable.Range(0, 5).Select(_ => NewName()).ToList();
        foreach (var n in names) _server.Seed(n);
        _server.ClearRequests();
        var page = await Client().Actors.ListAsync(my: true, ApifyActorSort.CreatedAt, new PageRequest { PageSize = 2, Descending = true }).CollectAsync(take: 3);
        Assert.Equal(names.AsEnumerable().Reverse().Take(3), page.Select(a => a.Name));
        Assert.Equal(new[] { "my=true&sortBy=createdAt&limit=2&desc=true", "my=true&sortBy=createdAt&offset=2&limit=2&desc=true" },
            _server.Requests().Select(r => r.Query));
    }

    [Fact]
    public async Task A_name_taken_is_actor_name_not_unique_and_nothing_is_sent_for_bad_bodies()
    {
        var name = NewName();
        _server.Seed(name);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Actors.CreateAsync(new ApifyBody().Set("name", name)));
        Assert.Equal("actor-name-not-unique", ex.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        _server.ClearRequests();
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Actors.CreateAsync(new ApifyBody().Set("name", "Bad Name")));
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Actors.UpdateAsync("x", new ApifyBody()));
        await Assert.ThrowsAsync<ArgumentException>(() => Client().ActorVersions.CreateAsync("x", new ApifyBody().Set("versionNumber", "1.0").Set("sourceType", "GIT_REPO")));
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task Versions_round_trip_and_secrets_come_back_without_values()
    {
        var seed = _server.Seed(NewName());
        var created = await Client().ActorVersions.CreateAsync(seed.Actor, new ApifyBody().Set("versionNumber", "2.0").Set("sourceType", "GIT_REPO")
            .Set("gitRepoUrl", "https://github.com/x/y").Set("envVars", ApifyActorSchema.NormalizeEnvVars(new ApifyBody().Set("KEY", Secure("s3cret")).Set("MODE", "dev"))));
        Assert.Equal("2.0", created.VersionNumber);
        Assert.Equal(seed.Actor, created.ActorId);
        var key = created.EnvVars!.Single(e => e.Name == "KEY");
        Assert.True(key.IsSecret);
        Assert.Null(key.Value);
        Assert.Equal("KEY=(secret)", key.ToString());
        Assert.Equal("dev", created.EnvVars!.Single(e => e.Name == "MODE").Value);

        var versions = await Client().ActorVersions.ListAsync(seed.Actor);
        Assert.Equal(new[] { "0.0", "2.0" }, versions.Select(v => v.VersionNumber));
        Assert.All(versions, v => Assert.Equal(seed.Actor, v.ActorId));

        var updated = await Client().ActorVersions.UpdateAsync(seed.ActorId, "2.0", new ApifyBody().Set("buildTag", "beta"));
        Assert.Equal("beta", updated.BuildTag);
        Assert.Equal("https://github.com/x/y", updated.GitRepoUrl);

        await Client().ActorVersions.DeleteAsync(seed.ActorId, "2.0");
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().ActorVersions.GetAsync(seed.ActorId, "2.0"));
        Assert.Equal("record-not-found", ex.ErrorType);
    }

    [Fact]
    public async Task Setting_environment_variables_updates_existing_ones_creates_new_ones_and_leaves_the_rest()
    {
        var seed = _server.Seed(NewName());
        await Client().ActorVersions.UpdateAsync(seed.ActorId, "0.0", new ApifyBody()
            .Set("envVars", ApifyActorSchema.NormalizeEnvVars(new ApifyBody().Set("KEEP", "k").Set("SECRET", Secure("old")).Set("GONE", "g"))));
        _server.ClearRequests();
        var set = ApifyActorSchema.NormalizeEnvVars(new ApifyBody().Set("SECRET", Secure("new")).Set("ADDED", "a")).Cast<ApifyBody>().ToList();
        await Client().ActorVersions.SetEnvironmentVariablesAsync(seed.ActorId, "0.0", set, new[] { "GONE" });
        var requests = _server.Requests();
        Assert.Equal(new[] { "GET", "PUT", "POST", "DELETE" }, requests.Select(r => r.Method));
        Assert.EndsWith("/env-vars/SECRET", requests[1].Path);
        Assert.Equal("***", requests[1].Body!.Value.GetProperty("value").GetString()); // the log never keeps a secret
        Assert.True(requests[1].Body!.Value.GetProperty("isSecret").GetBoolean());
        Assert.True(_server.EnvVarMatches(seed.ActorId, "0.0", "SECRET", "new"));
        Assert.EndsWith("/env-vars/GONE", requests[3].Path);
        var vars = await Client().ActorVersions.ListEnvironmentVariablesAsync(seed.ActorId, "0.0");
        Assert.Equal(new[] { "ADDED", "KEEP", "SECRET" }, vars.Select(v => v.Name).OrderBy(n => n));
        Assert.Null(vars.Single(v => v.Name == "SECRET").Value);
    }

    [Fact]
    public async Task Webhooks_of_an_actor_page_lazily()
    {
        var seed = _server.Seed(NewName(), extra: new { webhooks = 5 });
        _server.ClearRequests();
        var hooks = await Client().Webhooks.ListAsync(seed.Actor, new PageRequest { PageSize = 2 }).CollectAsync();
        Assert.Equal(5, hooks.Count);
        Assert.All(hooks, h => Assert.Equal(seed.ActorId, h.ActorId));
        Assert.Equal(new[] { "limit=2", "offset=2&limit=2", "offset=4&limit=2" }, _server.Requests().Select(r => r.Query));
        Assert.True(hooks.Zip(hooks.Skip(1)).All(p => p.First.CreatedAt <= p.Second.CreatedAt));
    }

    [Fact]
    public void The_completion_cache_asks_once_then_again_when_stale_and_remembers_failures_briefly()
    {
        var name = NewName();
        _server.Seed(name);
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var cache = new ActorNameCache(() => now);
        _server.ClearRequests();
        var first = cache.Get(_server.Connection());
        Assert.Contains(first, a => a.Name == name && a.FullName.EndsWith("~" + name, StringComparison.Ordinal));
        cache.Get(_server.Connection());
        Assert.Single(_server.Requests());
        Assert.Equal("my=true&limit=1000", _server.Requests()[0].Query);
        now += cache.Lifetime + TimeSpan.FromSeconds(1);
        cache.Get(_server.Connection());
        Assert.Equal(2, _server.Requests().Count);
        cache.Invalidate(_server.Connection());
        cache.Get(_server.Connection());
        Assert.Equal(3, _server.Requests().Count);

        _server.ClearRequests();
        var wrong = _server.Connection("wrong-token");
        Assert.Empty(cache.Get(wrong));
        Assert.Empty(cache.Get(wrong));
        Assert.Single(_server.Requests());
        now += cache.FailureLifetime + TimeSpan.FromSeconds(1);
        Assert.Empty(cache.Get(wrong));
        Assert.Equal(2, _server.Requests().Count);
    }

    [Fact]
    public void A_secret_env_var_never_holds_a_value_even_if_one_came()
    {
        var v = JsonSerializer.Deserialize<ApifyEnvironmentVariable>("{\"name\":\"K\",\"value\":\"leaked\",\"isSecret\":true}", ApifyJson.Options)!;
        Assert.Null(v.Value);
        Assert.DoesNotContain("leaked", v.ToString());
        Assert.DoesNotContain("leaked", JsonSerializer.Serialize(v, ApifyJson.Options));
    }
}
