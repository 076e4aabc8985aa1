namespace ApifyPS.Models
{
    /// <summary>How a Store Actor is paid for (the API's CurrentPricingInfo).</summary>
    public sealed class ApifyStorePricing
    {
        /// <summary>FREE, FLAT_PRICE_PER_MONTH, PRICE_PER_DATASET_ITEM or PAY_PER_EVENT.</summary>
        public string? PricingModel { get; set; }

        /// <summary>The price of one unit (a month, a result), in USD, where the model has one.</summary>
        public double? PricePerUnitUsd { get; set; }

        public string? UnitName { get; set; }

        public int? TrialMinutes { get; set; }

        public DateTime? StartedAt { get; set; }

        public override string ToString() => PricePerUnitUsd.HasValue ? $"{PricingModel} ({PricePerUnitUsd} USD per {UnitName ?? "unit"})" : PricingModel ?? "";
    }
}
