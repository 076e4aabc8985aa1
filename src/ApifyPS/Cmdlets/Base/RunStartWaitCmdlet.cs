using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>A run start that can wait for its run: -Wait, -Timeout (implies -Wait), -ShowLog (implies -Wait).</summary>
    public abstract class RunStartWaitCmdlet : RunStartCmdlet
    {
        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        [Parameter]
        public SwitchParameter ShowLog { get; set; }

        /// <summary>The started run as it is, or once the wait for it ends (with its error when it ended badly).</summary>
        protected void WriteStarted(ApifyPS.Models.ApifyRun started, object? target) =>
            WriteStartedOrWaited("run", started, Wait, Given(nameof(Timeout), Timeout), ShowLog, target,
                (options, token) => Client.Runs.WaitAsync(started.Id, options, started, token));
    }
}
