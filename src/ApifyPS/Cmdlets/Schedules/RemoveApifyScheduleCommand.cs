using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifySchedule: deletes schedules (the runs they started stay). Asks first unless -Force or -Confirm:$false.</summary>
    [Cmdlet(VerbsCommon.Remove, "ApifySchedule", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyScheduleCommand : ScheduleTargetCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void Process(string scheduleId, string target)
        {
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove schedule")) return;
            TryAwait(token => Client.Schedules.DeleteAsync(scheduleId, token), scheduleId);
        }
    }
}
