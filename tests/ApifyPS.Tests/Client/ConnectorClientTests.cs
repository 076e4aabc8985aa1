using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>GET /v2/users/me on the local server (the spec's UserPrivateInfo) and Connect-Apify's core over real HTTP.</summary>
public class ConnectorClientTests(TwoUserEmulatorFixture fixture) : IClassFixture<TwoUserEmulatorFixture>, IDisposable
{
    private readonly EmulatorProcess _server = fixture.Server;
    private readonly TempDirectory _temp = new();
    private static readonly HttpClient Http = new();

    public void Dispose() => _temp.Dispose();

    private CredentialStore Store() => new(_temp.Combine("profiles"), TokenProtection.OwnerOnlyFile);

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetMe(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUri, "/v2/users/me"));
        if (token != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Users_me_answers_the_documented_UserPrivateInfo_of_the_token_owner()
    {
        var (status, body) = await GetMe(_server.Token);
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data");
        foreach (var required in new[] { "username", "plan", "effectivePlatformFeatures", "isPaying" })
            Assert.True(data.TryGetProperty(required, out _), $"UserPrivateInfo requires '{required}'");
        Assert.True(data.GetProperty("plan").TryGetProperty("availableProxyGroups", out _));
        foreach (var feature in data.GetProperty("effectivePlatformFeatures").EnumerateObject())
            foreach (var required in new[] { "isEnabled", "disabledReason", "disabledReasonType", "isTrial", "trialExpirationAt" })
                Assert.True(feature.Value.TryGetProperty(required, out _), $"{feature.Name} lacks '{required}'");
        Assert.Equal("janedoe", data.GetProperty("username").GetString());
        var (_, other) = await GetMe(TwoUserEmulatorFixture.OtherToken);
        Assert.Equal("bob", other.GetProperty("data").GetProperty("username").GetString());
        Assert.NotEqual(data.GetProperty("id").GetString(), other.GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Users_me_is_401_without_a_token_or_with_a_wrong_one()
    {
        var (missing, body) = await GetMe(null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal("token-not-provided", body.GetProperty("error").GetProperty("type").GetString());
        var (wrong, body2) = await GetMe("not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal("invalid-token", body2.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_other_users_token_does_not_see_janedoes_actor()
    {
        var seed = _server.Seed("connector-private", 2);
        var client = new ApifyClient(_server.Connection(TwoUserEmulatorFixture.OtherToken));
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => client.Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync());
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Verify_names_the_account_and_sends_the_token_only_in_the_header()
    {
        _server.ClearRequests();
        var verified = await ApifyConnector.VerifyAsync(_server.Connection(TwoUserEmulatorFixture.OtherToken), null, default);
        Assert.Equal("bob", verified.Username);
        Assert.False(string.IsNullOrEmpty(verified.UserId));
        var request = Assert.Single(_server.Requests());
        Assert.Equal(("/v2/users/me", "header", ""), (request.Path, request.Auth, request.Query));
    }

    [Fact]
    public async Task A_wrong_token_is_refused_clearly_and_nothing_is_saved()
    {
        var store = Store();
        store.Save("default", _server.BaseUri, "janedoe", "U1", _server.Token);
        var before = File.ReadAllBytes(store.PathOf("default"));
        var lines = new List<string>();
        var wrong = "apify_api_wrong_" + Guid.NewGuid().ToString("N");
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => ApifyConnector.VerifyAsync(
            new ApifyConnection(_server.BaseUri, wrong, ApifyConnectionSource.Parameter), new ApifyClientOptions { Verbose = lines.Add }, default));
        Assert.Equal(("invalid-token", HttpStatusCode.Unauthorized), (ex.ErrorType, ex.StatusCode));
        Assert.Contains("refused the token", ex.Message);
        Assert.Contains("Nothing was saved", ex.Message);
        Assert.DoesNotContain(wrong, ex.Message);
        Assert.DoesNotContain(wrong, string.Join("\n", lines));
        // VerifyAsync throws before Save can run: the stored profile is untouched.
        Assert.Equal(before, File.ReadAllBytes(store.PathOf("default")));
    }

    [Fact]
    public async Task Save_and_forget_with_a_vault_keep_the_token_out_of_the_file()
    {
        var store = Store();
        var vault = new MemoryVault();
        var verified = await ApifyConnector.VerifyAsync(_server.Connection(), null, default);
        var saved = ApifyConnector.Save(store, "ci", verified, vault, "CorpVault");
        Assert.Equal(TokenProtection.SecretVault, saved.Protection);
        Assert.Equal(_server.Token, vault.Secrets[("CorpVault", "ApifyPS.ci")]);
        Assert.DoesNotContain(_server.Token, File.ReadAllText(saved.Path));
        Assert.Equal("janedoe", store.Load("ci")!.Username);

        Assert.True(ApifyConnector.Forget(store, "ci", vault));
        Assert.Empty(vault.Secrets);
        Assert.Null(store.Load("ci"));
        Assert.False(ApifyConnector.Forget(store, "ci", vault));
    }

    [Fact]
    public void Saving_to_a_vault_without_SecretManagement_stores_nothing()
    {
        var store = Store();
        var verified = _server.Connection().WithUser("janedoe", "U1");
        var ex = Assert.Throws<ApifyConnectionException>(() => ApifyConnector.Save(store, "ci", verified, new MemoryVault { IsAvailable = false }, "CorpVault"));
        Assert.Equal(ApifyErrorTypes.SecretVaultUnavailable, ex.ErrorType);
        Assert.Empty(store.List());
    }

    [Fact]
    public void Forget_deletes_a_damaged_file_but_keeps_a_vault_profile_whose_vault_is_unreachable()
    {
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.PathOf("broken"), "{{{");
        Assert.True(ApifyConnector.Forget(store, "broken", null));
        Assert.False(File.Exists(store.PathOf("broken")));

        store.Save("ci", _server.BaseUri, null, null, null, "CorpVault", "ApifyPS.ci");
        Assert.Throws<ApifyConnectionException>(() => ApifyConnector.Forget(store, "ci", new MemoryVault { IsAvailable = false }));
        Assert.True(File.Exists(store.PathOf("ci")));
    }
}
