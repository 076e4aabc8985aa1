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

    /// <summary>The API's limit of a push's payload (the spec: "the limit of request payload size for the dataset is 5 MB").</summary>
    public const int MaxPushBytes = 5 * 1024 * 1024;

    public static void MapDatasetRoutes(this WebApplication app, EmulatorStore store, RunResults results)
    {
        var api = new ApiRoutes(app, store);

        // POST /v2/datasets/{datasetId}/items: an object or an array of objects appended in order; 201 + Location.
        // Over MaxPushBytes (after decompressing a Content-Encoding: gzip/deflate/br body) is 413 request-too-large.
        api.Post("/v2/datasets/{datasetId}/items", async r =>
        {
            var id = r.Route("datasetId");
            var dataset = r.Own($"Dataset '{id}'", () => results.FindDataset(id), d => d.Owner);
            var body = await PushBody(r.Http);
            var items = body.ValueKind == JsonValueKind.Array ? body.EnumerateArray().ToList() : new List<JsonElement> { body };
            var notObject = items.FindIndex(i => i.ValueKind != JsonValueKind.Object);
            if (body.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object) || notObject >= 0)
                throw new RequestBody.InvalidInput(notObject >= 0
                    ? $"Item at position {notObject} is not a JSON object."
                    : "The request body must be a JSON object or an array of objects.");
            lock (store.Sync)
            {
                if (dataset.GeneratedCount > 0)
                    throw new RequestBody.InvalidInput("This local server cannot append to a dataset whose items it makes up.");
                dataset.Push(items);
                dataset.Touch(write: true);
            }
            r.Http.Response.Headers.Location = $"{r.Http.Request.Scheme}://{r.Http.Request.Host}/v2/datasets/{dataset.Id}/items";
            r.Http.Response.StatusCode = 201;
            r.Http.Response.ContentType = "application/json; charset=utf-8";
            await r.Http.Response.Body.WriteAsync("{}"u8.ToArray());
        });

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
        if (format != "json" && format != "jsonl" && format != "xml" && !DatasetFormats.TableFormats.Contains(format))
            error = $"This local server serves the formats json, jsonl, csv, html, xlsx and xml, not '{format}'.";
        var unsupported = Unsupported.FirstOrDefault(q.ContainsKey);
        if (unsupported != null) error = $"This local server does not implement the '{unsupported}' parameter.";
        double? offsetValue = null, limitValue = null;
        bool desc = false, clean = false, skipHidden = false, skipEmpty = false, skipHeaderRow = false, attachment = false, bom = false;
        var parsed = error == null &&
            JobQuery.TryNumber(q, "offset", 0, out offsetValue, out error) && JobQuery.TryNumber(q, "limit", 0, out limitValue, out error) &&
            Flags.TryParse(q, "desc", out desc, out error) && Flags.TryParse(q, "clean", out clean, out error) &&
            Flags.TryParse(q, "skipHidden", out skipHidden, out error) && Flags.TryParse(q, "skipEmpty", out skipEmpty, out error) &&
            Flags.TryParse(q, "skipHeaderRow", out skipHeaderRow, out error) && Flags.TryParse(q, "attachment", out attachment, out error) &&
            Flags.TryParse(q, "bom", out bom, out error);
        var delimiter = q.TryGetValue("delimiter", out var d) && d.ToString().Length > 0 ? d.ToString() : ",";
        if (parsed && error == null && delimiter.Length != 1) error = $"Parameter 'delimiter' must be one character, got '{delimiter}'.";
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
        if (attachment) headers.ContentDisposition = $"attachment; filename=\"dataset_{dataset.Id}.{format}\"";
        lock (store.Sync) dataset.Touch(write: false);
        if (format != "json" && format != "jsonl")
        {
            ctx.Response.ContentType = DatasetFormats.ContentType(format);
            var generatedFields = filter.GeneratedFieldIndexes();
            // The window as parsed items, in the order asked for: stored ones filtered, generated ones made up.
            IEnumerable<JsonElement> Window(bool sampleGenerated)
            {
                var generatedSeen = false;
                for (var k = start; k < end; k++)
                {
                    var index = desc ? total - 1 - k : k;
                    if (index < stored)
                    {
                        var item = storedWindow[index - low];
                        if (filter.Skips(item)) continue;
                        yield return filter.ChangesFields ? Reparse(w => filter.Write(w, item)) : item;
                    }
                    else
                    {
                        if (sampleGenerated && generatedSeen) continue;
                        generatedSeen = true;
                        yield return Reparse(w => GeneratedItems.Write(w, index - stored, generatedFields));
                    }
                }
            }
            var formatOptions = new DatasetFormats.Options
            {
                SkipHeaderRow = skipHeaderRow,
                Delimiter = delimiter,
                Bom = q.ContainsKey("bom") ? bom : null,
                XmlRoot = q.TryGetValue("xmlRoot", out var root) && root.ToString().Length > 0 ? root.ToString() : "items",
                XmlRow = q.TryGetValue("xmlRow", out var row) && row.ToString().Length > 0 ? row.ToString() : "item",
            };
            await DatasetFormats.WriteAsync(ctx, format, formatOptions, () => Window(false), () => DatasetFormats.Columns(Window(true)));
            return;
        }
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

    /// <summary>The push's JSON, at most <see cref="MaxPushBytes"/> once decompressed; 413 above, 415 for an unknown encoding.</summary>
    private static async Task<JsonElement> PushBody(HttpContext ctx)
    {
        var contentType = ctx.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new RequestBody.InvalidInput($"The request body must be JSON sent with Content-Type: application/json (got '{contentType}').");
        if (ctx.Request.ContentLength is long announced && announced > MaxPushBytes && !ctx.Request.Headers.ContainsKey("Content-Encoding"))
            throw TooLarge(announced);
        var buffer = await DecodedBody.ReadAsync(ctx, MaxPushBytes, length => TooLarge(length));
        try
        {
            using var doc = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new RequestBody.InvalidInput($"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static ApiError TooLarge(long length) =>
        new(413, "request-too-large", $"The POST payload is too large (limit: {MaxPushBytes} bytes, actual length: {length} bytes).");

    private static JsonElement Reparse(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    /// <summary>A comma-separated list parameter (several occurrences allowed), trimmed, without empty entries; null when absent.</summary>
    public static string[]? List(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var raw)) return null;
        var items = raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        return items.Length == 0 ? null : items;
    }
}
