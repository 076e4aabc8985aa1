using System;
using System.Linq;
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
        [ValidatePathSegment("buildId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>An Actor id or username~name: list that Actor's builds.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>An ApifyPS object from the pipeline: a build is read again, a run gives its build, an Actor its builds.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Only builds with one of these statuses (filtered by the client: the builds endpoints cannot).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateSet("READY", "RUNNING", "SUCCEEDED", "FAILED", "TIMING-OUT", "TIMED-OUT", "ABORTING", "ABORTED")]
        [ArgumentCompleter(typeof(ApifyJobStatusCompleter))]
        public string[]? Status { get; set; }

        /// <summary>Only builds started at or after this time; with -Descending the walk stops once past it.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public DateTime StartedAfter { get; set; }

        /// <summary>Only builds started at or before this time; oldest first, the walk stops once past it.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public DateTime StartedBefore { get; set; }

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

        private ApifyJobFilter Filter => new ApifyJobFilter
        {
            Statuses = Status?.Select(s => s.ToUpperInvariant()).Distinct().ToArray(),
            StartedAfter = MyInvocation.BoundParameters.ContainsKey(nameof(StartedAfter)) ? StartedAfter : (DateTime?)null,
            StartedBefore = MyInvocation.BoundParameters.ContainsKey(nameof(StartedBefore)) ? StartedBefore : (DateTime?)null,
        };

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
                    WriteBuild(build.Id, Filter);
                    break;
                case ApifyRun run when !string.IsNullOrEmpty(run.BuildId):
                    WriteBuild(run.BuildId!, Filter);
                    break;
                case ApifyActor actor:
                    WriteList(actor.Id.Length > 0 ? actor.Id : actor.FullName);
                    break;
                default:
                    WriteError(new ErrorRecord(
                        new ArgumentException($"Get-ApifyBuild does not take {input.GetType().Name} objects; pass a build, an Actor or a run."),
                        "UnsupportedInputObject", ErrorCategory.InvalidArgument, input));
                    break;
            }
        }

        private void WriteBuild(string id, ApifyJobFilter? filter = null)
        {
            try
            {
                var build = Await(Client.GetBuildAsync(id, CancellationToken));
                if (filter == null || filter.Matches(build)) WriteObject(build);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, id);
            }
        }

        private void WriteList(string? actorId)
        {
            var filter = Filter;
            // Filtered by the client: the server's total counts every build, so it is only an upper bound then.
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending, exactTotal: filter.IsEmpty);
            try
            {
                foreach (var build in Stream(Client.ListBuildsAsync(actorId, paging, filter, CancellationToken)))
                    WriteObject(build);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, actorId);
            }
        }

    }
}
