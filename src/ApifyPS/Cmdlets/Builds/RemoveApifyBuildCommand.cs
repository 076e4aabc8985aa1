using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Remove-ApifyBuild: deletes builds (never the Actor's default build: the API refuses it). Asks first
    /// unless -Force or -Confirm:$false.
    /// </summary>
    // The default set is the -InputObject one: a piped build binds as itself, never by an Id property of another object.
    [Cmdlet(VerbsCommon.Remove, "ApifyBuild", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyBuildCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("BuildId")]
        [ValidatePathSegment("buildId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyBuild job) Remove(job.Id, $"build {job.Id} ({job.Status})");
                else WriteUnsupportedInput(InputObject!, "a build (Get-ApifyBuild)");
                return;
            }
            foreach (var id in Id) Remove(id, $"build {id}");
        }

        private void Remove(string id, string target)
        {
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove build")) return;
            TryAwait(token => Client.Builds.DeleteAsync(id, token), id);
        }
    }
}
