using System.Runtime.InteropServices;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

#pragma warning disable CA1416 // File.SetUnixFileMode: every test returns first on Windows.

/// <summary>
/// A stored profile, its folder or the Apify CLI's login file that other users can open is still used, and the
/// resolver says so (as ssh does for a key): data a cmdlet shows once per file per session.
/// </summary>
public class CredentialFileWarningClientTests : IDisposable
{
    private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string> _env = new();
    private readonly ApifySession _session = new();
    private readonly MemoryVault _vault = new();
    private readonly CredentialStore _store;

    public CredentialFileWarningClientTests()
    {
        _store = new CredentialStore(_temp.Combine("profiles"), TokenProtection.OwnerOnlyFile);
    }

    public void Dispose() => _temp.Dispose();

    private string CliFile => _temp.Combine("home", ".apify", "auth.json");

    private ConnectionSources Sources(ApifySession? session = null) =>
        new(session ?? _session, name => _env.TryGetValue(name, out var v) ? v : null, _store, CliFile, _vault);

    private StoredProfile StoreProfile(string name = "default") =>
        _store.Save(name, new Uri("https://stored.example/"), "storeduser", "U-P", "tok-stored");

    private void WriteCliLogin()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CliFile)!);
        File.WriteAllText(CliFile, "{\"token\":\"tok-cli\",\"username\":\"cliuser\"}");
    }

    private static void Chmod(string path, int mode) => File.SetUnixFileMode(path, (UnixFileMode)mode);

    [Fact]
    public void A_profile_file_others_can_read_is_used_and_warned_about_once_per_session()
    {
        if (IsWindows) return;
        var profile = StoreProfile();
        Chmod(profile.Path, 0b110_100_100); // 0644

        var sources = Sources();
        var connection = ConnectionResolver.Resolve(sources);
        Assert.Equal((ApifyConnectionSource.StoredProfile, "tok-stored"), (connection.Source, connection.Token));
        var warning = Assert.Single(sources.Warnings);
        Assert.Equal((profile.Path, "0644", false), (warning.Path, warning.ModeText, warning.IsDirectory));
        Assert.Contains($"'default', {profile.Path}, is readable by other users (mode 0644)", warning.Message);
        Assert.EndsWith($"Run: chmod 600 '{profile.Path}'", warning.Message);
        Assert.DoesNotContain("tok-stored", warning.Message);
        Assert.Single(sources.TakeWarnings());

        // Found again on the next call, but not shown again in this session; a new session shows it again.
        var again = Sources();
        ConnectionResolver.Resolve(again);
        Assert.Single(again.Warnings);
        Assert.Empty(again.TakeWarnings());
        var other = Sources(new ApifySession());
        ConnectionResolver.Resolve(other);
        Assert.Single(other.TakeWarnings());
    }

    [Fact]
    public void Warnings_not_taken_are_still_shown_by_the_next_caller()
    {
        if (IsWindows) return;
        Chmod(StoreProfile().Path, 0b110_110_000); // 0660
        ConnectionResolver.Resolve(Sources()); // tab completion: resolves, shows nothing
        var next = Sources();
        ConnectionResolver.Resolve(next);
        var warning = Assert.Single(next.TakeWarnings());
        Assert.Contains("(mode 0660)", warning.Message);
    }

    [Fact]
    public void An_owner_only_profile_in_an_owner_only_folder_gives_no_warning()
    {
        if (IsWindows) return;
        StoreProfile();
        var sources = Sources();
        ConnectionResolver.Resolve(sources);
        Assert.Empty(sources.Warnings);
    }

    [Fact]
    public void A_profiles_folder_others_can_open_is_warned_about()
    {
        if (IsWindows) return;
        StoreProfile();
        Chmod(_store.Directory, 0b111_101_101); // 0755
        var sources = Sources();
        ConnectionResolver.Resolve(sources);
        var warning = Assert.Single(sources.Warnings);
        Assert.True(warning.IsDirectory);
        Assert.Equal(_store.Directory, warning.Path);
        Assert.Contains("(mode 0755)", warning.Message);
        Assert.EndsWith($"Run: chmod 700 '{_store.Directory}'", warning.Message);
    }

    [Fact]
    public void The_cli_login_file_warns_when_others_can_read_it_and_not_when_owner_only()
    {
        if (IsWindows) return;
        WriteCliLogin();
        Chmod(CliFile, 0b110_100_100);
        var sources = Sources();
        Assert.Equal(ApifyConnectionSource.ApifyCli, ConnectionResolver.Resolve(sources).Source);
        var warning = Assert.Single(sources.Warnings);
        Assert.StartsWith($"The Apify CLI's login file, {CliFile}, is readable by other users (mode 0644)", warning.Message);
        Assert.EndsWith($"Run: chmod 600 '{CliFile}'", warning.Message);

        Chmod(CliFile, 0b110_000_000);
        var fixedUp = Sources(new ApifySession());
        ConnectionResolver.Resolve(fixedUp);
        Assert.Empty(fixedUp.Warnings);
    }

    [Fact]
    public void Files_that_are_not_used_give_no_warning()
    {
        if (IsWindows) return;
        // The environment's token wins: the loose profile and CLI file are never read.
        Chmod(StoreProfile().Path, 0b110_100_100);
        WriteCliLogin();
        Chmod(CliFile, 0b110_100_100);
        _env["APIFY_TOKEN"] = "tok-env";
        var sources = Sources();
        Assert.Equal(ApifyConnectionSource.Environment, ConnectionResolver.Resolve(sources).Source);
        Assert.Empty(sources.Warnings);
        // A profile whose token is in a vault holds no token to read.
        _env.Remove("APIFY_TOKEN");
        _vault.SetSecret("V", "S", "tok-vault");
        var vaulted = _store.Save("vaulted", new Uri("https://stored.example/"), "u", "U", null, vault: "V", secretName: "S");
        Chmod(vaulted.Path, 0b110_100_100);
        _env["APIFY_PROFILE"] = "vaulted";
        var viaVault = Sources();
        Assert.Equal("tok-vault", ConnectionResolver.Resolve(viaVault).Token);
        Assert.Empty(viaVault.Warnings);
    }
}
