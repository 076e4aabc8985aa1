using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Enable-ApifySchedule: lets schedules fire again (PUT isEnabled = true).</summary>
    [Cmdlet(VerbsLifecycle.Enable, "ApifySchedule", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifySchedule))]
    public sealed class EnableApifyScheduleCommand : ScheduleTargetCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process(string scheduleId, string target)
        {
            if (!ShouldProcess(target, "Enable schedule")) return;
            if (TryAwait(token => Client.Schedules.UpdateAsync(scheduleId, new ApifyBody().Set("isEnabled", true), token), scheduleId, out var updated) && PassThru)
                WriteObject(updated);
        }
    }
}
