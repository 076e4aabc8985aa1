using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Where the token comes from, first match wins: session, $env:APIFY_TOKEN, stored profile ($env:APIFY_PROFILE or
/// default), the Apify CLI's auth.json. Each level alone, and each overriding the next. No process state is touched:
/// the resolver gets its own session, environment and files.
/// </summary>
public class ConnectionResolverClientTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string> _env = new();
    private readonly ApifySession _session = new();
    private readonly MemoryVault _vault = new();
    private readonly CredentialStore _store;

    public ConnectionResolverClientTests()
    {
        _store = new CredentialStore(_temp.Combine("profiles"), TokenProtection.OwnerOnlyFile);
    }

    public void Dispose() => _temp.Dispose();

    private string CliFile => _temp.Combine("home", ".apify", "auth.json");

    private ConnectionSources Sources() =>
        new(_session, name => _env.TryGetValue(name, out var v) ? v : null, _store, CliFile, _vault);

    private ApifyConnection Resolve() => ConnectionResolver.Resolve(Sources());

    private void SessionConnect() =>
        _session.Connect(new ApifyConnection(new Uri("https://session.example/"), "tok-session", ApifyConnectionSource.Parameter, "work")
            .WithUser("sessionuser", "U-S"));

    private void SetEnvironment() => _env["APIFY_TOKEN"] = " tok-env ";

    private void StoreProfile(string name = "default", string token = "tok-stored") =>
        _store.Save(name, new Uri("https://stored.example/v2"), "storeduser", "U-P", token);

    private void WriteCliLogin(string json = "{\"token\":\"tok-cli\",\"username\":\"cliuser\",\"id\":\"U-C\",\"proxy\":{\"password\":\"p\"}}")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CliFile)!);
        File.WriteAllText(CliFile, json);
    }

    [Fact]
    public void Session_alone()
    {
        SessionConnect();
        var c = Resolve();
        Assert.Equal((ApifyConnectionSource.Session, "tok-session", "sessionuser", "work"), (c.Source, c.Token, c.Username, c.Profile));
        Assert.Equal(new Uri("https://session.example/"), c.BaseUri);
    }

    [Fact]
    public void Environment_alone_goes_to_the_environment_base_uri_or_the_default()
    {
        SetEnvironment();
        var c = Resolve();
        Assert.Equal((ApifyConnectionSource.Environment, "tok-env"), (c.Source, c.Token));
        Assert.Equal(ApifyConnection.DefaultBaseUri, c.BaseUri);
        Assert.Equal("$env:APIFY_TOKEN", c.Location);
        _env["APIFY_CLIENT_BASE_URL"] = "https://proxy.example/v2";
        Assert.Equal(new Uri("https://proxy.example/"), Resolve().BaseUri);
    }

    [Fact]
    public void Stored_profile_alone_carries_its_own_base_uri()
    {
        StoreProfile();
        _env["APIFY_CLIENT_BASE_URL"] = "https://proxy.example/"; // applies to env and CLI tokens only
        var c = Resolve();
        Assert.Equal((ApifyConnectionSource.StoredProfile, "tok-stored", "storeduser", "U-P", "default"),
            (c.Source, c.Token, c.Username, c.UserId, c.Profile));
        Assert.Equal(new Uri("https://stored.example/"), c.BaseUri);
        Assert.Equal(_store.PathOf("default"), c.Location);
    }

    [Fact]
    public void Cli_login_alone_goes_to_the_environment_base_uri_or_the_default()
    {
        WriteCliLogin();
        var c = Resolve();
        Assert.Equal((ApifyConnectionSource.ApifyCli, "tok-cli", "cliuser", "U-C"), (c.Source, c.Token, c.Username, c.UserId));
        Assert.Equal(ApifyConnection.DefaultBaseUri, c.BaseUri);
        Assert.Equal(CliFile, c.Location);
        _env["APIFY_CLIENT_BASE_URL"] = "https://proxy.example/";
        Assert.Equal(new Uri("https://proxy.example/"), Resolve().BaseUri);
    }

    [Fact]
    public void Session_overrides_the_environment()
    {
        SetEnvironment();
        SessionConnect();
        Assert.Equal(ApifyConnectionSource.Session, Resolve().Source);
        _session.Disconnect();
        Assert.Equal(ApifyConnectionSource.Environment, Resolve().Source);
    }

    [Fact]
    public void Environment_overrides_the_stored_profile()
    {
        StoreProfile();
        SetEnvironment();
        Assert.Equal("tok-env", Resolve().Token);
        _env.Remove("APIFY_TOKEN");
        Assert.Equal("tok-stored", Resolve().Token);
    }

    [Fact]
    public void Stored_profile_overrides_the_cli_login()
    {
        WriteCliLogin();
        StoreProfile();
        Assert.Equal(ApifyConnectionSource.StoredProfile, Resolve().Source);
        _store.Delete("default");
        Assert.Equal(ApifyConnectionSource.ApifyCli, Resolve().Source);
    }

    [Fact]
    public void All_four_present_then_removed_one_by_one()
    {
        SessionConnect();
        SetEnvironment();
        StoreProfile();
        WriteCliLogin();
        var seen = new List<ApifyConnectionSource> { Resolve().Source };
        _session.Disconnect();
        seen.Add(Resolve().Source);
        _env.Remove("APIFY_TOKEN");
        seen.Add(Resolve().Source);
        _store.Delete("default");
        seen.Add(Resolve().Source);
        File.Delete(CliFile);
        Assert.Equal(new[] { ApifyConnectionSource.Session, ApifyConnectionSource.Environment, ApifyConnectionSource.StoredProfile, ApifyConnectionSource.ApifyCli }, seen);
        Assert.Equal(ApifyErrorTypes.NotConnected, Assert.Throws<ApifyConnectionException>(Resolve).ErrorType);
    }

    [Fact]
    public void Nothing_anywhere_is_one_error_that_says_how_to_connect()
    {
        var ex = Assert.Throws<ApifyConnectionException>(Resolve);
        Assert.Equal(ApifyErrorTypes.NotConnected, ex.ErrorType);
        Assert.Contains("Connect-Apify", ex.Message);
        Assert.Contains("APIFY_TOKEN", ex.Message);
        Assert.Contains("apify login", ex.Message);
    }

    [Fact]
    public void APIFY_PROFILE_picks_the_stored_profile()
    {
        StoreProfile("default", "tok-default");
        StoreProfile("prod", "tok-prod");
        _env["APIFY_PROFILE"] = "prod";
        var c = Resolve();
        Assert.Equal(("tok-prod", "prod"), (c.Token, c.Profile));
    }

    [Fact]
    public void A_missing_APIFY_PROFILE_is_an_error_not_a_fall_through_to_another_account()
    {
        StoreProfile("default");
        WriteCliLogin();
        _env["APIFY_PROFILE"] = "prod";
        var ex = Assert.Throws<ApifyConnectionException>(Resolve);
        Assert.Equal(ApifyErrorTypes.ProfileNotFound, ex.ErrorType);
        Assert.Contains("'prod'", ex.Message);
        Assert.Contains("stored: default", ex.Message);
    }

    [Fact]
    public void A_damaged_stored_profile_is_an_error_not_a_fall_through_to_the_cli_login()
    {
        WriteCliLogin();
        Directory.CreateDirectory(_store.Directory);
        File.WriteAllText(_store.PathOf("default"), "\0\0garbage");
        var ex = Assert.Throws<ApifyConnectionException>(Resolve);
        Assert.Equal(ApifyErrorTypes.CredentialUnreadable, ex.ErrorType);
    }

    [Theory]
    [InlineData("{\"username\":\"x\"}", "no 'token'")]
    [InlineData("{\"token\":\"\"}", "no 'token'")]
    [InlineData("token=abc", "not valid JSON")]
    public void A_damaged_cli_login_is_a_clear_error(string json, string reason)
    {
        WriteCliLogin(json);
        var ex = Assert.Throws<ApifyConnectionException>(Resolve);
        Assert.Equal(ApifyErrorTypes.CredentialUnreadable, ex.ErrorType);
        Assert.Contains(reason, ex.Message);
        Assert.Contains(CliFile, ex.Message);
    }

    [Fact]
    public void The_cli_login_is_only_read()
    {
        WriteCliLogin();
        var before = File.ReadAllText(CliFile);
        var stamp = File.GetLastWriteTimeUtc(CliFile);
        Resolve();
        Assert.Equal(before, File.ReadAllText(CliFile));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(CliFile));
    }

    [Fact]
    public void A_vault_kept_profile_takes_its_token_from_the_vault()
    {
        _store.Save("default", new Uri("https://stored.example/"), "vaultuser", "U-V", null, "CorpVault", "ApifyPS.default");
        _vault.SetSecret("CorpVault", "ApifyPS.default", "tok-vault");
        var c = Resolve();
        Assert.Equal(("tok-vault", ApifyConnectionSource.StoredProfile), (c.Token, c.Source));
        Assert.Contains("CorpVault", c.Location);
    }

    [Fact]
    public void A_vault_kept_profile_without_SecretManagement_says_so()
    {
        _store.Save("default", new Uri("https://stored.example/"), null, null, null, "CorpVault", "ApifyPS.default");
        _vault.IsAvailable = false;
        var ex = Assert.Throws<ApifyConnectionException>(Resolve);
        Assert.Equal(ApifyErrorTypes.SecretVaultUnavailable, ex.ErrorType);
        Assert.Contains("Microsoft.PowerShell.SecretManagement", ex.Message);
    }

    [Fact]
    public void A_connection_never_shows_its_token_anywhere_public()
    {
        SessionConnect();
        var c = Resolve();
        foreach (var p in typeof(ApifyConnection).GetProperties().Where(p => p.GetMethod!.IsPublic))
            Assert.NotEqual("tok-session", p.GetValue(c)?.ToString());
        Assert.DoesNotContain("tok-session", c.ToString());
        var info = ApifyPS.Models.ApifyConnectionInfo.From(c);
        foreach (var p in typeof(ApifyPS.Models.ApifyConnectionInfo).GetProperties())
            Assert.DoesNotContain("tok-session", p.GetValue(info)?.ToString() ?? "");
        Assert.DoesNotContain("tok-session", info.ToString());
    }

    [Fact]
    public void Plain_http_to_another_machine_from_the_environment_needs_APIFY_ALLOW_UNENCRYPTED()
    {
        SetEnvironment();
        _env["APIFY_CLIENT_BASE_URL"] = "http://10.255.255.1";
        var ex = Assert.Throws<ApifyConnectionException>(Resolve);
        Assert.Equal(ApifyErrorTypes.UnencryptedAuthentication, ex.ErrorType);
        Assert.Contains("http://10.255.255.1/", ex.Message);
        Assert.Contains("$env:APIFY_ALLOW_UNENCRYPTED = '1'", ex.Message);
        Assert.DoesNotContain("tok-env", ex.Message);
        foreach (var no in new[] { "0", "false", "", "yes" })
        {
            _env["APIFY_ALLOW_UNENCRYPTED"] = no;
            Assert.Equal(ApifyErrorTypes.UnencryptedAuthentication, Assert.Throws<ApifyConnectionException>(Resolve).ErrorType);
        }
        foreach (var yes in new[] { "1", "true", " TRUE " })
        {
            _env["APIFY_ALLOW_UNENCRYPTED"] = yes;
            var c = Resolve();
            Assert.Equal((ApifyConnectionSource.Environment, true), (c.Source, c.AllowUnencryptedAuthentication));
        }
    }

    [Fact]
    public void The_Apify_CLI_s_login_over_plain_http_needs_the_environment_s_say_so_too()
    {
        WriteCliLogin();
        _env["APIFY_CLIENT_BASE_URL"] = "http://apify.corp.example/";
        Assert.Equal(ApifyErrorTypes.UnencryptedAuthentication, Assert.Throws<ApifyConnectionException>(Resolve).ErrorType);
        _env["APIFY_ALLOW_UNENCRYPTED"] = "1";
        Assert.Equal(ApifyConnectionSource.ApifyCli, Resolve().Source);
    }

    [Fact]
    public void A_stored_profile_keeps_its_own_permission_for_plain_http()
    {
        _store.Save("default", new Uri("http://apify.corp.example/"), "u", "U-1", "tok-stored");
        Assert.DoesNotContain("allowUnencryptedAuthentication", File.ReadAllText(_store.PathOf("default")));
        var ex = Assert.Throws<ApifyConnectionException>(Resolve);
        Assert.Equal(ApifyErrorTypes.UnencryptedAuthentication, ex.ErrorType);
        Assert.Contains("stored profile 'default'", ex.Message);
        Assert.Contains("Connect-Apify -Profile default -BaseUri http://apify.corp.example/ -AllowUnencryptedAuthentication", ex.Message);
        // The environment's permission is for the environment's base URI, not for a profile.
        _env["APIFY_ALLOW_UNENCRYPTED"] = "1";
        Assert.Throws<ApifyConnectionException>(Resolve);

        _store.Save("default", new Uri("http://apify.corp.example/"), "u", "U-1", "tok-stored", allowUnencryptedAuthentication: true);
        Assert.Contains("\"allowUnencryptedAuthentication\": true", File.ReadAllText(_store.PathOf("default")));
        Assert.True(_store.Load("default")!.AllowUnencryptedAuthentication);
        var c = Resolve();
        Assert.Equal((ApifyConnectionSource.StoredProfile, true), (c.Source, c.AllowUnencryptedAuthentication));
        Assert.True(ApifyPS.Models.ApifyConnectionInfo.From(c).AllowUnencryptedAuthentication);
    }

    [Fact]
    public void The_session_keeps_Connect_Apify_s_permission()
    {
        _session.Connect(new ApifyConnection(new Uri("http://apify.corp.example/"), "tok-session", ApifyConnectionSource.Parameter));
        Assert.Equal(ApifyErrorTypes.UnencryptedAuthentication, Assert.Throws<ApifyConnectionException>(Resolve).ErrorType);
        _session.Connect(new ApifyConnection(new Uri("http://apify.corp.example/"), "tok-session", ApifyConnectionSource.Parameter, null, true)
            .WithUser("u", "U-1"));
        var c = Resolve();
        Assert.Equal((ApifyConnectionSource.Session, true, "u"), (c.Source, c.AllowUnencryptedAuthentication, c.Username));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/", true)]
    [InlineData("http://127.8.9.10/", true)]
    [InlineData("http://[::1]:8080/", true)]
    [InlineData("http://[::ffff:127.0.0.1]/", true)]
    [InlineData("http://localhost:3000/", true)]
    [InlineData("http://LOCALHOST./", true)]
    [InlineData("http://10.0.0.1/", false)]
    [InlineData("http://0.0.0.0/", false)]
    [InlineData("http://[::2]/", false)]
    [InlineData("http://[fe80::1]/", false)]
    [InlineData("http://127.0.0.1.nip.io/", false)]
    [InlineData("http://localhost.example.com/", false)]
    [InlineData("http://api.apify.com/", false)]
    public void Loopback_is_this_machine_and_nothing_else(string uri, bool loopback)
    {
        Assert.Equal(loopback, ApifyConnection.IsLoopback(new Uri(uri)));
        var connection = new ApifyConnection(new Uri(uri), "t", ApifyConnectionSource.Parameter);
        Assert.Equal(!loopback, connection.IsUnencryptedToRemoteHost);
        if (loopback) connection.EnsureTransportAllowed();
        else Assert.Throws<ApifyConnectionException>(connection.EnsureTransportAllowed);
        // https never needs a permission.
        new ApifyConnection(new Uri("https" + uri.Substring(4)), "t", ApifyConnectionSource.Parameter).EnsureTransportAllowed();
    }
}
