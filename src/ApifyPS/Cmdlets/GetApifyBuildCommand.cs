using System;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyBuild: the user's builds, one Actor's builds, or builds by id.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyBuild", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyBuild))]
    public sealed class GetApifyBuildCommand : ApifyCmdlet
    {
        private const string ListSet = "List";
        private const string ActorSet = "ByActor";
        private const string IdSet = "ById";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>Build ids; strings from the pipeline and objects with an Id or BuildId property bind here.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BuildId")]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>An Actor id or username~name: list that Actor's builds.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        public string Actor { get; set; } = "";

        /// <summary>An ApifyPS object from the pipeline: a build is fetched again by its id; an Actor lists its builds.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Newest first (the API's desc=true). The default, oldest first, skips nothing created while listing.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public SwitchParameter Descending { get; set; }

        /// <summary>Items per request (1-1000); by default the server's own page size.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var id in Id) WriteBuild(id);
                    break;
                case ActorSet:
                    WriteList(Actor);
                    break;
                case InputObjectSet:
                    ProcessInputObject(InputObject!);
                    break;
                default:
                    WriteList(null);
                    break;
            }
        }

        private void ProcessInputObject(ApifyResource input)
        {
            switch (input)
            {
                case ApifyBuild build:
                    WriteBuild(build.Id);
                    break;
                case ApifyActor actor:
                    WriteList(actor.Id);
                    break;
                default:
                    WriteError(new ErrorRecord(
                        new ArgumentException($"Get-ApifyBuild does not take {input.GetType().Name} objects; pass a build, an Actor or a run."),
                        "UnsupportedInputObject", ErrorCategory.InvalidArgument, input));
                    break;
            }
        }

        private void WriteBuild(string id)
        {
            try
            {
                WriteObject(Await(Client.GetBuildAsync(id, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, id);
            }
        }

        private void WriteList(string? actorId)
        {
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
            try
            {
                foreach (var build in Stream(Client.ListBuildsAsync(actorId, paging, CancellationToken)))
                    WriteObject(build);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, actorId);
            }
        }

    }
}
