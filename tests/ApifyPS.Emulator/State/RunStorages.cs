namespace ApifyPS.Emulator.State;

/// <summary>
/// The storages runs write to: key-value stores (a run's default store holds its INPUT and OUTPUT records), datasets
/// (a run's default dataset holds its items) and the logs of builds and runs. <see cref="RunResults"/> writes them as
/// jobs run. Not thread-safe: callers hold <see cref="EmulatorStore.Sync"/>.
/// </summary>
public sealed class RunStorages
{
    private long _seq;

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
            Datasets[id] = dataset = new DatasetRecord { Id = id, Owner = owner, Seq = Interlocked.Increment(ref _seq) };
        return dataset;
    }

    /// <summary>A run's default dataset.</summary>
    public DatasetRecord DefaultDataset(RunRecord run)
    {
        var dataset = Dataset(run.DefaultDatasetId, run.Actor.Owner);
        dataset.Run ??= run;
        return dataset;
    }

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
            KeyValueStores[id] = kvs = new KeyValueStoreRecord { Id = id, Owner = owner, Seq = Interlocked.Increment(ref _seq) };
        return kvs;
    }

    /// <summary>A run's default key-value store.</summary>
    public KeyValueStoreRecord DefaultKeyValueStore(RunRecord run)
    {
        var kvs = KeyValueStore(run.DefaultKeyValueStoreId, run.Actor.Owner);
        kvs.Run ??= run;
        return kvs;
    }

    // Storages as first-class objects (issue 15): request queues, names, deletion.

    public Dictionary<string, RequestQueueRecord> RequestQueues { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of storages deleted through the API: a deleted run storage is not made again on its next use.</summary>
    public HashSet<string> Deleted { get; } = new(StringComparer.Ordinal);

    /// <summary>The request queue with this id, created (empty) on first use.</summary>
    public RequestQueueRecord RequestQueue(string id, UserRecord owner)
    {
        if (!RequestQueues.TryGetValue(id, out var queue))
            RequestQueues[id] = queue = new RequestQueueRecord { Id = id, Owner = owner, Seq = Interlocked.Increment(ref _seq) };
        return queue;
    }

    /// <summary>A run's default request queue.</summary>
    public RequestQueueRecord DefaultRequestQueue(RunRecord run)
    {
        var queue = RequestQueue(run.DefaultRequestQueueId, run.Actor.Owner);
        queue.Run ??= run;
        return queue;
    }
}

public sealed class KeyValueStoreRecord : StorageRecord
{

    /// <summary>Records by key (keys are case-sensitive, as on the platform).</summary>
    public Dictionary<string, KeyValueRecord> Records { get; } = new(StringComparer.Ordinal);

    public void Set(string key, byte[] value, string contentType)
    {
        Records[key] = new KeyValueRecord(key, value, contentType);
        ModifiedAt = DateTime.UtcNow;
    }

    public KeyValueRecord? Get(string key) => Records.TryGetValue(key, out var r) ? r : null;

    public bool Remove(string key)
    {
        if (!Records.Remove(key)) return false;
        ModifiedAt = DateTime.UtcNow;
        return true;
    }
}

public sealed record KeyValueRecord(string Key, byte[] Value, string ContentType);
