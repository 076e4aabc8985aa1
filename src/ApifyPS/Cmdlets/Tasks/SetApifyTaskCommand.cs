using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Set-ApifyTask: changes only what is given: the task's name, title and run options (PUT the task; options given are
    /// merged with the task's own) and the fields of its input that -Input names (PUT its input, which the API merges).
    /// </summary>
    // The default set is the -InputObject one, so a piped ApifyPS object binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Set, "ApifyTask", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyTask))]
    public sealed class SetApifyTaskCommand : RunOptionsCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [ArgumentCompleter(typeof(ApifyTaskCompleter))]
        [ValidatePathSegment("actorTaskId")]
        public string Id { get; set; } = "";

        [Parameter]
        [ValidatePattern("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$")]
        public string? NewName { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? Title { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private ApifyBody? _input;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _input = TaskBodies.InputObject(this, ActorInputValue);
            if (NewName == null && !MyInvocation.BoundParameters.ContainsKey(nameof(Title)) && _input == null && !TaskBodies.AnyGiven(RunOptions))
                ThrowTerminatingError(CmdletSupport.ParameterError(
                    "Nothing to change: give -NewName, -Title, -Input or a run option (-Build, -TimeoutSecs, -MemoryMbytes, -MaxItems, -MaxTotalChargeUsd).",
                    "NothingToChange"));
        }

        protected override void ProcessRecord()
        {
            string taskId;
            if (ParameterSetName == InputObjectSet)
            {
                if (!(InputObject is ApifyTask task))
                {
                    WriteUnsupportedInput(InputObject!, "a task (Get-ApifyTask)");
                    return;
                }
                taskId = task.Id;
            }
            else taskId = Id;
            var fields = new List<string>();
            if (NewName != null) fields.Add("name");
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Title))) fields.Add("title");
            if (TaskBodies.AnyGiven(RunOptions)) fields.Add("options");
            if (_input != null) fields.Add("input " + _input);
            if (!ShouldProcess(taskId, $"Update task ({string.Join(", ", fields)})")) return;
            if (NewName != null || fields.Contains("title") || fields.Contains("options"))
            {
                var body = new ApifyBody();
                if (NewName != null) body.Set("name", NewName);
                if (fields.Contains("title")) body.Set("title", string.IsNullOrEmpty(Title) ? null : Title);
                if (fields.Contains("options"))
                {
                    // The API replaces the options object: keep the task's other options.
                    if (!TryAwait(token => Client.Tasks.GetAsync(taskId, token), taskId, out var current)) return;
                    body.Set("options", TaskBodies.Options(RunOptions, current.Options));
                }
                if (!TryAwait(token => Client.Tasks.UpdateAsync(taskId, body, token), taskId, out _)) return;
                if (NewName != null)
                {
                    TaskNameCache.Default.Invalidate(Client.Connection);
                    if (taskId.IndexOf('~') > 0) taskId = taskId.Substring(0, taskId.IndexOf('~') + 1) + NewName;
                }
            }
            if (_input != null && !TryAwait(token => Client.Tasks.UpdateInputAsync(taskId, _input, token), taskId)) return;
            if (PassThru) WriteAwaited(token => Client.Tasks.GetAsync(taskId, token), taskId);
        }
    }
}
