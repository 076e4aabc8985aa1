using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Convert-ApifyRun: metamorphs a running run into a run of another Actor (same run id and default storages,
    /// new input). Convert is the approved verb for changing something from one form into another; see the help.
    /// </summary>
    [Cmdlet(VerbsData.Convert, "ApifyRun", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyRun))]
    public sealed class ConvertApifyRunCommand : ActorInputCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidatePathSegment("runId")]
        public string Id { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        [Alias("TargetActorId")]
        [ValidateNotNullOrEmpty]
        public string TargetActor { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Build { get; set; }

        [Parameter(Position = 2)]
        [AllowNull]
        public override object? Input { get; set; }

        protected override void ProcessRecord()
        {
            string runId;
            if (ParameterSetName == IdSet) runId = Id;
            else if (InputObject is ApifyRun run) runId = run.Id;
            else
            {
                WriteUnsupportedInput(InputObject!, "a run");
                return;
            }
            if (!ShouldProcess($"Run {runId}", $"Metamorph into Actor {TargetActor}" + (Build != null ? $" (build {Build})" : ""))) return;
            WriteAwaited(token => Client.Runs.MetamorphAsync(runId, TargetActor, Build, ActorInputValue, token), runId);
        }
    }
}
