using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyUsage: the account's usage in a monthly usage cycle (the current one, or the one holding -Date), one
    /// row per service; -Daily one row per day and service; -Summary the cycle's totals.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyUsage", DefaultParameterSetName = ServiceSet)]
    [OutputType(typeof(ApifyUsage), ParameterSetName = new[] { ServiceSet })]
    [OutputType(typeof(ApifyDailyUsage), ParameterSetName = new[] { DailySet })]
    [OutputType(typeof(ApifyUsageSummary), ParameterSetName = new[] { SummarySet })]
    public sealed class GetApifyUsageCommand : ApifyCmdlet
    {
        private const string ServiceSet = "ByService";
        private const string DailySet = "Daily";
        private const string SummarySet = "Summary";

        /// <summary>Any day of the cycle wanted (its calendar day is sent as given); the current cycle without it.</summary>
        [Parameter(Position = 0)]
        public DateTime? Date { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = DailySet)]
        public SwitchParameter Daily { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
        public SwitchParameter Summary { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryAwait(token => Client.Users.GetMonthlyUsageAsync(Date, token), null, out var usage)) return;
            switch (ParameterSetName)
            {
                case DailySet:
                    foreach (var row in usage.DailyRows()) WriteObject(row);
                    break;
                case SummarySet:
                    WriteObject(usage.Summary());
                    break;
                default:
                    foreach (var row in usage.ServiceRows()) WriteObject(row);
                    break;
            }
        }
    }
}
