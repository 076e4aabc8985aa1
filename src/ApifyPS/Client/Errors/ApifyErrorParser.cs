using System.Net;
using System.Text;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>Turns a failed answer into an <see cref="ApifyApiException"/>: Apify's envelope when it is there, else the status.</summary>
    public static class ApifyErrorParser
    {
        /// <summary>How much of a non-JSON error body is quoted in the message.</summary>
        private const int SnippetLength = 200;

        public static ApifyApiException FromResponse(HttpStatusCode status, string? reasonPhrase, string? contentType,
            byte[] body, string method, string pathAndQuery, string? token)
        {
            var code = (int)status;
            string type;
            string message;
            if (TryParseEnvelope(body, out var apifyType, out var apifyMessage))
            {
                type = string.IsNullOrEmpty(apifyType) ? ApifyErrorTypes.ForStatus(code) : apifyType!;
                message = string.IsNullOrEmpty(apifyMessage) ? (reasonPhrase ?? "Request failed.") : apifyMessage!;
                message = $"{message} ({method} {pathAndQuery} answered {code} {type})";
            }
            else
            {
                type = ApifyErrorTypes.ForStatus(code);
                var snippet = Snippet(body, contentType);
                message = $"{method} {pathAndQuery} answered {code} {reasonPhrase}".TrimEnd() +
                          (snippet.Length > 0 ? $" without an Apify error body: {snippet}" : " with an empty body.");
            }
            return new ApifyApiException(status, type, Redact(message, token), method, Redact(pathAndQuery, token));
        }

        /// <summary>Reads <c>{"error":{"type":"...","message":"..."}}</c>; false for anything else.</summary>
        public static bool TryParseEnvelope(byte[] body, out string? type, out string? message)
        {
            type = null;
            message = null;
            if (body == null || body.Length == 0) return false;
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                    !doc.RootElement.TryGetProperty("error", out var error) ||
                    error.ValueKind != JsonValueKind.Object)
                    return false;
                if (error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String) type = t.GetString();
                if (error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
                return type != null || message != null;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>Replaces every occurrence of the token; used on every text that leaves the client.</summary>
        public static string Redact(string text, string? token)
        {
            if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(text)) return text;
            return text.Replace(token, "***");
        }

        private static string Snippet(byte[] body, string? contentType)
        {
            if (body == null || body.Length == 0) return string.Empty;
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
            if (contentType != null && contentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
                text = System.Text.RegularExpressions.Regex.Replace(text, "<[^>]*>", " ");
            text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
            return text.Length > SnippetLength ? text.Substring(0, SnippetLength) + "..." : text;
        }
    }
}
