using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyWebhookDispatch: a webhook's dispatches (-WebhookId, or webhooks piped in), all of yours, or dispatches
    /// by id; -Status keeps those ACTIVE, SUCCEEDED or FAILED (filtered by the client: the API cannot).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyWebhookDispatch", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyWebhookDispatch))]
    public sealed class GetApifyWebhookDispatchCommand : ApifyCmdlet
    {
        private const string ListSet = "List";
        private const string WebhookSet = "ByWebhook";
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = WebhookSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("webhookId")]
        public string WebhookId { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [Alias("DispatchId")]
        [ValidatePathSegment("dispatchId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateSet("ACTIVE", "SUCCEEDED", "FAILED", IgnoreCase = true)]
        public string? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WebhookSet)]
        public SwitchParameter Descending { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = WebhookSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    if (!TryAwait(token => Client.Webhooks.GetDispatchAsync(id, token), id, out var dispatch)) continue;
                    if (Status == null || string.Equals(dispatch.Status, Status, StringComparison.OrdinalIgnoreCase)) WriteObject(dispatch);
                }
                return;
            }
            var webhookId = ParameterSetName == WebhookSet ? WebhookId : null;
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending, exactTotal: Status == null);
            WriteStream(token => Client.Webhooks.ListDispatchesAsync(webhookId, paging, Status?.ToUpperInvariant(), token), webhookId);
        }
    }
}
