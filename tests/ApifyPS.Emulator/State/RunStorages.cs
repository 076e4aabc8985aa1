namespace ApifyPS.Emulator.State;

/// <summary>
/// The storages runs write to. Today: key-value stores (a run's default store holds its INPUT and OUTPUT records).
/// The run-results work adds datasets and logs here. Not thread-safe: callers hold <see cref="EmulatorStore.Sync"/>.
/// </summary>
public sealed class RunStorages
{
    public Dictionary<string, KeyValueStoreRecord> KeyValueStores { get; } = new(StringComparer.Ordinal);

    /// <summary>The key-value store with this id, created (empty, owned by <paramref name="owner"/>) on first use.</summary>
    public KeyValueStoreRecord KeyValueStore(string id, UserRecord owner)
    {
        if (!KeyValueStores.TryGetValue(id, out var kvs))
            KeyValueStores[id] = kvs = new KeyValueStoreRecord { Id = id, Owner = owner };
        return kvs;
    }

    /// <summary>A run's default key-value store.</summary>
    public KeyValueStoreRecord DefaultKeyValueStore(RunRecord run) => KeyValueStore(run.DefaultKeyValueStoreId, run.Actor.Owner);
}

public sealed class KeyValueStoreRecord
{
    public required string Id { get; init; }
    public required UserRecord Owner { get; init; }
    public string? Name { get; set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public DateTime ModifiedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Records by key (keys are case-sensitive, as on the platform).</summary>
    public Dictionary<string, KeyValueRecord> Records { get; } = new(StringComparer.Ordinal);

    public void Set(string key, byte[] value, string contentType)
    {
        Records[key] = new KeyValueRecord(key, value, contentType);
        ModifiedAt = DateTime.UtcNow;
    }

    public KeyValueRecord? Get(string key) => Records.TryGetValue(key, out var r) ? r : null;
}

public sealed record KeyValueRecord(string Key, byte[] Value, string ContentType);
