using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApifyPS.Client
{
    /// <summary>How a stored profile keeps its token.</summary>
    public enum TokenProtection
    {
        /// <summary>In the profile's file, which only its owner can read (0600 in a 0700 directory): Linux, macOS.</summary>
        OwnerOnlyFile,
        /// <summary>In the profile's file, encrypted with DPAPI for the current user: Windows.</summary>
        WindowsDpapi,
        /// <summary>In a SecretManagement vault; the file only says which vault and secret.</summary>
        SecretVault,
    }

    /// <summary>A profile as stored: the API root and account the token belongs to. Its token is never public.</summary>
    public sealed class StoredProfile
    {
        internal StoredProfile(string name, string path, Uri baseUri, TokenProtection protection)
        {
            Name = name;
            Path = path;
            BaseUri = baseUri;
            Protection = protection;
        }

        public string Name { get; }

        /// <summary>The profile's file.</summary>
        public string Path { get; }

        public Uri BaseUri { get; }

        public TokenProtection Protection { get; }

        public string? Username { get; internal set; }

        public string? UserId { get; internal set; }

        public DateTime? SavedAt { get; internal set; }

        /// <summary>The SecretManagement vault holding the token (<see cref="TokenProtection.SecretVault"/> only).</summary>
        public string? Vault { get; internal set; }

        /// <summary>The secret's name in <see cref="Vault"/>.</summary>
        public string? SecretName { get; internal set; }

        /// <summary>Connect-Apify -AllowUnencryptedAuthentication: the token may go over plain http to another machine.</summary>
        public bool AllowUnencryptedAuthentication { get; internal set; }

        /// <summary>The token, for file-kept profiles (decrypted); null for vault-kept ones.</summary>
        internal string? Token { get; set; }

        /// <summary>Where the token lives, for people (never the token).</summary>
        public string TokenLocation => Protection == TokenProtection.SecretVault ? $"vault '{Vault}' (secret '{SecretName}')" : Path;

        public override string ToString() => $"{Name} ({BaseUri})";
    }

    /// <summary>
    /// Named profiles, one file each, under the user's own configuration directory:
    /// <c>%LOCALAPPDATA%\ApifyPS\profiles</c> on Windows (the token encrypted with DPAPI for the user) and
    /// <c>$XDG_CONFIG_HOME/ApifyPS/profiles</c> or <c>~/.config/ApifyPS/profiles</c> elsewhere (owner-only files in an
    /// owner-only directory). Files are replaced atomically: a crash leaves the old file or the new one, never half.
    /// One file per profile, so two processes saving two profiles never overwrite each other's.
    /// </summary>
    public sealed class CredentialStore
    {
        public const string DefaultProfile = "default";

        private static readonly Regex s_profileName = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);

        public CredentialStore(string directory, TokenProtection fileProtection)
        {
            if (string.IsNullOrEmpty(directory)) throw new ArgumentException("The directory is empty.", nameof(directory));
            if (fileProtection == TokenProtection.SecretVault) throw new ArgumentException("Files keep the token themselves.", nameof(fileProtection));
            Directory = System.IO.Path.GetFullPath(directory);
            FileProtection = fileProtection;
        }

        /// <summary>The folder holding the profiles' files.</summary>
        public string Directory { get; }

        /// <summary>How tokens kept in files are protected here: DPAPI on Windows, file permissions elsewhere.</summary>
        public TokenProtection FileProtection { get; }

        /// <summary>The store of the user the process runs as, from the environment it is given.</summary>
        public static CredentialStore ForCurrentUser(Func<string, string?> environment) =>
            new CredentialStore(DefaultDirectory(environment),
                WindowsDataProtection.IsAvailable ? TokenProtection.WindowsDpapi : TokenProtection.OwnerOnlyFile);

        public static string DefaultDirectory(Func<string, string?> environment)
        {
            if (WindowsDataProtection.IsAvailable)
            {
                var local = environment("LOCALAPPDATA");
                if (string.IsNullOrEmpty(local)) local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                return System.IO.Path.Combine(local!, "ApifyPS", "profiles");
            }
            // XDG Base Directory: XDG_CONFIG_HOME when set to an absolute path, else ~/.config.
            var xdg = environment("XDG_CONFIG_HOME");
            var config = !string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathRooted(xdg)
                ? xdg!
                : System.IO.Path.Combine(HomeDirectory(environment), ".config");
            return System.IO.Path.Combine(config, "ApifyPS", "profiles");
        }

        /// <summary>$HOME (Unix) or %USERPROFILE% (Windows), as the process's environment says.</summary>
        public static string HomeDirectory(Func<string, string?> environment)
        {
            var home = environment(WindowsDataProtection.IsAvailable ? "USERPROFILE" : "HOME");
            if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
                throw new ApifyConnectionException(ApifyErrorTypes.NotConnected, "The home directory is unknown: set HOME.");
            return home!;
        }

        public static bool IsValidProfileName(string? name) => name != null && s_profileName.IsMatch(name);

        /// <summary>Throws an ArgumentException that says what a profile name may be.</summary>
        public static string ValidateProfileName(string? name)
        {
            if (!IsValidProfileName(name))
                throw new ArgumentException(
                    $"'{name}' is not a profile name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            return name!;
        }

        /// <summary>The file of a profile (names are case-insensitive: 'Prod' and 'prod' are one profile on every OS).</summary>
        public string PathOf(string profile) =>
            System.IO.Path.Combine(Directory, ValidateProfileName(profile).ToLowerInvariant() + ".json");

        /// <summary>The names of the stored profiles.</summary>
        public IReadOnlyList<string> List()
        {
            if (!System.IO.Directory.Exists(Directory)) return Array.Empty<string>();
            return System.IO.Directory.GetFiles(Directory, "*.json")
                .Select(f => System.IO.Path.GetFileNameWithoutExtension(f))
                .Where(IsValidProfileName)
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }

        /// <summary>
        /// The stored profile, or null when there is none. A file that exists but cannot be used (not JSON, no token,
        /// encrypted by another user or on Windows) is an <see cref="ApifyConnectionException"/> of type credential-unreadable
        /// that says what to do: never a crash, and never a silent fall-through to another account.
        /// </summary>
        public StoredProfile? Load(string profile)
        {
            var path = PathOf(profile);
            byte[] bytes;
            try
            {
                if (!File.Exists(path)) return null;
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Unreadable(profile, path, ex.Message, ex);
            }
            try
            {
                return Parse(profile, path, bytes);
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
            }
        }

        /// <summary>
        /// Stores a profile: with <paramref name="vault"/> the file only names the vault and secret (the caller put the
        /// token there); otherwise it holds the token, protected as <see cref="FileProtection"/> says.
        /// </summary>
        public StoredProfile Save(string profile, Uri baseUri, string? username, string? userId, string? token,
            string? vault = null, string? secretName = null, bool allowUnencryptedAuthentication = false)
        {
            var path = PathOf(profile);
            var protection = vault != null ? TokenProtection.SecretVault : FileProtection;
            if (protection != TokenProtection.SecretVault && string.IsNullOrEmpty(token))
                throw new ArgumentException("A token is needed to store a profile in a file.", nameof(token));
            var saved = new StoredProfile(profile, path, ApifyConnection.NormalizeBaseUri(baseUri), protection)
            {
                Username = username,
                UserId = userId,
                SavedAt = DateTime.UtcNow,
                Vault = vault,
                SecretName = secretName,
                Token = protection == TokenProtection.SecretVault ? null : token,
                AllowUnencryptedAuthentication = allowUnencryptedAuthentication,
            };
            byte[] content = Serialize(saved);
            try
            {
                PrivateFiles.CreatePrivateDirectory(Directory);
                PrivateFiles.WriteAtomically(path, content);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is PlatformNotSupportedException)
            {
                throw new ApifyConnectionException(ApifyErrorTypes.CredentialNotSaved,
                    $"The profile '{profile}' could not be stored in {path}: {ApifyErrorParser.Redact(ex.Message, token)}", ex);
            }
            finally
            {
                Array.Clear(content, 0, content.Length);
            }
            return saved;
        }

        /// <summary>Deletes a profile's file; false when there was none.</summary>
        public bool Delete(string profile)
        {
            var path = PathOf(profile);
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }

        private byte[] Serialize(StoredProfile p)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("schema", 1);
                w.WriteString("profile", p.Name);
                w.WriteString("baseUri", p.BaseUri.ToString());
                if (p.Username != null) w.WriteString("username", p.Username);
                if (p.UserId != null) w.WriteString("userId", p.UserId);
                w.WriteString("savedAt", p.SavedAt!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                if (p.AllowUnencryptedAuthentication) w.WriteBoolean("allowUnencryptedAuthentication", true);
                switch (p.Protection)
                {
                    case TokenProtection.SecretVault:
                        w.WriteString("vault", p.Vault);
                        w.WriteString("secretName", p.SecretName);
                        break;
                    case TokenProtection.WindowsDpapi:
                        w.WriteString("protectedToken", WindowsDataProtection.Protect(p.Token!));
                        break;
                    default:
                        w.WriteString("token", p.Token);
                        break;
                }
                w.WriteEndObject();
            }
            return buffer.ToArray();
        }

        private static StoredProfile Parse(string profile, string path, byte[] bytes)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(bytes);
            }
            catch (JsonException ex)
            {
                // Only the position: the message of a JsonException can quote the file's bytes.
                throw Unreadable(profile, path, $"it is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})", null);
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw Unreadable(profile, path, "it is not a JSON object", null);
                var baseText = String(root, "baseUri");
                if (baseText == null || !Uri.TryCreate(baseText, UriKind.Absolute, out var baseUri) ||
                    (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
                    throw Unreadable(profile, path, "it has no valid baseUri", null);
                var token = String(root, "token");
                var protectedToken = String(root, "protectedToken");
                var vault = String(root, "vault");
                var secretName = String(root, "secretName");
                TokenProtection protection;
                if (!string.IsNullOrEmpty(token)) protection = TokenProtection.OwnerOnlyFile;
                else if (!string.IsNullOrEmpty(protectedToken)) protection = TokenProtection.WindowsDpapi;
                else if (!string.IsNullOrEmpty(vault) && !string.IsNullOrEmpty(secretName)) protection = TokenProtection.SecretVault;
                else throw Unreadable(profile, path, "it holds no token (neither 'token', 'protectedToken' nor 'vault' and 'secretName')", null);

                if (protection == TokenProtection.WindowsDpapi)
                {
                    if (!WindowsDataProtection.IsAvailable)
                        throw Unreadable(profile, path, "its token is encrypted with Windows DPAPI, which only the Windows user who stored it can decrypt", null);
                    try
                    {
                        token = WindowsDataProtection.Unprotect(protectedToken!);
                    }
                    catch (Exception ex) when (ex is CryptographicException || ex is FormatException)
                    {
                        throw Unreadable(profile, path, "its token cannot be decrypted by this Windows user on this machine (DPAPI: " + ex.Message + ")", ex);
                    }
                }

                DateTime? savedAt = null;
                if (DateTime.TryParse(String(root, "savedAt"), CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when)) savedAt = when;
                return new StoredProfile(String(root, "profile") ?? profile, path, ApifyConnection.NormalizeBaseUri(baseUri), protection)
                {
                    Username = String(root, "username"),
                    UserId = String(root, "userId"),
                    SavedAt = savedAt,
                    Vault = protection == TokenProtection.SecretVault ? vault : null,
                    SecretName = protection == TokenProtection.SecretVault ? secretName : null,
                    Token = protection == TokenProtection.SecretVault ? null : token,
                    AllowUnencryptedAuthentication = root.TryGetProperty("allowUnencryptedAuthentication", out var allow) && allow.ValueKind == JsonValueKind.True,
                };
            }
        }

        private static string? String(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        internal static ApifyConnectionException Unreadable(string profile, string path, string reason, Exception? inner) =>
            new ApifyConnectionException(ApifyErrorTypes.CredentialUnreadable,
                $"The stored Apify profile '{profile}' ({path}) cannot be used: {reason}. Run 'Connect-Apify -Profile {profile}' " +
                $"to store it again, or 'Disconnect-Apify -Profile {profile} -Forget' to delete it.", inner);
    }
}
