using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyRun: the user's runs, one Actor's runs, or runs by id; filtered by the server.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRun", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyRun))]
    public sealed class GetApifyRunCommand : JobListCmdlet<ApifyRun>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidatePathSegment("runId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        protected override Task<ApifyRun> GetAsync(string id, CancellationToken cancellationToken) =>
            Client.Runs.GetAsync(id, 0, cancellationToken);

        protected override IAsyncEnumerable<ApifyRun> ListAsync(string? actorId, PageRequest paging, ApifyJobFilter filter, CancellationToken cancellationToken) =>
            Client.Runs.ListAsync(actorId, paging, filter, cancellationToken);

        /// <summary>An Actor gives its runs; a run is read again.</summary>
        protected override void ProcessInputObject(ApifyResource input)
        {
            switch (input)
            {
                case ApifyActor actor:
                    WriteList(ActorIdOf(actor));
                    break;
                case ApifyRun run:
                    WriteJob(run.Id, Filter);
                    break;
                default:
                    WriteUnsupportedInput(input, "an Actor or a run");
                    break;
            }
        }
    }
}
