using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Stop-ApifyBuild: aborts builds; a build that already finished is left as it is (not an error).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "ApifyBuild", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyBuild))]
    public sealed class StopApifyBuildCommand : JobStopCmdlet<ApifyBuild>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BuildId")]
        [ValidatePathSegment("buildId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        protected override string Noun => "Build";

        protected override Task<ApifyBuild> AbortAsync(string id, CancellationToken cancellationToken) => Client.Builds.AbortAsync(id, cancellationToken);
    }
}
