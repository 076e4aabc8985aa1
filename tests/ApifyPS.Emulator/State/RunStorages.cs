namespace ApifyPS.Emulator.State;

/// <summary>
/// The storages runs write to: key-value stores (a run's default store holds its INPUT and OUTPUT records), datasets
/// (a run's default dataset holds its items) and the logs of builds and runs. <see cref="RunResults"/> writes them as
/// jobs run. Not thread-safe: callers hold <see cref="EmulatorStore.Sync"/>.
/// </summary>
public sealed class RunStorages
{
    public Dictionary<string, KeyValueStoreRecord> KeyValueStores { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DatasetRecord> Datasets { get; } = new(StringComparer.Ordinal);

    /// <summary>Logs by build or run id.</summary>
    public Dictionary<string, JobLog> Logs { get; } = new(StringComparer.Ordinal);

    /// <summary>The runs whose results (dataset items, OUTPUT and further records) are written.</summary>
    public HashSet<string> ResultsWritten { get; } = new(StringComparer.Ordinal);

    /// <summary>The dataset with this id, created (empty, owned by <paramref name="owner"/>) on first use.</summary>
    public DatasetRecord Dataset(string id, UserRecord owner)
    {
        if (!Datasets.TryGetValue(id, out var dataset))
            Datasets[id] = dataset = new DatasetRecord { Id = id, Owner = owner };
        return dataset;
    }

    /// <summary>A run's default dataset.</summary>
    public DatasetRecord DefaultDataset(RunRecord run) => Dataset(run.DefaultDatasetId, run.Actor.Owner);

    /// <summary>A build's or run's log, created (empty) on first use.</summary>
    public JobLog Log(JobRecord job)
    {
        if (!Logs.TryGetValue(job.Id, out var log)) Logs[job.Id] = log = new JobLog();
        return log;
    }

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
