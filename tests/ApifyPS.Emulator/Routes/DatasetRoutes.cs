using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Dataset items: <c>GET /v2/datasets/{datasetId}/items</c> and the run shortcut
/// <c>GET /v2/actor-runs/{runId}/dataset/items</c>. The answer is a bare JSON array (or JSON lines), its paging in the
/// <c>X-Apify-Pagination-*</c> headers; no limit means every item. Written as it is produced, so a million generated
/// items never sit in memory.
/// </summary>
public static class DatasetRoutes
{
    /// <summary>What the API answers in X-Apify-Pagination-Limit when no limit was asked for.</summary>
    public const long NoLimit = 999_999_999_999;

    /// <summary>Item parameters this server does not implement; refused rather than silently ignored.</summary>
    private static readonly string[] Unsupported = { "unwind", "flatten", "outputFields", "view", "simplified", "skipFailedPages" };

    public static void MapDatasetRoutes(this WebApplication app, EmulatorStore store, RunResults results)
    {
        var api = new ApiRoutes(app, store);

        api.Get("/v2/datasets/{datasetId}/items", r =>
        {
            var id = r.Route("datasetId");
            return Items(r.Http, store, r.Own($"Dataset '{id}'", () => results.FindDataset(id), d => d.Owner));
        });

        api.Get("/v2/actor-runs/{runId}/dataset/items", r =>
        {
            var run = r.OwnRun(actorScoped: false);
            DatasetRecord dataset;
            lock (store.Sync) dataset = results.DatasetOf(run);
            return Items(r.Http, store, dataset);
        });
    }

    private static async Task Items(HttpContext ctx, EmulatorStore store, DatasetRecord dataset)
    {
        var q = ctx.Request.Query;
        var format = q.TryGetValue("format", out var f) && f.ToString().Length > 0 ? f.ToString().ToLowerInvariant() : "json";
        string? error = null;
        if (format != "json" && format != "jsonl") error = $"This local server serves format 'json' and 'jsonl' only, not '{format}'.";
        var unsupported = Unsupported.FirstOrDefault(q.ContainsKey);
        if (unsupported != null) error = $"This local server does not implement the '{unsupported}' parameter.";
        double? offsetValue = null, limitValue = null;
        bool desc = false, clean = false, skipHidden = false, skipEmpty = false;
        var parsed = error == null &&
            JobQuery.TryNumber(q, "offset", 0, out offsetValue, out error) && JobQuery.TryNumber(q, "limit", 0, out limitValue, out error) &&
            Flags.TryParse(q, "desc", out desc, out error) && Flags.TryParse(q, "clean", out clean, out error) &&
            Flags.TryParse(q, "skipHidden", out skipHidden, out error) && Flags.TryParse(q, "skipEmpty", out skipEmpty, out error);
        if (parsed && (offsetValue is double o && o % 1 != 0 || limitValue is double lv && lv % 1 != 0)) error = "Parameters 'offset' and 'limit' are whole numbers.";
        if (error != null) { await ApiResponse.Error(ctx, 400, "invalid-parameter", error); return; }

        var filter = new ItemFilter
        {
            Fields = List(q, "fields"),
            Omit = List(q, "omit") is { } omit ? new HashSet<string>(omit, StringComparer.Ordinal) : null,
            SkipHidden = skipHidden || clean,
            SkipEmpty = skipEmpty || clean,
        };
        var offset = (long)Math.Min(offsetValue ?? 0, long.MaxValue);
        var limit = limitValue is > 0 ? (long)Math.Min(limitValue.Value, long.MaxValue) : (long?)null;

        // The window [start, end) in the order asked for, and the same items as stored indexes [low, high).
        long total, start, end, low, high, stored;
        JsonElement[] storedWindow;
        lock (store.Sync)
        {
            total = dataset.Count;
            stored = dataset.Items.Count;
            start = Math.Min(offset, total);
            end = limit is long l ? Math.Min(total, start + Math.Min(l, total)) : total;
            low = desc ? total - end : start;
            high = desc ? total - start : end;
            storedWindow = low < stored ? dataset.Items.GetRange((int)low, (int)(Math.Min(high, stored) - low)).ToArray() : Array.Empty<JsonElement>();
        }
        var count = (end - start) - (filter.SkipEmpty ? storedWindow.Count(filter.Skips) : 0);

        var headers = ctx.Response.Headers;
        headers["X-Apify-Pagination-Offset"] = offset.ToString(CultureInfo.InvariantCulture);
        headers["X-Apify-Pagination-Limit"] = (limit ?? NoLimit).ToString(CultureInfo.InvariantCulture);
        headers["X-Apify-Pagination-Count"] = count.ToString(CultureInfo.InvariantCulture);
        headers["X-Apify-Pagination-Total"] = total.ToString(CultureInfo.InvariantCulture);
        headers["X-Apify-Pagination-Desc"] = desc ? "true" : "false";
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = format == "json" ? "application/json; charset=utf-8" : "application/jsonl; charset=utf-8";

        var jsonLines = format == "jsonl";
        var fieldIndexes = filter.GeneratedFieldIndexes();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        await using var w = new Utf8JsonWriter(buffer);
        var body = ctx.Response.Body;
        var aborted = ctx.RequestAborted;
        if (!jsonLines) w.WriteStartArray();
        for (var k = start; k < end; k++)
        {
            var index = desc ? total - 1 - k : k;
            if (index < stored)
            {
                var item = storedWindow[index - low];
                if (filter.Skips(item)) continue;
                filter.Write(w, item);
            }
            else GeneratedItems.Write(w, index - stored, fieldIndexes);
            if (jsonLines)
            {
                w.Flush();
                buffer.Write("\n"u8);
                w.Reset();
            }
            if (w.BytesPending + buffer.WrittenCount >= 32 * 1024)
            {
                w.Flush();
                await body.WriteAsync(buffer.WrittenMemory, aborted);
                buffer.ResetWrittenCount();
            }
        }
        if (!jsonLines) w.WriteEndArray();
        w.Flush();
        await body.WriteAsync(buffer.WrittenMemory, aborted);
    }

    /// <summary>A comma-separated list parameter (several occurrences allowed), trimmed, without empty entries; null when absent.</summary>
    public static string[]? List(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var raw)) return null;
        var items = raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        return items.Length == 0 ? null : items;
    }
}
