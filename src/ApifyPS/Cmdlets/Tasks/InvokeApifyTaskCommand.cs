using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Invoke-ApifyTask: runs a task synchronously (run-sync) and emits its OUTPUT record, as Invoke-ApifyActor does:
    /// JSON as objects, text as a string, anything else as bytes.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ApifyTask", DefaultParameterSetName = TaskSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject), typeof(string), typeof(byte[]))]
    public sealed class InvokeApifyTaskCommand : RunStartCmdlet
    {
        private const string TaskSet = "ByTask";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TaskSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId", "ActorTaskId")]
        [ArgumentCompleter(typeof(ApifyTaskCompleter))]
        [ValidatePathSegment("actorTaskId")]
        public string Task { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputRecordKey { get; set; }

        protected override void ProcessRecord()
        {
            var taskId = StartApifyTaskCommand.TaskOf(this, ParameterSetName == TaskSet, Task, InputObject);
            if (taskId == null) return;
            if (!ShouldProcess($"task {taskId}", "Run synchronously")) return;
            if (!TryAwait(token => Client.Tasks.RunSyncAsync(taskId, ActorInputValue, RunOptions, OutputRecordKey, token), null, out var output)) return;
            if (output.IsEmpty)
            {
                WriteVerbose($"The run stored no {OutputRecordKey ?? "OUTPUT"} record; nothing to write.");
                return;
            }
            RecordOutput.Write(this, output);
        }
    }
}
