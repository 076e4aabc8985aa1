using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;
using static ApifyPS.Emulator.Http.RequestBody;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Webhooks and their dispatches, from the OpenAPI document's Webhooks group: the user's list, create (WebhookCreate;
/// an idempotencyKey already used answers the webhook it made), get, update (WebhookUpdate: only the fields given),
/// delete (204), test (201, a TEST dispatch sent for real), a webhook's dispatches, the user's dispatches and one
/// dispatch. Lists are sorted by createdAt (desc=1 reverses) and paged. The dispatches themselves are
/// <see cref="WebhookDispatcher"/>'s.
/// </summary>
public static class WebhookRoutes
{
    public static void MapWebhookRoutes(this WebApplication app, EmulatorStore store, AccountState account, WebhookDispatcher dispatcher)
    {
        var api = new ApiRoutes(app, store);

        // GET /v2/webhooks: every webhook the user created.
        api.Get("/v2/webhooks", r =>
        {
            var user = r.User();
            var paging = r.Paging();
            List<WebhookRecord> page;
            int total;
            lock (store.Sync)
            {
                var all = store.WebhooksById.Values.Where(h => h.Owner == user).OrderBy(h => h.CreatedAt).ThenBy(h => h.Seq).ToList();
                total = all.Count;
                page = paging.Slice(all);
            }
            return r.List(total, paging, page, WebhookJson.WebhookShort);
        });

        // POST /v2/webhooks: WebhookCreate -> 201 Webhook + Location.
        api.Post("/v2/webhooks", async r =>
        {
            var user = r.User();
            var body = await r.Body();
            var patch = WebhookPatch.Parse(body, creating: true);
            WebhookRecord webhook;
            lock (store.Sync)
            {
                if (patch.IdempotencyKey != null && account.WebhooksByIdempotencyKey.TryGetValue((user.Id, patch.IdempotencyKey), out var existing)
                    && store.WebhooksById.ContainsKey(existing.Id))
                    webhook = existing;
                else
                {
                    var now = Clock.UtcNow();
                    webhook = new WebhookRecord
                    {
                        Id = Ids.New(), Owner = user, CreatedAt = now, ModifiedAt = now, Seq = store.NextSeq(), IdempotencyKey = patch.IdempotencyKey,
                    };
                    patch.ApplyTo(webhook, store, user);
                    store.AddWebhook(webhook);
                    if (patch.IdempotencyKey != null) account.WebhooksByIdempotencyKey[(user.Id, patch.IdempotencyKey)] = webhook;
                }
            }
            await r.Created($"/v2/webhooks/{webhook.Id}", w => WebhookJson.Webhook(w, webhook));
        });

        // GET /v2/webhooks/{webhookId}
        api.Get("/v2/webhooks/{webhookId}", r =>
        {
            var webhook = OwnWebhook(r, store);
            return r.Data(w => WebhookJson.Webhook(w, webhook));
        });

        // PUT /v2/webhooks/{webhookId}: WebhookUpdate, only the fields given -> 200 Webhook.
        api.Put("/v2/webhooks/{webhookId}", async r =>
        {
            var webhook = OwnWebhook(r, store);
            var patch = WebhookPatch.Parse(await r.Body(), creating: false);
            lock (store.Sync)
            {
                patch.ApplyTo(webhook, store, webhook.Owner);
                webhook.ModifiedAt = Clock.UtcNow();
            }
            await r.Data(w => WebhookJson.Webhook(w, webhook));
        });

        // DELETE /v2/webhooks/{webhookId} -> 204.
        api.Delete("/v2/webhooks/{webhookId}", r =>
        {
            var webhook = OwnWebhook(r, store);
            lock (store.Sync)
            {
                store.WebhooksById.Remove(webhook.Id);
                webhook.Actor?.Webhooks.Remove(webhook);
            }
            r.NoContent();
            return Task.CompletedTask;
        });

        // POST /v2/webhooks/{webhookId}/test -> 201 WebhookDispatch (TEST, a dummy resource), sent for real.
        api.Post("/v2/webhooks/{webhookId}/test", r =>
        {
            var webhook = OwnWebhook(r, store);
            WebhookDispatchRecord dispatch;
            lock (store.Sync) dispatch = dispatcher.Dispatch(webhook, "TEST", null);
            return r.Data(w => WebhookJson.Dispatch(w, dispatch), 201);
        });

        // GET /v2/webhooks/{webhookId}/dispatches: the webhook's dispatches, paged.
        api.Get("/v2/webhooks/{webhookId}/dispatches", r =>
        {
            var webhook = OwnWebhook(r, store);
            var paging = r.Paging();
            return ListDispatches(r, store, paging, account.Dispatches.Where(d => d.Webhook == webhook));
        });

        // GET /v2/webhook-dispatches: every dispatch of the user's webhooks, paged.
        api.Get("/v2/webhook-dispatches", r =>
        {
            var user = r.User();
            var paging = r.Paging();
            return ListDispatches(r, store, paging, account.Dispatches.Where(d => d.Webhook.Owner == user));
        });

        // GET /v2/webhook-dispatches/{dispatchId}
        api.Get("/v2/webhook-dispatches/{dispatchId}", r =>
        {
            var id = r.Route("dispatchId");
            var dispatch = r.Own($"Webhook dispatch '{id}'", () => account.DispatchesById.GetValueOrDefault(id), d => d.Webhook.Owner);
            return r.Data(w => WebhookJson.Dispatch(w, dispatch));
        });
    }

    private static WebhookRecord OwnWebhook(ApiRequest r, EmulatorStore store)
    {
        var id = r.Route("webhookId");
        return r.Own($"Webhook '{id}'", () => store.WebhooksById.GetValueOrDefault(id), h => h.Owner);
    }

    private static Task ListDispatches(ApiRequest r, EmulatorStore store, Paging paging, IEnumerable<WebhookDispatchRecord> dispatches)
    {
        List<WebhookDispatchRecord> page;
        int total;
        lock (store.Sync)
        {
            var all = dispatches.OrderBy(d => d.CreatedAt).ThenBy(d => d.Seq).ToList();
            total = all.Count;
            page = paging.Slice(all);
        }
        return r.List(total, paging, page, WebhookJson.Dispatch);
    }

    /// <summary>The fields of a WebhookCreate or WebhookUpdate body, read and checked before anything changes.</summary>
    private sealed class WebhookPatch
    {
        private JsonElement _body;
        public string? IdempotencyKey { get; private set; }
        private string[]? _eventTypes;
        private JsonElement? _condition;
        private string? _requestUrl;

        public static WebhookPatch Parse(JsonElement body, bool creating)
        {
            var p = new WebhookPatch { _body = body };
            if (body.TryArray("eventTypes", out var types) && types != null)
            {
                Require(types.Count > 0, "Field 'eventTypes' must name at least one event type.");
                foreach (var t in types)
                    Require(t.ValueKind == JsonValueKind.String && WebhookDispatcher.EventTypes.Contains(t.GetString()),
                        $"Event type {t.GetRawText()} is not one of {string.Join(", ", WebhookDispatcher.EventTypes)}.");
                p._eventTypes = types.Select(t => t.GetString()!).Distinct().ToArray();
            }
            else Require(!creating, "Field 'eventTypes' is required.");
            if (body.TryObject("condition", out var condition) && condition is { } c)
            {
                c.TryString("actorId", out var a);
                c.TryString("actorTaskId", out var t);
                c.TryString("actorRunId", out var run);
                Require(a != null || t != null || run != null, "Field 'condition' must name an actorId, actorTaskId or actorRunId.");
                p._condition = c;
            }
            else Require(!creating, "Field 'condition' is required.");
            if (body.TryString("requestUrl", out var url, nullable: false))
            {
                Require(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                    $"Field 'requestUrl' must be an absolute http or https URL, got '{url}'.");
                p._requestUrl = url;
            }
            else Require(!creating, "Field 'requestUrl' is required.");
            var interpolate = body.TryBool("shouldInterpolateStrings", out var i) && i == true;
            if (body.TryString("payloadTemplate", out var payload) && !string.IsNullOrEmpty(payload) && PayloadTemplate.Problem(payload, interpolate) is string pp)
                throw new InvalidInput($"Field 'payloadTemplate': {pp}");
            if (body.TryString("headersTemplate", out var headers) && !string.IsNullOrEmpty(headers))
            {
                if (PayloadTemplate.Problem(headers, interpolate) is string hp) throw new InvalidInput($"Field 'headersTemplate': {hp}");
                using var doc = JsonDocument.Parse(PayloadTemplate.Interpolate(headers, new Dictionary<string, string>(), interpolate));
                Require(doc.RootElement.ValueKind == JsonValueKind.Object, "Field 'headersTemplate' must be a JSON object of header names and values.");
            }
            body.TryString("description", out _);
            body.TryBool("ignoreSslErrors", out _);
            body.TryBool("doNotRetry", out _);
            body.TryBool("isAdHoc", out _);
            if (creating && body.TryString("idempotencyKey", out var key) && !string.IsNullOrEmpty(key)) p.IdempotencyKey = key;
            return p;
        }

        /// <summary>Sets the fields given. Caller holds the store's lock; a condition naming what the user cannot see is 404.</summary>
        public void ApplyTo(WebhookRecord h, EmulatorStore store, UserRecord user)
        {
            if (_condition is { } c)
            {
                c.TryString("actorId", out var actorId);
                c.TryString("actorTaskId", out var taskId);
                c.TryString("actorRunId", out var runId);
                ActorRecord? actor = null;
                if (actorId != null)
                {
                    actor = store.FindActor(actorId);
                    if (actor == null || (actor.Owner != user && !actor.IsPublic)) throw ApiError.NotFound($"Actor '{actorId}'");
                }
                if (runId != null && (!store.RunsById.TryGetValue(runId, out var run) || run.Actor.Owner != user))
                    throw ApiError.NotFound($"Actor run '{runId}'");
                h.Actor?.Webhooks.Remove(h);
                h.Actor = actor;
                if (store.WebhooksById.ContainsKey(h.Id)) actor?.Webhooks.Add(h);
                h.ActorTaskId = taskId;
                h.ActorRunId = runId;
            }
            if (_eventTypes != null) h.EventTypes = _eventTypes;
            if (_requestUrl != null) h.RequestUrl = _requestUrl;
            if (_body.TryString("payloadTemplate", out var payload)) h.PayloadTemplate = payload;
            if (_body.TryString("headersTemplate", out var headers)) h.HeadersTemplate = headers;
            if (_body.TryString("description", out var description)) h.Description = description;
            if (_body.TryBool("ignoreSslErrors", out var ignore)) h.IgnoreSslErrors = ignore ?? false;
            if (_body.TryBool("doNotRetry", out var noRetry)) h.DoNotRetry = noRetry ?? false;
            if (_body.TryBool("isAdHoc", out var adHoc)) h.IsAdHoc = adHoc;
            if (_body.TryBool("shouldInterpolateStrings", out var interpolate)) h.ShouldInterpolateStrings = interpolate;
        }
    }
}
