using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Wait-ApifyBuild: waits for builds to finish (server long poll) and emits each final build.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "ApifyBuild", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(ApifyBuild))]
    public sealed class WaitApifyBuildCommand : JobWaitCmdlet<ApifyBuild>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BuildId")]
        [ValidatePathSegment("buildId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        protected override string Kind => "build";

        protected override Task<ApifyWaitResult<ApifyBuild>> WaitAsync(string id, ApifyWaitOptions options, CancellationToken cancellationToken) =>
            Client.Builds.WaitAsync(id, options, null, cancellationToken);
    }
}
