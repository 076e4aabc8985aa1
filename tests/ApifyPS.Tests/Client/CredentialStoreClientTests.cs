using System.Runtime.InteropServices;
using System.Text;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

#pragma warning disable CA1416 // File.Get/SetUnixFileMode: every caller returns first on Windows.

/// <summary>Stored profiles: owner-only from their creation, atomic replacement, clear errors for damaged files.</summary>
public class CredentialStoreClientTests : IDisposable
{
    private const string Token = "store-test-token-0123456789";
    private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private CredentialStore Store() => CredentialStore.ForCurrentUser(name => name switch
    {
        "XDG_CONFIG_HOME" => _temp.Combine("config"),
        "LOCALAPPDATA" => _temp.Combine("local"),
        "HOME" or "USERPROFILE" => _temp.Combine("home"),
        _ => null,
    });

    private static UnixFileMode Mode(string path) => File.GetUnixFileMode(path);

    [Fact]
    public void Directory_follows_XDG_CONFIG_HOME_then_home_config_elsewhere_and_LOCALAPPDATA_on_windows()
    {
        if (IsWindows)
        {
            Assert.Equal(_temp.Combine("local", "ApifyPS", "profiles"), Store().Directory);
            return;
        }
        Assert.Equal(_temp.Combine("config", "ApifyPS", "profiles"), Store().Directory);
        var relativeXdgIgnored = CredentialStore.DefaultDirectory(n => n == "XDG_CONFIG_HOME" ? "relative/dir" : n == "HOME" ? "/home/someone" : null);
        Assert.Equal("/home/someone/.config/ApifyPS/profiles", relativeXdgIgnored);
    }

    [Fact]
    public void A_profile_round_trips_with_the_protection_of_the_platform()
    {
        var store = Store();
        Assert.Equal(IsWindows ? TokenProtection.WindowsDpapi : TokenProtection.OwnerOnlyFile, store.FileProtection);
        store.Save("work", new Uri("http://127.0.0.1:1234/v2"), "janedoe", "U1", Token);
        var loaded = store.Load("WORK")!; // names are case-insensitive
        Assert.Equal(new Uri("http://127.0.0.1:1234/"), loaded.BaseUri);
        Assert.Equal("janedoe", loaded.Username);
        Assert.Equal("U1", loaded.UserId);
        Assert.Equal(Token, loaded.Token);
        Assert.NotNull(loaded.SavedAt);
        var text = File.ReadAllText(loaded.Path);
        // DPAPI: the file holds ciphertext only; elsewhere the file's permissions protect the token.
        Assert.Equal(!IsWindows, text.Contains(Token));
        Assert.DoesNotContain(Token, loaded.ToString());
        Assert.Equal(new[] { "work" }, store.List());
    }

    [Fact]
    public void Files_are_0600_and_their_directories_0700_on_unix()
    {
        if (IsWindows) return; // Windows: per-user %LOCALAPPDATA% and DPAPI, covered by the round trip.
        var store = Store();
        var saved = store.Save("default", new Uri("https://api.apify.com"), null, null, Token);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(saved.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, Mode(store.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, Mode(Path.GetDirectoryName(store.Directory)!));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_new_file_is_0600_from_its_creation_before_anything_is_written(bool viaLibc)
    {
        if (IsWindows) return;
        var path = _temp.Combine("created-" + viaLibc);
        using (var stream = PrivateFiles.CreateNew(path, viaLibc))
        {
            // Still empty and open: the mode was given by the call that created the file, not set afterwards.
            Assert.Equal(0, new FileInfo(path).Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(path));
            stream.WriteByte(1);
        }
        Assert.Throws<IOException>(() => PrivateFiles.CreateNew(path, viaLibc).Dispose()); // never reuses a file
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Atomic_replacement_leaves_an_owner_only_file_and_no_temp_file(bool viaLibc)
    {
        if (IsWindows) return;
        var dir = _temp.Combine("private-" + viaLibc, "nested");
        PrivateFiles.CreatePrivateDirectory(dir, viaLibc);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, Mode(dir));
        var path = Path.Combine(dir, "p.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0x1A4); // 0644: a file someone loosened
        PrivateFiles.WriteAtomically(path, Encoding.UTF8.GetBytes("new"), viaLibc);
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, Mode(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(dir));
        Assert.True(PrivateFiles.HasRuntimeModeApi, "on .NET 7+ the runtime's own mode API is used");
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_leaves_no_temp_file()
    {
        if (IsWindows) return;
        var store = Store();
        var saved = store.Save("default", new Uri("https://api.apify.com"), "old", null, Token);
        var before = File.ReadAllText(saved.Path);
        // A directory where the file should go makes the final rename fail after the temp file was written.
        var blocked = store.PathOf("blocked");
        Directory.CreateDirectory(blocked);
        File.WriteAllText(Path.Combine(blocked, "x"), "");
        var ex = Assert.Throws<ApifyConnectionException>(() => store.Save("blocked", new Uri("https://api.apify.com"), null, null, Token));
        Assert.Equal(ApifyErrorTypes.CredentialNotSaved, ex.ErrorType);
        Assert.DoesNotContain(Token, ex.Message);
        Assert.Empty(Directory.GetFiles(store.Directory, "*.tmp"));
        Assert.Equal(before, File.ReadAllText(saved.Path));
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"baseUri\":\"https://api.apify.com/\"}", "holds no token")]
    [InlineData("{\"token\":\"t\",\"baseUri\":\"ftp://x/\"}", "no valid baseUri")]
    [InlineData("{\"token\":\"t\"}", "no valid baseUri")]
    public void A_damaged_file_is_a_clear_error_that_says_what_to_do(string content, string reason)
    {
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.PathOf("default"), content);
        var ex = Assert.Throws<ApifyConnectionException>(() => store.Load("default"));
        Assert.Equal(ApifyErrorTypes.CredentialUnreadable, ex.ErrorType);
        Assert.Contains(reason, ex.Message);
        Assert.Contains(store.PathOf("default"), ex.Message);
        Assert.Contains("Connect-Apify -Profile default", ex.Message);
        Assert.Contains("Disconnect-Apify -Profile default -Forget", ex.Message);
    }

    [Fact]
    public void A_json_error_never_quotes_the_file()
    {
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.PathOf("default"), "{\"token\": \"" + Token + "\" oops }");
        var ex = Assert.Throws<ApifyConnectionException>(() => store.Load("default"));
        Assert.DoesNotContain(Token, ex.Message);
        Assert.DoesNotContain("oops", ex.Message);
    }

    [Fact]
    public void A_dpapi_protected_file_is_a_clear_error_off_windows()
    {
        if (IsWindows) return;
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.PathOf("default"), "{\"baseUri\":\"https://api.apify.com/\",\"protectedToken\":\"AQAAANCMnd8B\"}");
        var ex = Assert.Throws<ApifyConnectionException>(() => store.Load("default"));
        Assert.Contains("Windows DPAPI", ex.Message);
    }

    [Fact]
    public void A_vault_kept_profile_names_the_vault_and_holds_no_token()
    {
        var store = Store();
        var saved = store.Save("ci", new Uri("https://api.apify.com"), "janedoe", "U1", token: null, vault: "CorpVault", secretName: "ApifyPS.ci");
        var loaded = store.Load("ci")!;
        Assert.Equal(TokenProtection.SecretVault, loaded.Protection);
        Assert.Equal("CorpVault", loaded.Vault);
        Assert.Equal("ApifyPS.ci", loaded.SecretName);
        Assert.Null(loaded.Token);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(saved.Path));
        Assert.False(json.RootElement.TryGetProperty("token", out _));
        Assert.False(json.RootElement.TryGetProperty("protectedToken", out _));
    }

    [Theory]
    [InlineData("default", true)]
    [InlineData("prod-eu.2", true)]
    [InlineData("", false)]
    [InlineData("../etc", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    public void Profile_names_are_checked_before_they_reach_a_path(string name, bool valid)
    {
        Assert.Equal(valid, CredentialStore.IsValidProfileName(name));
        if (!valid) Assert.Throws<ArgumentException>(() => Store().PathOf(name));
    }

    [Fact]
    public void Delete_removes_the_file_and_says_whether_there_was_one()
    {
        var store = Store();
        store.Save("gone", new Uri("https://api.apify.com"), null, null, Token);
        Assert.True(store.Delete("gone"));
        Assert.False(store.Delete("gone"));
        Assert.Null(store.Load("gone"));
    }
}
