using System;
using System.Management.Automation;
using ApifyPS.Client;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Set-ApifyRetryPolicy: how many times failed requests are retried, and the backoff's starting delay, for every
    /// ApifyPS command in this PowerShell process (all runspaces, ForEach-Object -Parallel included).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ApifyRetryPolicy", DefaultParameterSetName = ChangeSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ApifyRetryPolicy))]
    public sealed class SetApifyRetryPolicyCommand : ApifyCmdlet
    {
        private const string ChangeSet = "Change";
        private const string DefaultSet = "Default";

        /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
        [Parameter(ParameterSetName = ChangeSet, Position = 0)]
        [ValidateRange(0, 100)]
        public int MaxRetries { get; set; } = -1;

        /// <summary>The first retry waits between this and twice this; each further retry doubles it (up to 30 s).</summary>
        [Parameter(ParameterSetName = ChangeSet)]
        [ValidateRange(1, 60000)]
        public int BaseDelayMilliseconds { get; set; }

        /// <summary>Back to the defaults: 8 retries, 500 ms.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DefaultSet)]
        public SwitchParameter Default { get; set; }

        /// <summary>Writes the resulting policy.</summary>
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
