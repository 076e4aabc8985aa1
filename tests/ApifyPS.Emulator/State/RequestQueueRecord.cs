using System.Text.Json;

namespace ApifyPS.Emulator.State;

/// <summary>
/// A request queue: requests in queue order (forefront ones first), unique by <c>uniqueKey</c> as the API keeps them.
/// Not thread-safe: callers hold <see cref="EmulatorStore.Sync"/>.
/// </summary>
public sealed class RequestQueueRecord : StorageRecord
{
    /// <summary>Requests in queue order.</summary>
    public List<QueueRequestRecord> Requests { get; } = new();

    public Dictionary<string, QueueRequestRecord> ByUniqueKey { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, QueueRequestRecord> ById { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether more than one clientKey has written to it.</summary>
    public HashSet<string> ClientKeys { get; } = new(StringComparer.Ordinal);

    public long HandledCount => Requests.Count(r => r.HandledAt != null);

    /// <summary>Adds the request unless one with its uniqueKey is there: (the request in the queue, whether it was already).</summary>
    public (QueueRequestRecord Request, bool AlreadyPresent) Add(QueueRequestRecord request, bool forefront)
    {
        if (ByUniqueKey.TryGetValue(request.UniqueKey, out var existing)) return (existing, true);
        if (forefront) Requests.Insert(0, request);
        else Requests.Add(request);
        ByUniqueKey[request.UniqueKey] = request;
        ById[request.Id] = request;
        Touch(write: true);
        return (request, false);
    }

    public bool Remove(string id)
    {
        if (!ById.Remove(id, out var request)) return false;
        ByUniqueKey.Remove(request.UniqueKey);
        Requests.Remove(request);
        Touch(write: true);
        return true;
    }
}

/// <summary>One request of a queue: the fields the API keeps (RequestBase), the rest of the body kept as sent.</summary>
public sealed class QueueRequestRecord
{
    public required string Id { get; init; }
    public required string UniqueKey { get; init; }
    public required string Url { get; init; }
    public string Method { get; init; } = "GET";
    public DateTime? HandledAt { get; set; }
    /// <summary>The request as sent (userData, headers, payload, ...), its id, uniqueKey and url written by the server.</summary>
    public JsonElement Body { get; init; }
}
