using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Stop-ApifyRun: aborts runs (optionally gracefully); a run that already finished is left as it is.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "ApifyRun", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyRun))]
    public sealed class StopApifyRunCommand : JobStopCmdlet<ApifyRun>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidatePathSegment("runId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Gracefully { get; set; }

        protected override string Noun => "Run";

        protected override string Action => Gracefully ? "Abort gracefully" : "Abort";

        protected override Task<ApifyRun> AbortAsync(string id, CancellationToken cancellationToken) =>
            Client.Runs.AbortAsync(id, Gracefully, cancellationToken);
    }
}
