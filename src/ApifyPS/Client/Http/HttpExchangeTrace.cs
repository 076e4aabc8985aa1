using System.Net.Http.Headers;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>
    /// The -Debug trace of one attempt's HTTP exchange (<see cref="ApifyClientOptions.Debug"/>): the request line with
    /// the URL sent, its headers (Authorization shown as <c>Bearer ***</c>, never its value), an excerpt of its body; the
    /// status and the time it took, the answer's headers and an excerpt of the body as it was read. Excerpts are at most
    /// <see cref="ExcerptBytes"/> bytes, text only (binary bodies are named by type and size), with the token redacted
    /// wherever it appears. A request body that may hold a secret (<see cref="ApifyBody"/> content) is named, not shown.
    /// </summary>
    internal static class HttpExchangeTrace
    {
        public const int ExcerptBytes = 1024;

        public static async Task<string> RequestAsync(HttpRequestMessage message, HttpClient http, int attempt, string token)
        {
            var sb = new StringBuilder();
            sb.Append("HTTP ").Append(message.Method.Method).Append(' ').Append(message.RequestUri?.AbsoluteUri)
                .Append(" (attempt ").Append(attempt).Append(')');
            foreach (var header in http.DefaultRequestHeaders)
                if (!message.Headers.Contains(header.Key)) Header(sb, header.Key, header.Value);
            foreach (var header in message.Headers)
                Header(sb, header.Key, header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? new[] { RedactedAuthorization(message.Headers.Authorization) } : header.Value);
            if (message.Content != null)
            {
                foreach (var header in message.Content.Headers) Header(sb, header.Key, header.Value);
                if (message.Content is ByteArrayContent bytes)
                {
                    var body = await bytes.ReadAsByteArrayAsync().ConfigureAwait(false);
                    Body(sb, "request body", new ArraySegment<byte>(body, 0, Math.Min(body.Length, ExcerptBytes)), body.Length,
                        message.Content.Headers.ContentType?.ToString());
                }
                else if (message.Content is StreamContent)
                    sb.AppendLine().Append("  (request body: a file, ").Append(message.Content.Headers.ContentLength?.ToString() ?? "?").Append(" bytes, not shown)");
                else
                    sb.AppendLine().Append("  (request body: ").Append(message.Content.Headers.ContentLength?.ToString() ?? "?")
                        .Append(" bytes of fields given, not shown: it may hold a secret)");
            }
            return ApifyErrorParser.Redact(sb.ToString(), token);
        }

        public static string Response(HttpResponseMessage response, long elapsedMs, string token)
        {
            var sb = new StringBuilder();
            sb.Append("HTTP ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase).Append(" in ").Append(elapsedMs).Append(" ms");
            foreach (var header in response.Headers) Header(sb, header.Key, header.Value);
            foreach (var header in response.Content.Headers) Header(sb, header.Key, header.Value);
            return ApifyErrorParser.Redact(sb.ToString(), token);
        }

        public static string? BodyRead(CapturingContent content, string token)
        {
            var read = content.BytesRead;
            if (read == null) return null;
            var sb = new StringBuilder("HTTP response body");
            Body(sb, "", content.Excerpt, read.Value, content.Headers.ContentType?.ToString());
            return ApifyErrorParser.Redact(sb.ToString(), token);
        }

        private static string RedactedAuthorization(AuthenticationHeaderValue? value) => (value?.Scheme ?? "Bearer") + " ***";

        // Product tokens (User-Agent, Server) are separated by spaces, list values by commas.
        private static void Header(StringBuilder sb, string name, IEnumerable<string> values) =>
            sb.AppendLine().Append("  ").Append(name).Append(": ").Append(string.Join(
                name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) || name.Equals("Server", StringComparison.OrdinalIgnoreCase) ? " " : ", ", values));

        private static void Body(StringBuilder sb, string what, ArraySegment<byte> excerpt, long total, string? contentType)
        {
            var label = what.Length > 0 ? what + ": " : "";
            if (total == 0)
            {
                sb.AppendLine().Append("  (").Append(label).Append("empty)");
                return;
            }
            if (contentType != null && !ContentTypes.IsText(contentType))
            {
                sb.AppendLine().Append("  (").Append(label).Append(total).Append(" bytes of ").Append(ContentTypes.MediaType(contentType)).Append(", not shown)");
                return;
            }
            var text = Encoding.UTF8.GetString(excerpt.Array!, excerpt.Offset, excerpt.Count);
            var shown = new StringBuilder(text.Length);
            foreach (var c in text)
                shown.Append(c == '\n' || c == '\t' || !char.IsControl(c) ? c : '?');
            sb.AppendLine().Append("  ").Append(label).Append(shown.ToString().TrimEnd('\uFFFD'));
            if (total > excerpt.Count) sb.AppendLine().Append("  (first ").Append(excerpt.Count).Append(" of ").Append(total).Append(" bytes read)");
        }
    }
}
