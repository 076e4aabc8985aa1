using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyTask: deletes tasks (their runs stay). Asks first unless -Force or -Confirm:$false.</summary>
    // The default set is the -InputObject one, so a piped ApifyPS object binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Remove, "ApifyTask", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyTaskCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [ArgumentCompleter(typeof(ApifyTaskCompleter))]
        [ValidatePathSegment("actorTaskId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyTask task) Remove(task.Id, $"{task.FullName} ({task.Id})");
                else WriteUnsupportedInput(InputObject!, "a task (Get-ApifyTask)");
                return;
            }
            foreach (var id in Id) Remove(id, id);
        }

        private void Remove(string taskId, string target)
        {
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove task")) return;
            if (TryAwait(token => Client.Tasks.DeleteAsync(taskId, token), taskId)) TaskNameCache.Default.Invalidate(Client.Connection);
        }
    }
}
