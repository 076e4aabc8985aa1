using System;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyActor: the Actors you created or used (or only yours), or Actors by id or username~name.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyActor", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyActor))]
    public sealed class GetApifyActorCommand : ApifyCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>Actor ids or username~name; strings from the pipeline and objects with an Id or ActorId property bind here.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>An ApifyPS object: an Actor is read again; a build, version or webhook gives its Actor.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Only the Actors you own (the API's my=true), not the ones you only used.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter My { get; set; }

        /// <summary>createdAt (the default) or lastRunStartedAt.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("createdAt", "lastRunStartedAt")]
        public string? SortBy { get; set; }

        /// <summary>Newest (or most recently run) first.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        /// <summary>Items per request (1-1000); by default the server's own page size.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var id in Id) WriteActor(id);
                    break;
                case InputObjectSet:
                    var actorId = InputObject switch
                    {
                        ApifyActor a => a.Id,
                        ApifyBuild b => b.ActorId,
                        ApifyActorVersion v => v.ActorId,
                        ApifyWebhook w => w.ActorId,
                        _ => null,
                    };
                    if (string.IsNullOrEmpty(actorId))
                        WriteError(CmdletSupport.Unsupported("Get-ApifyActor", InputObject!, "an Actor, or a build, version or webhook of one"));
                    else
                        WriteActor(actorId!);
                    break;
                default:
                    WriteList();
                    break;
            }
        }

        private void WriteActor(string id)
        {
            try
            {
                WriteObject(Await(Client.GetActorAsync(id, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, id);
            }
        }

        private void WriteList()
        {
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
            ApifyActorSort? sort = SortBy == null ? (ApifyActorSort?)null
                : string.Equals(SortBy, "lastRunStartedAt", StringComparison.OrdinalIgnoreCase) ? ApifyActorSort.LastRunStartedAt : ApifyActorSort.CreatedAt;
            try
            {
                foreach (var actor in Stream(Client.ListActorsAsync(My, sort, paging, CancellationToken)))
                    WriteObject(actor);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex);
            }
        }
    }
}
