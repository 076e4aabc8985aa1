using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyWebhook: an Actor's webhooks, or all of yours; paged like every list.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyWebhook", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyWebhook))]
    public sealed class GetApifyWebhookCommand : ActorTargetCmdlet
    {
        private const string ListSet = "List";

        // Tasks: a task's webhooks.
        [Parameter(Mandatory = true, ParameterSetName = "ByTask", ValueFromPipelineByPropertyName = true)]
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
                case "ByTask":
                    var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
                    WriteStream(token => Client.Tasks.ListWebhooksAsync(Task, paging, token), Task);
                    break;
                case InputObjectSet:
                    if (InputObject is ApifyActor actor) WriteList(actor.Id);
                    else WriteUnsupportedInput(InputObject!, "an Actor (Get-ApifyActor)");
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
