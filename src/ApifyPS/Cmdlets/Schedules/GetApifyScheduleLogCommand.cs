using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyScheduleLog: when schedules fired and what failed, oldest first.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyScheduleLog", DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(ApifyScheduleLogEntry))]
    public sealed class GetApifyScheduleLogCommand : ScheduleTargetCmdlet
    {
        protected override void Process(string scheduleId, string target)
        {
            if (!TryAwait(token => Client.Schedules.GetLogAsync(scheduleId, token), scheduleId, out var entries)) return;
            foreach (var entry in entries) WriteObject(entry);
        }
    }
}
