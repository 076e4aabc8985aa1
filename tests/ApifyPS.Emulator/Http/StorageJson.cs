using System.Text.Json;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// Datasets, key-value stores and request queues as the API writes them (the spec's Dataset / DatasetListItem,
/// KeyValueStore, RequestQueue / RequestQueueShort schemas). Callers hold the store's lock.
/// </summary>
public static class StorageJson
{
    public const string ConsoleBase = "https://console.apify.com/storage/";

    private static void Common(Utf8JsonWriter w, StorageRecord s, string consoleKind, bool withUsername = true)
    {
        w.WriteString("id", s.Id);
        if (s.Name != null) w.WriteString("name", s.Name);
        else w.WriteNull("name");
        w.WriteString("userId", s.Owner.Id);
        if (withUsername) w.WriteString("username", s.Owner.Username);
        w.WriteTime("createdAt", s.CreatedAt);
        w.WriteTime("modifiedAt", s.ModifiedAt);
        w.WriteTime("accessedAt", s.AccessedAt);
        if (s.Run != null) { w.WriteString("actId", s.Run.Actor.Id); w.WriteString("actRunId", s.Run.Id); }
        else { w.WriteNull("actId"); w.WriteNull("actRunId"); }
        w.WriteString("generalAccess", s.GeneralAccess);
        w.WriteString("consoleUrl", ConsoleBase + consoleKind + "/" + s.Id);
    }

    /// <summary>A dataset (<paramref name="full"/>: the Dataset schema of one dataset; else DatasetListItem).</summary>
    public static void Dataset(Utf8JsonWriter w, DatasetRecord d, string baseUrl, bool full)
    {
        w.WriteStartObject();
        Common(w, d, "datasets");
        w.WriteNumber("itemCount", d.Count);
        w.WriteNumber("cleanItemCount", d.Count - d.Items.Count(IsEmptyWhenClean));
        if (full)
        {
            w.WriteString("itemsPublicUrl", $"{baseUrl}/v2/datasets/{d.Id}/items");
            w.WriteNull("fields");
            w.WriteNull("schema");
        }
        w.WriteStartObject("stats");
        w.WriteNumber("readCount", d.ReadCount);
        w.WriteNumber("writeCount", d.WriteCount);
        w.WriteNumber(full ? "storageBytes" : "inflatedBytes", d.StoredBytes + d.GeneratedCount * 400);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A key-value store (the KeyValueStore schema, for one and for lists).</summary>
    public static void KeyValueStore(Utf8JsonWriter w, KeyValueStoreRecord s, string baseUrl)
    {
        w.WriteStartObject();
        Common(w, s, "key-value-stores");
        w.WriteString("keysPublicUrl", $"{baseUrl}/v2/key-value-stores/{s.Id}/keys");
        w.WriteString("recordsPublicUrl", $"{baseUrl}/v2/key-value-stores/{s.Id}/records");
        w.WriteStartObject("stats");
        w.WriteNumber("readCount", s.ReadCount);
        w.WriteNumber("writeCount", s.WriteCount);
        w.WriteNumber("storageBytes", s.Records.Values.Sum(r => (long)r.Value.Length));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A request queue (RequestQueue for one, RequestQueueShort in lists).</summary>
    public static void RequestQueue(Utf8JsonWriter w, RequestQueueRecord q, bool full)
    {
        w.WriteStartObject();
        Common(w, q, "request-queues", withUsername: !full);
        var handled = q.HandledCount;
        w.WriteNumber("totalRequestCount", q.Requests.Count);
        w.WriteNumber("handledRequestCount", handled);
        w.WriteNumber("pendingRequestCount", q.Requests.Count - handled);
        w.WriteBoolean("hadMultipleClients", q.ClientKeys.Count > 1);
        w.WriteStartObject("stats");
        w.WriteNumber("readCount", q.ReadCount);
        w.WriteNumber("writeCount", q.WriteCount);
        w.WriteNumber("storageBytes", q.Requests.Sum(r => (long)r.Body.GetRawText().Length));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A queue request (the Request schema): the body as sent, with the server's id, uniqueKey, url and method.</summary>
    public static void QueueRequest(Utf8JsonWriter w, QueueRequestRecord r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("uniqueKey", r.UniqueKey);
        w.WriteString("url", r.Url);
        w.WriteString("method", r.Method);
        if (r.Body.ValueKind == JsonValueKind.Object)
            foreach (var p in r.Body.EnumerateObject())
                if (p.Name is not ("id" or "uniqueKey" or "url" or "method" or "handledAt")) p.WriteTo(w);
        w.WriteTime("handledAt", r.HandledAt);
        w.WriteEndObject();
    }

    private static bool IsEmptyWhenClean(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && !item.EnumerateObject().Any(p => !p.Name.StartsWith('#'));
}
