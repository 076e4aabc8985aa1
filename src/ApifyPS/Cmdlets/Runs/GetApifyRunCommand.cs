using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyRun: the user's runs, one Actor's or one task's runs, or runs by id; filtered by the server. -Last gives
    /// the newest run of an Actor or task (of one -Status, if given).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRun", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyRun))]
    public sealed class GetApifyRunCommand : JobListCmdlet<ApifyRun>
    {
        private const string TaskSet = "ByTask";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidatePathSegment("runId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        // Tasks: the runs of a task, and the last run of an Actor or task.

        [Parameter(Mandatory = true, ParameterSetName = TaskSet, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId", "ActorTaskId")]
        [ArgumentCompleter(typeof(ApifyTaskCompleter))]
        [ValidatePathSegment("actorTaskId")]
        public string Task { get; set; } = "";

        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = TaskSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public SwitchParameter Last { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = TaskSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateSet("READY", "RUNNING", "SUCCEEDED", "FAILED", "TIMING-OUT", "TIMED-OUT", "ABORTING", "ABORTED")]
        [ArgumentCompleter(typeof(ApifyJobStatusCompleter))]
        public override string[]? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = TaskSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public override DateTime StartedAfter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = TaskSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public override DateTime StartedBefore { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = TaskSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public override SwitchParameter Descending { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = TaskSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateRange(1, ApifyPageLimits.MaxPageSize)]
        public override int PageSize { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (!Last) return;
            if (Status != null && Status.Length > 1)
                ThrowTerminatingError(CmdletSupport.ParameterError("-Last takes one -Status at most: the newest run of that status.", "LastWithStatuses"));
            if (MyInvocation.BoundParameters.ContainsKey(nameof(StartedAfter)) || MyInvocation.BoundParameters.ContainsKey(nameof(StartedBefore)))
                ThrowTerminatingError(CmdletSupport.ParameterError("-Last gives the newest run; it takes no -StartedAfter or -StartedBefore.", "LastWithTimeWindow"));
        }

        protected override Task<ApifyRun> GetAsync(string id, CancellationToken cancellationToken) =>
            Client.Runs.GetAsync(id, 0, cancellationToken);

        protected override IAsyncEnumerable<ApifyRun> ListAsync(string? actorId, PageRequest paging, ApifyJobFilter filter, CancellationToken cancellationToken) =>
            Client.Runs.ListAsync(actorId, paging, filter, cancellationToken);

        protected override void ProcessRecord()
        {
            if (Last && ParameterSetName == ActorSet) WriteLastOfActor(Actor);
            else base.ProcessRecord();
        }

        protected override void ProcessOtherSet()
        {
            if (ParameterSetName != TaskSet) base.ProcessOtherSet();
            else if (Last) WriteLastOfTask(Task);
            else WriteTaskList(Task);
        }

        /// <summary>An Actor gives its runs, a task its runs (with -Last: their newest); a run is read again.</summary>
        protected override void ProcessInputObject(ApifyResource input)
        {
            switch (input)
            {
                case ApifyActor actor when Last:
                    WriteLastOfActor(ActorIdOf(actor));
                    break;
                case ApifyActor actor:
                    WriteList(ActorIdOf(actor));
                    break;
                case ApifyTask task when Last:
                    WriteLastOfTask(task.Id);
                    break;
                case ApifyTask task:
                    WriteTaskList(task.Id);
                    break;
                case ApifyRun run when !Last:
                    WriteJob(run.Id, Filter);
                    break;
                default:
                    WriteUnsupportedInput(input, Last ? "an Actor or a task" : "an Actor, a task or a run");
                    break;
            }
        }

        private string? LastStatus => Status?.FirstOrDefault()?.ToUpperInvariant();

        private void WriteLastOfActor(string actorId) =>
            WriteAwaited(token => Client.Runs.LastAsync(actorId, LastStatus, token), actorId);

        private void WriteLastOfTask(string taskId) =>
            WriteAwaited(token => Client.Tasks.LastRunAsync(taskId, LastStatus, token), taskId);

        private void WriteTaskList(string taskId)
        {
            var filter = Filter;
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
            WriteStream(token => Client.Tasks.ListRunsAsync(taskId, paging, filter, token), taskId);
        }
    }
}
