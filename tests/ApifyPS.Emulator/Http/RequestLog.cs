using System.Text.Json;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// Every /v2 request received, oldest first, for tests to count and inspect (GET /__emulator/requests). Secrets are
/// kept out of it, as they must be out of test output: a <c>token</c> in the query is logged as <c>token=***</c>, the
/// <c>value</c> of a secret environment variable (an object with <c>"isSecret": true</c>) as <c>"***"</c>, and the
/// Authorization header not at all (<c>auth</c> says how the request authenticated).
/// </summary>
public sealed class RequestLog
{
    /// <summary>What a secret is logged as.</summary>
    public const string Redacted = "***";

    /// <summary>
    /// One request. <c>Path</c>: decoded, as routes see it. <c>RawPath</c>: the path exactly as the request line
    /// carried it (escapes and all), without the query. <c>Body</c>: the JSON body as sent (a string when it was not
    /// JSON), null without one.
    /// </summary>
    public sealed record Entry(string Method, string Path, string Query, string Auth, object? Body = null, string? RawPath = null);

    /// <summary>The request line's path, without the query (which can hold a token).</summary>
    public static string RawPathOf(HttpContext ctx)
    {
        var raw = ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? ctx.Request.Path.Value ?? "";
        var q = raw.IndexOf('?');
        return q < 0 ? raw : raw.Substring(0, q);
    }

    /// <summary>The query as sent, with the value of every <c>token</c> parameter (matched as the API does: any case) redacted.</summary>
    public static string RedactQuery(string query) =>
        string.Join('&', query.Split('&').Select(part =>
        {
            var equals = part.IndexOf('=');
            var name = Uri.UnescapeDataString((equals < 0 ? part : part[..equals]).Replace('+', ' '));
            return string.Equals(name, "token", StringComparison.OrdinalIgnoreCase) ? part[..(equals < 0 ? part.Length : equals)] + "=" + Redacted : part;
        }));

    /// <summary>The body with the value of every secret environment variable, at any depth, redacted.</summary>
    public static JsonElement RedactSecrets(JsonElement body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) WriteRedacted(writer, body);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        return doc.RootElement.Clone();
    }

    private static void WriteRedacted(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var secret = element.TryGetProperty("isSecret", out var isSecret) && isSecret.ValueKind == JsonValueKind.True;
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (secret && property.NameEquals("value")) writer.WriteStringValue(Redacted);
                    else WriteRedacted(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteRedacted(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>Bodies above this size are logged as a note, not in full.</summary>
    public const int MaxLoggedBody = 256 * 1024;

    /// <summary>
    /// Reads the request's body for the log (secrets redacted) and rewinds it so the route reads it again. Big bodies
    /// (dataset pushes in benchmarks) are not buffered: only their size is logged.
    /// </summary>
    public static async Task<object?> ReadBody(HttpRequest request)
    {
        if (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any()) return null;
        if (request.ContentLength > MaxLoggedBody) return $"({request.ContentLength} bytes)";
        request.EnableBuffering();
        var buffer = new byte[MaxLoggedBody + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length))) > 0) length += read;
        request.Body.Position = 0;
        if (length == 0) return null;
        if (length > MaxLoggedBody) return $"(more than {MaxLoggedBody} bytes)";
        try
        {
            using var doc = JsonDocument.Parse(buffer.AsMemory(0, length));
            return RedactSecrets(doc.RootElement);
        }
        catch (JsonException)
        {
            return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        }
    }

    private readonly List<Entry> _entries = new();
    private readonly List<Entry> _active = new();

    public void Add(Entry entry)
    {
        lock (_entries) _entries.Add(entry);
    }

    public Entry[] Snapshot()
    {
        lock (_entries) return _entries.ToArray();
    }

    /// <summary>Marks a request as being answered until the returned handle is disposed.</summary>
    public IDisposable BeginActive(Entry entry)
    {
        lock (_active) _active.Add(entry);
        return new ActiveHandle(this, entry);
    }

    public Entry[] Active()
    {
        lock (_active) return _active.ToArray();
    }

    private sealed class ActiveHandle(RequestLog log, Entry entry) : IDisposable
    {
        public void Dispose()
        {
            lock (log._active)
            {
                var i = log._active.FindIndex(e => ReferenceEquals(e, entry));
                if (i >= 0) log._active.RemoveAt(i);
            }
        }
    }

    public void Clear()
    {
        lock (_entries) _entries.Clear();
    }
}
