namespace ApifyPS.Models
{
    /// <summary>One service's usage on one day (UTC) of a monthly usage cycle (Get-ApifyUsage -Daily).</summary>
    public sealed class ApifyDailyUsage
    {
        /// <summary>The day, at 00:00 UTC.</summary>
        public DateTime Date { get; set; }

        public string Service { get; set; } = "";

        public double Quantity { get; set; }

        public double AmountUsd { get; set; }

        public double BaseAmountUsd { get; set; }

        public double? UnitPriceUsd { get; set; }

        public DateTime CycleStart { get; set; }

        public DateTime CycleEnd { get; set; }

        public override string ToString() => Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " " + Service;
    }
}
