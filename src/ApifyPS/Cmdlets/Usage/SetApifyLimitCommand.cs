using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Set-ApifyLimit: changes only the limits given (the monthly usage limit in USD, the data retention in days).
    /// It changes what the account may spend, so it asks first unless -Confirm:$false.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ApifyLimit", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ApifyLimit))]
    public sealed class SetApifyLimitCommand : ApifyCmdlet
    {
        [Parameter]
        [ValidateRange(0.0, 1e9)]
        public double MaxMonthlyUsageUsd { get; set; }

        [Parameter]
        [ValidateRange(1, 100000)]
        public int DataRetentionDays { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(MaxMonthlyUsageUsd)) && !MyInvocation.BoundParameters.ContainsKey(nameof(DataRetentionDays)))
                ThrowTerminatingError(CmdletSupport.ParameterError("Nothing to change: give -MaxMonthlyUsageUsd, -DataRetentionDays or both.", "NothingToChange"));
        }

        protected override void EndProcessing()
        {
            var maxUsd = MyInvocation.BoundParameters.ContainsKey(nameof(MaxMonthlyUsageUsd)) ? MaxMonthlyUsageUsd : (double?)null;
            var days = Given(nameof(DataRetentionDays), DataRetentionDays);
            var changes = new List<string>();
            if (maxUsd.HasValue) changes.Add($"monthly usage limit {maxUsd.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} USD");
            if (days.HasValue) changes.Add($"data retention {days.Value} days");
            if (!ShouldProcess("the account's limits", "Set " + string.Join(", ", changes))) return;
            if (!TryAwait(token => Client.Users.UpdateLimitsAsync(maxUsd, days, token), null)) return;
            if (PassThru) WriteAwaited(token => Client.Users.GetLimitsAsync(token), null);
        }
    }
}
