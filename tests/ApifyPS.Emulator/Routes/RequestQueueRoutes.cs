using System.Text;
using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// A request queue's requests: add one (<c>POST .../requests</c>) or a batch of at most 25
/// (<c>POST .../requests/batch</c>), each unique by its <c>uniqueKey</c> (a request whose key is there already is
/// answered with the existing one's id and <c>wasAlreadyPresent</c>, not added twice); <c>forefront</c> puts them at
/// the head; the list (<c>GET .../requests</c>: <c>limit</c> up to 10000, <c>cursor</c>/<c>nextCursor</c>); one
/// request; delete one (204).
/// </summary>
public static class RequestQueueRoutes
{
    public const int MaxBatch = 25;
    public const int MaxListLimit = 10_000;

    public static void MapRequestQueueRoutes(this WebApplication app, EmulatorStore store, RunResults results)
    {
        var api = new ApiRoutes(app, store);

        api.Post("/v2/request-queues/{queueId}/requests", async r =>
        {
            var queue = Queue(r, results);
            var forefront = r.Flag("forefront");
            var body = await r.Body();
            var request = Parse(body, 0);
            bool present;
            lock (store.Sync)
            {
                NoteClient(r, queue);
                (request, present) = queue.Add(request, forefront);
            }
            await r.Data(w => Registration(w, request, present, withKey: false), 201);
        });

        api.Post("/v2/request-queues/{queueId}/requests/batch", async r =>
        {
            var queue = Queue(r, results);
            var forefront = r.Flag("forefront");
            var body = await ReadArray(r.Http);
            if (body.Count > MaxBatch) throw new RequestBody.InvalidInput($"A batch holds at most {MaxBatch} requests, got {body.Count}.");
            var parsed = body.Select(Parse).ToList();
            var processed = new List<(QueueRequestRecord, bool)>();
            lock (store.Sync)
            {
                NoteClient(r, queue);
                // In the order given; forefront ones end at the head in that order.
                var ordered = forefront ? Enumerable.Reverse(parsed) : parsed;
                foreach (var request in ordered) processed.Add(queue.Add(request, forefront));
                if (forefront) processed.Reverse();
            }
            await r.Data(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("processedRequests");
                foreach (var (request, present) in processed) Registration(w, request, present, withKey: true);
                w.WriteEndArray();
                w.WriteStartArray("unprocessedRequests");
                w.WriteEndArray();
                w.WriteEndObject();
            }, 201);
        });

        api.Get("/v2/request-queues/{queueId}/requests", r =>
        {
            var queue = Queue(r, results);
            var limitValue = r.Number("limit", 1);
            if (limitValue is double l && l % 1 != 0) throw ApiError.InvalidParameter($"Parameter 'limit' must be a whole number, got '{l}'.");
            var limit = (int)Math.Min(limitValue ?? 100, MaxListLimit);
            var cursor = r.Query["cursor"].ToString();
            var exclusiveStartId = r.Query["exclusiveStartId"].ToString();
            string? after = null;
            if (cursor.Length > 0)
            {
                try { after = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)); }
                catch (FormatException) { throw ApiError.InvalidParameter($"Parameter 'cursor' is not a cursor this server gave: '{cursor}'."); }
            }
            else if (exclusiveStartId.Length > 0) after = exclusiveStartId;
            List<QueueRequestRecord> page;
            bool more;
            lock (store.Sync)
            {
                var start = 0;
                if (after != null)
                {
                    var at = queue.Requests.FindIndex(q => q.Id == after);
                    if (at < 0 && cursor.Length > 0) throw ApiError.InvalidParameter("Parameter 'cursor' points at a request that is gone.");
                    start = at + 1;
                }
                page = queue.Requests.Skip(start).Take(limit).ToList();
                more = start + page.Count < queue.Requests.Count;
                queue.Touch(write: false);
            }
            return r.Data(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("items");
                foreach (var q in page) StorageJson.QueueRequest(w, q);
                w.WriteEndArray();
                w.WriteNumber("limit", limit);
                if (cursor.Length > 0) w.WriteString("cursor", cursor);
                if (exclusiveStartId.Length > 0) w.WriteString("exclusiveStartId", exclusiveStartId);
                if (more && page.Count > 0) w.WriteString("nextCursor", Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Id)));
                w.WriteEndObject();
            });
        });

        api.Get("/v2/request-queues/{queueId}/requests/{requestId}", r =>
        {
            var queue = Queue(r, results);
            var id = r.Route("requestId");
            var request = r.Found($"Request '{id}'", () => queue.ById.GetValueOrDefault(id));
            return r.Data(w => StorageJson.QueueRequest(w, request));
        });

        api.Delete("/v2/request-queues/{queueId}/requests/{requestId}", r =>
        {
            var queue = Queue(r, results);
            var id = r.Route("requestId");
            bool removed;
            lock (store.Sync) removed = queue.Remove(id);
            if (!removed) throw ApiError.NotFound($"Request '{id}'");
            r.NoContent();
            return Task.CompletedTask;
        });
    }

    private static RequestQueueRecord Queue(ApiRequest r, RunResults results) => r.OwnStorage("queueId", "Request queue", results.FindRequestQueue);

    private static void NoteClient(ApiRequest r, RequestQueueRecord queue)
    {
        var clientKey = r.Query["clientKey"].ToString();
        queue.ClientKeys.Add(clientKey.Length > 0 ? clientKey : Ids.New());
    }

    /// <summary>A request as the API takes it (RequestWithoutId: <c>uniqueKey</c> and <c>url</c> required).</summary>
    private static QueueRequestRecord Parse(JsonElement body, int position)
    {
        var at = position > 0 ? $" (request {position})" : "";
        if (body.ValueKind != JsonValueKind.Object) throw new RequestBody.InvalidInput($"Each request must be a JSON object{at}.");
        body.TryString("url", out var url, nullable: false);
        body.TryString("uniqueKey", out var uniqueKey, nullable: false);
        body.TryString("method", out var method, nullable: false);
        if (string.IsNullOrEmpty(url)) throw new RequestBody.InvalidInput($"Field 'url' is required{at}.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out _)) throw new RequestBody.InvalidInput($"Field 'url' must be an absolute URL{at}, got '{url}'.");
        if (string.IsNullOrEmpty(uniqueKey)) throw new RequestBody.InvalidInput($"Field 'uniqueKey' is required{at}.");
        return new QueueRequestRecord { Id = Ids.New()[..15], UniqueKey = uniqueKey!, Url = url!, Method = method ?? "GET", Body = body.Clone() };
    }

    private static async Task<List<JsonElement>> ReadArray(HttpContext ctx)
    {
        var contentType = ctx.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new RequestBody.InvalidInput($"The request body must be JSON sent with Content-Type: application/json (got '{contentType}').");
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new RequestBody.InvalidInput("The request body must be a JSON array of requests.");
            return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
        }
        catch (JsonException ex)
        {
            throw new RequestBody.InvalidInput($"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static void Registration(Utf8JsonWriter w, QueueRequestRecord request, bool present, bool withKey)
    {
        w.WriteStartObject();
        w.WriteString("requestId", request.Id);
        if (withKey) w.WriteString("uniqueKey", request.UniqueKey);
        w.WriteBoolean("wasAlreadyPresent", present);
        w.WriteBoolean("wasAlreadyHandled", present && request.HandledAt != null);
        w.WriteEndObject();
    }
}
