namespace ApifyPS.Client
{
    /// <summary>Webhooks: <c>/v2/webhooks</c> and an Actor's <c>/v2/actors/{actorId}/webhooks</c>.</summary>
    public sealed class WebhooksClient : ApifyResourceClient
    {
        internal WebhooksClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>One Actor's webhooks (<c>GET /v2/actors/{actorId}/webhooks</c>) or all of the user's (<c>GET /v2/webhooks</c>).</summary>
        public IAsyncEnumerable<ApifyWebhook> ListAsync(string? actorId, PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifyWebhook>(actorId == null ? ApifyPaths.Webhooks() : ApifyPaths.ActorWebhooks(actorId), null, paging, actorId, cancellationToken);
    }
}
