namespace ApifyPS.Emulator.Http;

/// <summary>Every /v2 request received, oldest first, for tests to count and inspect (GET /__emulator/requests).</summary>
public sealed class RequestLog
{
    /// <summary>One request. <c>Body</c>: the JSON body as sent (a string when it was not JSON), null without one.</summary>
    public sealed record Entry(string Method, string Path, string Query, string Auth, object? Body = null);

    /// <summary>Bodies above this size are logged as a note, not in full.</summary>
    public const int MaxLoggedBody = 256 * 1024;

    /// <summary>Reads the request's body for the log and rewinds it so the route reads it again.</summary>
    public static async Task<object?> ReadBody(HttpRequest request)
    {
        if (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any()) return null;
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        request.Body.Position = 0;
        if (buffer.Length == 0) return null;
        if (buffer.Length > MaxLoggedBody) return $"({buffer.Length} bytes)";
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
            return doc.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException)
        {
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }

    private readonly List<Entry> _entries = new();

    public void Add(Entry entry)
    {
        lock (_entries) _entries.Add(entry);
    }

    public Entry[] Snapshot()
    {
        lock (_entries) return _entries.ToArray();
    }

    public void Clear()
    {
        lock (_entries) _entries.Clear();
    }
}
