using System.Globalization;

namespace ApifyPS.Client
{
    /// <summary>
    /// The API's MonthlyUsage as it arrives (<c>GET /v2/users/me/usage/monthly</c>), turned into flat rows: one per
    /// service for the cycle, or one per day and service, sorted (by day, then service), ready for Export-Csv.
    /// </summary>
    internal sealed class MonthlyUsageData
    {
        public UsageCycleData? UsageCycle { get; set; }
        public Dictionary<string, UsageItemData>? MonthlyServiceUsage { get; set; }
        public List<DailyData>? DailyServiceUsages { get; set; }
        public double? TotalUsageCreditsUsdBeforeVolumeDiscount { get; set; }
        public double? TotalUsageCreditsUsdAfterVolumeDiscount { get; set; }

        internal sealed class UsageItemData
        {
            public double? Quantity { get; set; }
            public double? BaseAmountUsd { get; set; }
            public double? BaseUnitPriceUsd { get; set; }
            public double? AmountAfterVolumeDiscountUsd { get; set; }
        }

        internal sealed class DailyData
        {
            /// <summary>A date (<c>2022-10-02</c>) or a date-time at midnight UTC, as the API sends it.</summary>
            public string? Date { get; set; }
            public Dictionary<string, UsageItemData>? ServiceUsage { get; set; }
            public double? TotalUsageCreditsUsd { get; set; }
        }

        private DateTime Start => UsageCycle?.StartAt ?? default;
        private DateTime End => UsageCycle?.EndAt ?? default;

        public List<ApifyUsage> ServiceRows() =>
            (MonthlyServiceUsage ?? new Dictionary<string, UsageItemData>()).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new ApifyUsage
            {
                Service = kv.Key, Quantity = kv.Value.Quantity ?? 0, BaseAmountUsd = kv.Value.BaseAmountUsd ?? 0,
                AmountUsd = kv.Value.AmountAfterVolumeDiscountUsd ?? kv.Value.BaseAmountUsd ?? 0, UnitPriceUsd = kv.Value.BaseUnitPriceUsd,
                CycleStart = Start, CycleEnd = End,
            }).ToList();

        public List<ApifyDailyUsage> DailyRows()
        {
            var rows = new List<ApifyDailyUsage>();
            foreach (var day in DailyServiceUsages ?? new List<DailyData>())
            {
                var date = ParseDate(day.Date);
                foreach (var kv in (day.ServiceUsage ?? new Dictionary<string, UsageItemData>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    rows.Add(new ApifyDailyUsage
                    {
                        Date = date, Service = kv.Key, Quantity = kv.Value.Quantity ?? 0, BaseAmountUsd = kv.Value.BaseAmountUsd ?? 0,
                        AmountUsd = kv.Value.AmountAfterVolumeDiscountUsd ?? kv.Value.BaseAmountUsd ?? 0, UnitPriceUsd = kv.Value.BaseUnitPriceUsd,
                        CycleStart = Start, CycleEnd = End,
                    });
            }
            return rows.OrderBy(r => r.Date).ThenBy(r => r.Service, StringComparer.Ordinal).ToList();
        }

        public ApifyUsageSummary Summary() => new ApifyUsageSummary
        {
            CycleStart = Start,
            CycleEnd = End,
            TotalUsd = TotalUsageCreditsUsdAfterVolumeDiscount ?? TotalUsageCreditsUsdBeforeVolumeDiscount ?? 0,
            TotalBeforeDiscountUsd = TotalUsageCreditsUsdBeforeVolumeDiscount ?? 0,
            Services = MonthlyServiceUsage?.Count ?? 0,
            Days = (DailyServiceUsages ?? new List<DailyData>()).Count(d => d.ServiceUsage != null && d.ServiceUsage.Count > 0),
        };

        /// <summary>The day as a DateTime at 00:00 UTC; the API sends a date or a date-time.</summary>
        internal static DateTime ParseDate(string? text)
        {
            if (string.IsNullOrEmpty(text)) return default;
            var parsed = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            return DateTime.SpecifyKind(parsed.Date, DateTimeKind.Utc);
        }
    }
}
