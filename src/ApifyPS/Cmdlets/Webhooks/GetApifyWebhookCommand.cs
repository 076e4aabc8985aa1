using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyWebhook: an Actor's webhooks, or all of yours; paged like every list.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyWebhook", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyWebhook))]
    public sealed class GetApifyWebhookCommand : ApifyCmdlet
    {
        private const string ListSet = "List";
        private const string ActorSet = "ByActor";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>The Actor whose webhooks to list: its id or username~name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>An Actor from the pipeline: its webhooks.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Newest first (the API's desc=true).</summary>
        [Parameter]
        public SwitchParameter Descending { get; set; }

        /// <summary>Items per request (1-1000); by default the server's own page size.</summary>
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
                case InputObjectSet:
                    if (InputObject is ApifyActor actor) WriteList(actor.Id);
                    else WriteError(CmdletSupport.Unsupported("Get-ApifyWebhook", InputObject!, "an Actor (Get-ApifyActor)"));
                    break;
                default:
                    WriteList(null);
                    break;
            }
        }

        private void WriteList(string? actorId)
        {
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
            try
            {
                foreach (var webhook in Stream(Client.ListWebhooksAsync(actorId, paging, CancellationToken)))
                    WriteObject(webhook);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, actorId);
            }
        }
    }
}
