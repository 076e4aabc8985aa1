using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// A cmdlet about schedules: -Id (one or more, by value or by a ScheduleId property) or schedules piped in as
    /// -InputObject, the default set so a piped ApifyPS object binds as itself, never by its Id property.
    /// </summary>
    public abstract class ScheduleTargetCmdlet : ApifyObjectCmdlet
    {
        protected const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ScheduleId")]
        [ValidatePathSegment("scheduleId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifySchedule schedule) Process(schedule.Id, $"{schedule.Name} ({schedule.Id})");
                else WriteUnsupportedInput(InputObject!, "a schedule (Get-ApifySchedule)");
                return;
            }
            foreach (var id in Id) Process(id, id);
        }

        /// <summary>Acts on one schedule; <paramref name="target"/> is how messages name it.</summary>
        protected abstract void Process(string scheduleId, string target);
    }
}
