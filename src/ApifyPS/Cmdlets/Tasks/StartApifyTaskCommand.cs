using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Start-ApifyTask: starts a run of a task (its saved input with -Input's fields over it, its options unless given),
    /// optionally waiting for it, exactly as Start-ApifyRun does for an Actor.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "ApifyTask", DefaultParameterSetName = TaskSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyRun))]
    public sealed class StartApifyTaskCommand : RunStartWaitCmdlet
    {
        private const string TaskSet = "ByTask";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TaskSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId", "ActorTaskId")]
        [ArgumentCompleter(typeof(ApifyTaskCompleter))]
        [ValidatePathSegment("actorTaskId")]
        public string Task { get; set; } = "";

        protected override void ProcessRecord()
        {
            var taskId = TaskOf(this, ParameterSetName == TaskSet, Task, InputObject);
            if (taskId == null) return;
            if (!ShouldProcess($"task {taskId}" + (Build != null ? $", build {Build}" : ""), "Start run")) return;
            if (TryAwait(token => Client.Tasks.StartAsync(taskId, ActorInputValue, RunOptions, token), taskId, out var started))
                WriteStarted(started, taskId);
        }

        /// <summary>The task a start is for: -Task, or a piped task; null, with the error written, for another object.</summary>
        internal static string? TaskOf(ApifyCmdlet cmdlet, bool byTask, string task, ApifyResource? input)
        {
            if (byTask) return task;
            if (input is ApifyTask t) return t.Id.Length > 0 ? t.Id : t.FullName;
            cmdlet.WriteError(ApifyErrorRecords.UnsupportedInput(cmdlet.MyInvocation.MyCommand.Name, input!, "a task (Get-ApifyTask)"));
            return null;
        }
    }
}
