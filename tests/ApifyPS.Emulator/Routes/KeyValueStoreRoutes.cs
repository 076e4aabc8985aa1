using System.Globalization;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Key-value stores: the keys (<c>GET /v2/key-value-stores/{storeId}/keys</c>, paged by key: <c>exclusiveStartKey</c>,
/// <c>limit</c>, <c>prefix</c>; <c>isTruncated</c> / <c>nextExclusiveStartKey</c> in the answer) and one record
/// (<c>GET .../records/{recordKey}</c>: the stored bytes with their Content-Type), and the run shortcuts under
/// <c>/v2/actor-runs/{runId}/key-value-store</c>.
/// </summary>
public static class KeyValueStoreRoutes
{
    public const int MaxKeysLimit = 1000;

    public static void MapKeyValueStoreRoutes(this WebApplication app, EmulatorStore store, RunResults results)
    {
        var api = new ApiRoutes(app, store);

        api.Get("/v2/key-value-stores/{storeId}/keys", r => Keys(r.Http, store, OwnStore(r, results)));
        api.Get("/v2/actor-runs/{runId}/key-value-store/keys", r => Keys(r.Http, store, RunStore(r, results)));
        api.Get("/v2/key-value-stores/{storeId}/records/{recordKey}", r => Record(r.Http, store, OwnStore(r, results)));
        api.Get("/v2/actor-runs/{runId}/key-value-store/records/{recordKey}", r => Record(r.Http, store, RunStore(r, results)));

        // PUT (and POST) .../records/{recordKey}: the body stored as it is with its Content-Type (a Content-Encoding
        // gzip/deflate/br body decompressed first); 201 + Location. DELETE: 204, or 404 without such a record.
        api.Put("/v2/key-value-stores/{storeId}/records/{recordKey}", r => PutRecord(r, OwnStore(r, results)));
        api.Post("/v2/key-value-stores/{storeId}/records/{recordKey}", r => PutRecord(r, OwnStore(r, results)));
        api.Delete("/v2/key-value-stores/{storeId}/records/{recordKey}", r =>
        {
            var kvs = OwnStore(r, results);
            var key = r.Route("recordKey");
            bool removed;
            lock (store.Sync)
            {
                removed = kvs.Remove(key);
                if (removed) kvs.Touch(write: true);
            }
            if (!removed) throw ApiError.NotFound($"Record '{key}'");
            r.NoContent();
            return Task.CompletedTask;
        });
    }

    /// <summary>The most bytes a record may have here (the API's payload limit for records, 9 MiB as its 413 example says).</summary>
    public const int MaxRecordBytes = 9 * 1024 * 1024;

    private static async Task PutRecord(ApiRequest r, KeyValueStoreRecord kvs)
    {
        var ctx = r.Http;
        var key = r.Route("recordKey");
        var buffer = await DecodedBody.ReadAsync(ctx, MaxRecordBytes, length =>
            new ApiError(413, "request-too-large", $"The PUT payload is too large (limit: {MaxRecordBytes} bytes, actual length: {length} bytes)."));
        var contentType = string.IsNullOrEmpty(ctx.Request.ContentType) ? "application/octet-stream" : ctx.Request.ContentType!;
        lock (r.Store.Sync)
        {
            kvs.Set(key, buffer.ToArray(), contentType);
            kvs.Touch(write: true);
        }
        ctx.Response.Headers.Location = $"{ctx.Request.Scheme}://{ctx.Request.Host}/v2/key-value-stores/{Uri.EscapeDataString(kvs.Id)}/records/{Uri.EscapeDataString(key)}";
        ctx.Response.StatusCode = 201;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.Body.WriteAsync("{}"u8.ToArray());
    }

    private static KeyValueStoreRecord OwnStore(ApiRequest r, RunResults results)
    {
        var id = r.Route("storeId");
        return r.Own($"Key-value store '{id}'", () => results.FindKeyValueStore(id), kvs => kvs.Owner);
    }

    private static KeyValueStoreRecord RunStore(ApiRequest r, RunResults results)
    {
        var run = r.OwnRun(actorScoped: false);
        lock (r.Store.Sync) return results.KeyValueStoreOf(run);
    }

    private static async Task Keys(HttpContext ctx, EmulatorStore store, KeyValueStoreRecord kvs)
    {
        var q = ctx.Request.Query;
        if (q.ContainsKey("collection"))
        {
            await ApiResponse.Error(ctx, 400, "invalid-parameter", "Parameter 'collection' needs a key-value store schema; this store has none.");
            return;
        }
        if (!JobQuery.TryNumber(q, "limit", 1, out var limitValue, out var error) || limitValue is double l && l % 1 != 0)
        {
            await ApiResponse.Error(ctx, 400, "invalid-parameter", error ?? $"Parameter 'limit' must be a whole number of at least 1, got '{q["limit"]}'.");
            return;
        }
        var limit = (int)Math.Min(limitValue ?? MaxKeysLimit, MaxKeysLimit);
        var exclusiveStartKey = q.TryGetValue("exclusiveStartKey", out var esk) && esk.ToString().Length > 0 ? esk.ToString() : null;
        var prefix = q.TryGetValue("prefix", out var p) && p.ToString().Length > 0 ? p.ToString() : null;
        List<KeyValueRecord> page;
        bool truncated;
        lock (store.Sync)
        {
            // Keys in UTF-8 binary order, as the platform lists them.
            var matching = kvs.Records.Values
                .Where(r => (exclusiveStartKey == null || Utf8Order.Instance.Compare(r.Key, exclusiveStartKey) > 0) &&
                            (prefix == null || r.Key.StartsWith(prefix, StringComparison.Ordinal)))
                .OrderBy(r => r.Key, Utf8Order.Instance)
                .Take(limit + 1)
                .ToList();
            truncated = matching.Count > limit;
            page = matching.Take(limit).ToList();
        }
        var baseUrl = $"{ctx.Request.Scheme}://{ctx.Request.Host}/v2/key-value-stores/{Uri.EscapeDataString(kvs.Id)}/records/";
        await ApiResponse.Data(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("items");
            foreach (var r in page)
            {
                w.WriteStartObject();
                w.WriteString("key", r.Key);
                w.WriteNumber("size", r.Value.Length);
                w.WriteString("recordPublicUrl", baseUrl + Uri.EscapeDataString(r.Key));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("count", page.Count);
            w.WriteNumber("limit", limit);
            if (exclusiveStartKey != null) w.WriteString("exclusiveStartKey", exclusiveStartKey);
            else w.WriteNull("exclusiveStartKey");
            w.WriteBoolean("isTruncated", truncated);
            if (truncated) w.WriteString("nextExclusiveStartKey", page[^1].Key);
            else w.WriteNull("nextExclusiveStartKey");
            w.WriteEndObject();
        });
    }

    private static async Task Record(HttpContext ctx, EmulatorStore store, KeyValueStoreRecord kvs)
    {
        if (!Flags.TryParse(ctx.Request.Query, "attachment", out var attachment, out var error))
        {
            await ApiResponse.Error(ctx, 400, "invalid-parameter", error!);
            return;
        }
        var key = (string)ctx.Request.RouteValues["recordKey"]!;
        KeyValueRecord? record;
        lock (store.Sync) record = kvs.Get(key);
        if (record == null) { await ApiResponse.NotFound(ctx, $"Record '{key}'"); return; }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = record.ContentType;
        ctx.Response.ContentLength = record.Value.Length;
        if (attachment) ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"{key}\"";
        await ctx.Response.Body.WriteAsync(record.Value, ctx.RequestAborted);
    }

    /// <summary>Orders strings by their UTF-8 bytes (ordinal UTF-16 order differs only around surrogate pairs).</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? a, string? b) =>
            System.Text.Encoding.UTF8.GetBytes(a ?? "").AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(b ?? ""));
    }
}
