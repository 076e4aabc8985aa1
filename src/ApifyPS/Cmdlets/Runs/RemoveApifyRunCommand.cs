using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Remove-ApifyRun: deletes runs (only finished runs can go; the API refuses one still going). Asks first
    /// unless -Force or -Confirm:$false.
    /// </summary>
    // The default set is the -InputObject one: a piped run binds as itself, never by an Id property of another object.
    [Cmdlet(VerbsCommon.Remove, "ApifyRun", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyRunCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidatePathSegment("runId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyRun job) Remove(job.Id, $"run {job.Id} ({job.Status})");
                else WriteUnsupportedInput(InputObject!, "a run (Get-ApifyRun)");
                return;
            }
            foreach (var id in Id) Remove(id, $"run {id}");
        }

        private void Remove(string id, string target)
        {
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove run")) return;
            TryAwait(token => Client.Runs.DeleteAsync(id, token), id);
        }
    }
}
