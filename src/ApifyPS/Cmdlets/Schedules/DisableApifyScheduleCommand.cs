using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Disable-ApifySchedule: stops schedules from firing until enabled again (PUT isEnabled = false).</summary>
    [Cmdlet(VerbsLifecycle.Disable, "ApifySchedule", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifySchedule))]
    public sealed class DisableApifyScheduleCommand : ScheduleTargetCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process(string scheduleId, string target)
        {
            if (!ShouldProcess(target, "Disable schedule")) return;
            if (TryAwait(token => Client.Schedules.UpdateAsync(scheduleId, new ApifyBody().Set("isEnabled", false), token), scheduleId, out var updated) && PassThru)
                WriteObject(updated);
        }
    }
}
