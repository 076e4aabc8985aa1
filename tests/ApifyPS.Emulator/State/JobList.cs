namespace ApifyPS.Emulator.State;

/// <summary>
/// Jobs kept sorted by (startedAt, seq), as the API orders its lists. Appending in order is O(1); a seeded batch
/// is merged in one pass, so 100,000 builds seed in well under a second. Not thread-safe: the store locks.
/// </summary>
public sealed class JobList<T> where T : JobRecord
{
    private List<T> _items = new();

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    public void Add(T job)
    {
        if (_items.Count == 0 || Compare(_items[^1], job) <= 0) { _items.Add(job); return; }
        var i = _items.BinarySearch(job, Comparer<T>.Create(Compare));
        _items.Insert(i < 0 ? ~i : i, job);
    }

    /// <summary>Merges a batch that is already sorted.</summary>
    public void AddSorted(IReadOnlyList<T> batch)
    {
        if (batch.Count == 0) return;
        if (_items.Count == 0 || Compare(_items[^1], batch[0]) <= 0) { _items.AddRange(batch); return; }
        var merged = new List<T>(_items.Count + batch.Count);
        int a = 0, b = 0;
        while (a < _items.Count && b < batch.Count)
            merged.Add(Compare(_items[a], batch[b]) <= 0 ? _items[a++] : batch[b++]);
        while (a < _items.Count) merged.Add(_items[a++]);
        while (b < batch.Count) merged.Add(batch[b++]);
        _items = merged;
    }

    public void RemoveWhere(Predicate<T> match) => _items.RemoveAll(match);

    /// <summary>The page [offset, offset+limit) in ascending or descending order.</summary>
    public List<T> Page(int offset, int limit, bool desc)
    {
        var page = new List<T>(Math.Max(0, Math.Min(limit, _items.Count - offset)));
        for (var i = offset; i < _items.Count && page.Count < limit; i++)
            page.Add(desc ? _items[_items.Count - 1 - i] : _items[i]);
        return page;
    }

    public IEnumerable<T> All => _items;

    private static int Compare(T x, T y)
    {
        var c = x.StartedAt.CompareTo(y.StartedAt);
        return c != 0 ? c : x.Seq.CompareTo(y.Seq);
    }
}
