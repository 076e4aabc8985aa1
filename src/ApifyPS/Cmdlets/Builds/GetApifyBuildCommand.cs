using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyBuild: the user's builds, one Actor's builds, or builds by id; filtered by the client (the builds endpoints cannot).</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyBuild", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyBuild))]
    public sealed class GetApifyBuildCommand : JobListCmdlet<ApifyBuild>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BuildId")]
        [ValidatePathSegment("buildId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        protected override Task<ApifyBuild> GetAsync(string id, CancellationToken cancellationToken) =>
            Client.Builds.GetAsync(id, 0, cancellationToken);

        protected override IAsyncEnumerable<ApifyBuild> ListAsync(string? actorId, PageRequest paging, ApifyJobFilter filter, CancellationToken cancellationToken) =>
            Client.Builds.ListAsync(actorId, paging, filter, cancellationToken);

        // Filtered by the client: the server's total counts every build, so it is only an upper bound then.
        protected override bool TotalIsExact(ApifyJobFilter filter) => filter.IsEmpty;

        /// <summary>A build is read again, a run gives its build, an Actor its builds.</summary>
        protected override void ProcessInputObject(ApifyResource input)
        {
            switch (input)
            {
                case ApifyBuild build:
                    WriteJob(build.Id, Filter);
                    break;
                case ApifyRun run when !string.IsNullOrEmpty(run.BuildId):
                    WriteJob(run.BuildId!, Filter);
                    break;
                case ApifyActor actor:
                    WriteList(ActorIdOf(actor));
                    break;
                default:
                    WriteUnsupportedInput(input, "a build, an Actor or a run");
                    break;
            }
        }
    }
}
