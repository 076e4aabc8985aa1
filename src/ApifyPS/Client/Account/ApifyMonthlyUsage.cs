namespace ApifyPS.Client
{
    /// <summary>One monthly usage cycle as read from the API, as the rows Get-ApifyUsage writes.</summary>
    public sealed class ApifyMonthlyUsage
    {
        private readonly MonthlyUsageData _data;

        internal ApifyMonthlyUsage(MonthlyUsageData data)
        {
            _data = data;
        }

        /// <summary>One row per service for the cycle, by service name.</summary>
        public IReadOnlyList<ApifyUsage> ServiceRows() => _data.ServiceRows();

        /// <summary>One row per day and service, by day then service.</summary>
        public IReadOnlyList<ApifyDailyUsage> DailyRows() => _data.DailyRows();

        /// <summary>The cycle's totals.</summary>
        public ApifyUsageSummary Summary() => _data.Summary();
    }
}
