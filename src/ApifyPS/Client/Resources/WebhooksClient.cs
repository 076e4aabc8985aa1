namespace ApifyPS.Client
{
    /// <summary>
    /// Webhooks: <c>/v2/webhooks</c> (the user's, create, get, update, delete, test), an Actor's
    /// <c>/v2/actors/{actorId}/webhooks</c>, and dispatches (<c>/v2/webhooks/{webhookId}/dispatches</c>,
    /// <c>/v2/webhook-dispatches</c>).
    /// </summary>
    public sealed class WebhooksClient : ApifyResourceClient
    {
        internal WebhooksClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>One Actor's webhooks (<c>GET /v2/actors/{actorId}/webhooks</c>) or all of the user's (<c>GET /v2/webhooks</c>).</summary>
        public IAsyncEnumerable<ApifyWebhook> ListAsync(string? actorId, PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifyWebhook>(actorId == null ? ApifyPaths.Webhooks() : ApifyPaths.ActorWebhooks(actorId), null, paging, actorId, cancellationToken);

        /// <summary>One webhook with its templates (<c>GET /v2/webhooks/{webhookId}</c>).</summary>
        public Task<ApifyWebhook> GetAsync(string webhookId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyWebhook>(new ApifyRequest(HttpMethod.Get, ApifyPaths.Webhook(webhookId), ApifyRequestPolicy.Read) { TargetId = webhookId },
                cancellationToken);

        /// <summary>
        /// Creates a webhook (<c>POST /v2/webhooks</c>, 201) from <paramref name="body"/> (checked by
        /// <see cref="ApifyWebhookSchema.Check"/>). It always carries an <c>idempotencyKey</c> (a new one when the body
        /// has none): the API answers a repeated key with the webhook it made, so this create is a keyed upsert and is
        /// retried like an idempotent write; a create whose answer was lost makes one webhook.
        /// </summary>
        public async Task<ApifyWebhook> CreateAsync(ApifyBody body, CancellationToken cancellationToken = default)
        {
            ApifyWebhookSchema.Check(body, creating: true);
            if (!(body.Get("idempotencyKey") is string key) || key.Length == 0) body.Set("idempotencyKey", NewIdempotencyKey());
            var condition = body.Get("condition") as ApifyBody;
            var actorId = condition?.Get("actorId") as string;
            // The condition holds ids: an Actor given as username~name is read once for its id.
            if (actorId != null && actorId.IndexOf('~') >= 0)
                condition!.Set("actorId", actorId = (await Client.Actors.GetAsync(actorId, cancellationToken).ConfigureAwait(false)).Id);
            var request = new ApifyRequest(HttpMethod.Post, ApifyPaths.Webhooks(), ApifyRequestPolicy.Write)
            {
                Content = body.ToContent,
                TargetId = actorId,
                OutcomeCheck = ApifyOutcomeCheck.Webhooks(actorId),
            };
            return await GetDataAsync<ApifyWebhook>(request, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A random key for a create (32 hex digits).</summary>
        public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

        /// <summary>Changes only the fields in the body (<c>PUT /v2/webhooks/{webhookId}</c>) and returns the whole webhook.</summary>
        public Task<ApifyWebhook> UpdateAsync(string webhookId, ApifyBody body, CancellationToken cancellationToken = default)
        {
            ApifyWebhookSchema.Check(body, creating: false);
            if (body.Count == 0) throw new ArgumentException("Nothing to change: give at least one field.");
            return GetDataAsync<ApifyWebhook>(new ApifyRequest(Put, ApifyPaths.Webhook(webhookId), ApifyRequestPolicy.Write)
            {
                Content = body.ToContent, TargetId = webhookId,
            }, cancellationToken);
        }

        /// <summary>Deletes a webhook (<c>DELETE /v2/webhooks/{webhookId}</c>, 204).</summary>
        public Task DeleteAsync(string webhookId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.Webhook(webhookId), ApifyRequestPolicy.Write) { TargetId = webhookId }, cancellationToken);

        /// <summary>
        /// Sends a test dispatch (<c>POST /v2/webhooks/{webhookId}/test</c>, 201): the API makes a dispatch with a dummy
        /// payload. A create: never repeated after an ambiguous failure (see the webhook's dispatches to check).
        /// </summary>
        public Task<ApifyWebhookDispatch> TestAsync(string webhookId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyWebhookDispatch>(new ApifyRequest(HttpMethod.Post, ApifyPaths.WebhookTest(webhookId), ApifyRequestPolicy.Create)
            {
                TargetId = webhookId, OutcomeCheck = ApifyOutcomeCheck.DispatchesOf(webhookId),
            }, cancellationToken);

        /// <summary>
        /// A webhook's dispatches (<c>GET /v2/webhooks/{webhookId}/dispatches</c>) or all of the user's (<c>GET
        /// /v2/webhook-dispatches</c>). The API cannot filter them by status: with <paramref name="status"/> the client
        /// does, and Skip/First count the matching dispatches.
        /// </summary>
        public IAsyncEnumerable<ApifyWebhookDispatch> ListDispatchesAsync(string? webhookId, PageRequest paging, string? status = null,
            CancellationToken cancellationToken = default)
        {
            var path = webhookId == null ? ApifyPaths.WebhookDispatches() : ApifyPaths.WebhookDispatchesOf(webhookId);
            if (string.IsNullOrEmpty(status)) return ListAsync<ApifyWebhookDispatch>(path, null, paging, webhookId, cancellationToken);
            var all = new PageRequest { PageSize = paging.PageSize, Descending = paging.Descending, OnTotal = paging.OnTotal };
            return Filter(ListAsync<ApifyWebhookDispatch>(path, null, all, webhookId, cancellationToken), status!, paging, cancellationToken);
        }

        private static async IAsyncEnumerable<ApifyWebhookDispatch> Filter(IAsyncEnumerable<ApifyWebhookDispatch> source, string status, PageRequest paging,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (paging.First == 0) yield break;
            long skipped = 0, written = 0;
            await foreach (var dispatch in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (!string.Equals(dispatch.Status, status, StringComparison.OrdinalIgnoreCase)) continue;
                if (skipped < paging.Skip) { skipped++; continue; }
                yield return dispatch;
                if (paging.First.HasValue && ++written >= paging.First.Value) yield break;
            }
        }

        /// <summary>One dispatch with its calls (<c>GET /v2/webhook-dispatches/{dispatchId}</c>).</summary>
        public Task<ApifyWebhookDispatch> GetDispatchAsync(string dispatchId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyWebhookDispatch>(new ApifyRequest(HttpMethod.Get, ApifyPaths.WebhookDispatch(dispatchId), ApifyRequestPolicy.Read)
            {
                TargetId = dispatchId,
            }, cancellationToken);
    }
}
