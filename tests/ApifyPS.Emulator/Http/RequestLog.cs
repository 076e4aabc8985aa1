namespace ApifyPS.Emulator.Http;

/// <summary>Every /v2 request received, oldest first, for tests to count and inspect (GET /__emulator/requests).</summary>
public sealed class RequestLog
{
    public sealed record Entry(string Method, string Path, string Query, string Auth);

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
            lock (log._active) log._active.Remove(entry);
        }
    }

    public void Clear()
    {
        lock (_entries) _entries.Clear();
    }
}
