using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Restart-ApifyRun: reboots running runs: each one's container restarts and the Actor starts over in the same
    /// storages (what it did not persist is lost). Only RUNNING runs can be rebooted; a reboot is never repeated after
    /// an ambiguous failure.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Restart, "ApifyRun", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyRun))]
    public sealed class RestartApifyRunCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidatePathSegment("runId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) Reboot(id);
                return;
            }
            if (InputObject is ApifyRun run) Reboot(run.Id);
            else WriteUnsupportedInput(InputObject!, "a run");
        }

        private void Reboot(string id)
        {
            if (!ShouldProcess($"Run {id}", "Reboot")) return;
            WriteAwaited(token => Client.Runs.RebootAsync(id, token), id);
        }
    }
}
