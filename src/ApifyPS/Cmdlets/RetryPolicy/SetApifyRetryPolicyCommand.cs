using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Set-ApifyRetryPolicy: how many times failed requests are retried, and the backoff's starting delay, for every
    /// ApifyPS command in this PowerShell process (all runspaces, ForEach-Object -Parallel included).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ApifyRetryPolicy", DefaultParameterSetName = ChangeSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ApifyRetryPolicy))]
    public sealed class SetApifyRetryPolicyCommand : PSCmdlet
    {
        private const string ChangeSet = "Change";
        private const string DefaultSet = "Default";

        [Parameter(ParameterSetName = ChangeSet, Position = 0)]
        [ValidateRange(0, 100)]
        public int MaxRetries { get; set; } = -1;

        [Parameter(ParameterSetName = ChangeSet)]
        [ValidateRange(1, 60000)]
        public int BaseDelayMilliseconds { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = DefaultSet)]
        public SwitchParameter Default { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var current = ApifyRetryPolicy.Current;
            ApifyRetryPolicy next;
            if (Default)
            {
                next = ApifyRetryPolicy.Default;
            }
            else
            {
                var baseDelay = MyInvocation.BoundParameters.ContainsKey(nameof(BaseDelayMilliseconds))
                    ? TimeSpan.FromMilliseconds(BaseDelayMilliseconds)
                    : current.BaseDelay;
                var maxDelay = baseDelay > ApifyRetryPolicy.DefaultMaxDelay ? baseDelay : ApifyRetryPolicy.DefaultMaxDelay;
                next = new ApifyRetryPolicy(MaxRetries >= 0 ? MaxRetries : current.MaxRetries, baseDelay, maxDelay);
            }
            if (ShouldProcess("ApifyPS retry policy of this PowerShell process", $"Set {next}"))
                ApifyRetryPolicy.Current = next;
            if (PassThru) WriteObject(ApifyRetryPolicy.Current);
        }
    }
}
