using System;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Stop-ApifyRun: aborts runs (optionally gracefully); a run that already finished is left as it is.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "ApifyRun", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyRun))]
    public sealed class StopApifyRunCommand : ApifyJobCmdlet
    {
        private const string IdSet = "ById";
        private const string InputObjectSet = "ByInputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("runId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>A run from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Lets the Actor persist its state before it stops (it gets up to 30 s).</summary>
        [Parameter]
        public SwitchParameter Gracefully { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) Abort(id);
                return;
            }
            if (InputObject is ApifyRun run) Abort(run.Id);
            else WriteUnsupportedInput(InputObject!, "a run");
        }

        private void Abort(string id)
        {
            if (!ShouldProcess($"Run {id}", Gracefully ? "Abort gracefully" : "Abort")) return;
            try
            {
                WriteObject(Await(Client.AbortRunAsync(id, Gracefully, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, id);
            }
        }
    }
}
