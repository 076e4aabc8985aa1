using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// What starting a run adds to its options (Start-ApifyRun, Invoke-ApifyActor and the task equivalents): ad-hoc
    /// -Webhook, and -WaitForCapacity / -CapacityTimeout (a start the platform refuses for now is tried again until
    /// there is capacity, instead of failing).
    /// </summary>
    public abstract class RunStartCmdlet : RunOptionsCmdlet
    {
        private const int DefaultCapacityTimeoutSeconds = 600;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable[]? Webhook { get; set; }

        [Parameter]
        public SwitchParameter WaitForCapacity { get; set; }

        [Parameter]
        [ValidateRange(1, 86400)]
        public int CapacityTimeout { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            RunOptions.WebhooksJson = ActorInput.Webhooks(this, Webhook);
            RunOptions.CapacityWait = MyInvocation.BoundParameters.ContainsKey(nameof(CapacityTimeout)) ? TimeSpan.FromSeconds(CapacityTimeout)
                : WaitForCapacity ? TimeSpan.FromSeconds(DefaultCapacityTimeoutSeconds)
                : (TimeSpan?)null;
        }
    }
}
