using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifySchedule: the user's schedules (lazily paged), or schedules by id (with their actions' inputs and options).</summary>
    [Cmdlet(VerbsCommon.Get, "ApifySchedule", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifySchedule))]
    public sealed class GetApifyScheduleCommand : ApifyObjectCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ScheduleId")]
        [ValidatePathSegment("scheduleId")]
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
                    foreach (var id in Id) WriteAwaited(token => Client.Schedules.GetAsync(id, token), id);
                    break;
                case InputObjectSet:
                    var scheduleId = InputObject switch
                    {
                        ApifySchedule s => s.Id,
                        ApifyRun r => r.Meta?.ScheduleId,
                        _ => null,
                    };
                    if (InputObject is ApifyRun run && string.IsNullOrEmpty(scheduleId))
                        WriteVerbose($"Run {run.Id} was not started by a schedule.");
                    else if (string.IsNullOrEmpty(scheduleId))
                        WriteUnsupportedInput(InputObject!, "a schedule, or a run a schedule started");
                    else
                        WriteAwaited(token => Client.Schedules.GetAsync(scheduleId!, token), scheduleId);
                    break;
                default:
                    var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
                    WriteStream(token => Client.Schedules.ListAsync(paging, token), null);
                    break;
            }
        }
    }
}
