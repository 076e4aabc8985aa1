namespace ApifyPS.Emulator.Http;

/// <summary>Every /v2 request received, oldest first, for tests to count and inspect (GET /__emulator/requests).</summary>
public sealed class RequestLog
{
    public sealed record Entry(string Method, string Path, string Query, string Auth);

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
