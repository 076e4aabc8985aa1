using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyTask: the user's tasks (lazily paged), tasks by id or username~name, or the task of a piped run.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyTask", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyTask))]
    public sealed class GetApifyTaskCommand : ApifyObjectCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId", "ActorTaskId")]
        [ArgumentCompleter(typeof(ApifyTaskCompleter))]
        [ValidatePathSegment("actorTaskId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var id in Id) WriteAwaited(token => Client.Tasks.GetAsync(id, token), id);
                    break;
                case InputObjectSet:
                    var taskId = InputObject switch
                    {
                        ApifyTask t => t.Id,
                        ApifyRun r => r.ActorTaskId,
                        _ => null,
                    };
                    if (InputObject is ApifyRun run && string.IsNullOrEmpty(taskId))
                        WriteVerbose($"Run {run.Id} was not started from a task.");
                    else if (string.IsNullOrEmpty(taskId))
                        WriteUnsupportedInput(InputObject!, "a task, or a run started from one");
                    else
                        WriteAwaited(token => Client.Tasks.GetAsync(taskId!, token), taskId);
                    break;
                default:
                    var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
                    WriteStream(token => Client.Tasks.ListAsync(paging, token), null);
                    break;
            }
        }
    }
}
