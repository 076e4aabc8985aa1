namespace ApifyPS.Models
{
    /// <summary>
    /// One service's usage in a monthly usage cycle (Get-ApifyUsage): a flat row for Export-Csv and Group-Object.
    /// <see cref="AmountUsd"/> is after volume discount when the API gives it, else the base amount.
    /// </summary>
    public sealed class ApifyUsage
    {
        /// <summary>The service, as the API names it: ACTOR_COMPUTE_UNITS, DATASET_READS, ...</summary>
        public string Service { get; set; } = "";

        public double Quantity { get; set; }

        public double AmountUsd { get; set; }

        public double BaseAmountUsd { get; set; }

        public double? UnitPriceUsd { get; set; }

        public DateTime CycleStart { get; set; }

        public DateTime CycleEnd { get; set; }

        public override string ToString() => Service;
    }
}
