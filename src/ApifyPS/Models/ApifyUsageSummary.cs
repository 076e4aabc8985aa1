namespace ApifyPS.Models
{
    /// <summary>The totals of a monthly usage cycle (Get-ApifyUsage -Summary).</summary>
    public sealed class ApifyUsageSummary
    {
        public DateTime CycleStart { get; set; }

        public DateTime CycleEnd { get; set; }

        /// <summary>What the cycle costs after volume discount.</summary>
        public double TotalUsd { get; set; }

        public double TotalBeforeDiscountUsd { get; set; }

        /// <summary>How many services were used.</summary>
        public int Services { get; set; }

        /// <summary>How many days had usage.</summary>
        public int Days { get; set; }

        public override string ToString() =>
            CycleStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ": " +
            TotalUsd.ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture) + " USD";
    }
}
