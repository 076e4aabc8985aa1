using System.IO;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// The Apify CLI's own login (<c>~/.apify/auth.json</c>, written by <c>apify login</c>): read, never written, so a
    /// user who already logged in with the CLI is connected without doing anything. Its <c>token</c> is the API token;
    /// <c>username</c> and <c>id</c> come along when the CLI stored them.
    /// </summary>
    public static class ApifyCliLogin
    {
        public static string DefaultPath(Func<string, string?> environment) =>
            Path.Combine(CredentialStore.HomeDirectory(environment), ".apify", "auth.json");

        /// <summary>The CLI's login as a connection to <paramref name="baseUri"/>, or null when there is no file.</summary>
        public static ApifyConnection? Read(string path, Uri baseUri, bool allowUnencryptedAuthentication = false)
        {
            byte[] bytes;
            try
            {
                if (!File.Exists(path)) return null;
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Unreadable(path, ex.Message, ex);
            }
            try
            {
                using var doc = JsonDocument.Parse(bytes);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object ||
                    !root.TryGetProperty("token", out var token) || token.ValueKind != JsonValueKind.String ||
                    string.IsNullOrWhiteSpace(token.GetString()))
                    throw Unreadable(path, "it has no 'token'", null);
                var connection = new ApifyConnection(baseUri, token.GetString()!.Trim(), ApifyConnectionSource.ApifyCli, null,
                    allowUnencryptedAuthentication);
                return connection.WithUser(String(root, "username"), String(root, "id"))
                    .WithSource(ApifyConnectionSource.ApifyCli, path, null);
            }
            catch (JsonException ex)
            {
                throw Unreadable(path, $"it is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})", null);
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
            }
        }

        private static string? String(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static ApifyConnectionException Unreadable(string path, string reason, Exception? inner) =>
            new ApifyConnectionException(ApifyErrorTypes.CredentialUnreadable,
                $"The Apify CLI's login file {path} cannot be used: {reason}. Run 'apify login' again, or connect with Connect-Apify.", inner);
    }
}
