using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyWebhook: an Actor's or a task's webhooks, all of yours (paged like every list), or webhooks by id (with their templates).</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyWebhook", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyWebhook))]
    public sealed class GetApifyWebhookCommand : ActorTargetCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";
        private const string TaskSet = "ByTask";

        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [Alias("WebhookId")]
        [ValidatePathSegment("webhookId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = TaskSet, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [ArgumentCompleter(typeof(ApifyTaskCompleter))]
        [ValidatePathSegment("actorTaskId")]
        public string Task { get; set; } = "";

        [Parameter]
        public SwitchParameter Descending { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case ActorSet:
                    WriteList(Actor);
                    break;
                case IdSet:
                    foreach (var id in Id) WriteAwaited(token => Client.Webhooks.GetAsync(id, token), id);
                    break;
                case TaskSet:
                    var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
                    WriteStream(token => Client.Tasks.ListWebhooksAsync(Task, paging, token), Task);
                    break;
                case InputObjectSet:
                    if (InputObject is ApifyActor actor) WriteList(actor.Id);
                    else if (InputObject is ApifyWebhook webhook) WriteAwaited(token => Client.Webhooks.GetAsync(webhook.Id, token), webhook.Id);
                    else WriteUnsupportedInput(InputObject!, "an Actor (Get-ApifyActor) or a webhook");
                    break;
                default:
                    WriteList(null);
                    break;
            }
        }

        private void WriteList(string? actorId)
        {
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
            WriteStream(token => Client.Webhooks.ListAsync(actorId, paging, token), actorId);
        }
    }
}
