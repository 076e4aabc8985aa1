using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Wait-ApifyRun: waits for runs to finish (server long poll) and emits each final run.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "ApifyRun", DefaultParameterSetName = IdSet)]
    [OutputType(typeof(ApifyRun))]
    public sealed class WaitApifyRunCommand : JobWaitCmdlet<ApifyRun>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidatePathSegment("runId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        protected override string Kind => "run";

        protected override Task<ApifyWaitResult<ApifyRun>> WaitAsync(string id, ApifyWaitOptions options, CancellationToken cancellationToken) =>
            Client.Runs.WaitAsync(id, options, null, cancellationToken);
    }
}
