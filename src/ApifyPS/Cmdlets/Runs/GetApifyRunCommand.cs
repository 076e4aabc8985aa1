using System;
using System.Linq;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyRun: the user's runs, one Actor's runs, or runs by id; filtered by the server.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRun", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyRun))]
    public sealed class GetApifyRunCommand : ApifyCmdlet
    {
        private const string ListSet = "List";
        private const string ActorSet = "ByActor";
        private const string IdSet = "ById";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>Run ids; strings from the pipeline and objects with an Id or RunId property bind here.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("runId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>An Actor id or username~name: list that Actor's runs.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>An ApifyPS object: an Actor (its runs) or a run (read again).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Only runs with one of these statuses (sent to the server).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateSet("READY", "RUNNING", "SUCCEEDED", "FAILED", "TIMING-OUT", "TIMED-OUT", "ABORTING", "ABORTED")]
        [ArgumentCompleter(typeof(ApifyJobStatusCompleter))]
        public string[]? Status { get; set; }

        /// <summary>Only runs started at or after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public DateTime StartedAfter { get; set; }

        /// <summary>Only runs started at or before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public DateTime StartedBefore { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public SwitchParameter Descending { get; set; }

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
                    foreach (var id in Id) WriteRun(id, null);
                    break;
                case ActorSet:
                    WriteList(Actor);
                    break;
                case InputObjectSet:
                    switch (InputObject)
                    {
                        case ApifyActor actor:
                            WriteList(actor.Id.Length > 0 ? actor.Id : actor.FullName);
                            break;
                        case ApifyRun run:
                            WriteRun(run.Id, Filter);
                            break;
                        default:
                            WriteError(new ErrorRecord(
                                new ArgumentException($"Get-ApifyRun does not take {InputObject!.GetType().Name} objects; pass an Actor or a run."),
                                "UnsupportedInputObject", ErrorCategory.InvalidArgument, InputObject));
                            break;
                    }
                    break;
                default:
                    WriteList(null);
                    break;
            }
        }

        private void WriteRun(string id, ApifyJobFilter? filter)
        {
            try
            {
                var run = Await(Client.GetRunAsync(id, 0, CancellationToken));
                if (filter == null || filter.Matches(run)) WriteObject(run);
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
                foreach (var run in Stream(Client.ListRunsAsync(actorId, paging, Filter, CancellationToken)))
                    WriteObject(run);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, actorId);
            }
        }
    }
}
