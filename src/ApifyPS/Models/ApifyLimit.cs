namespace ApifyPS.Models
{
    /// <summary>
    /// The account's limits and its usage against them (Get-ApifyLimit, the API's AccountLimits), flat: the limits
    /// as <c>Max...</c> (and <see cref="DataRetentionDays"/>), the current usage as <c>Current...</c>, and the cycle.
    /// </summary>
    public sealed class ApifyLimit
    {
        public DateTime CycleStart { get; set; }
        public DateTime CycleEnd { get; set; }

        public double? MaxMonthlyUsageUsd { get; set; }
        public double? MaxMonthlyActorComputeUnits { get; set; }
        public double? MaxMonthlyExternalDataTransferGbytes { get; set; }
        public long? MaxMonthlyProxySerps { get; set; }
        public double? MaxMonthlyResidentialProxyGbytes { get; set; }
        public double? MaxActorMemoryGbytes { get; set; }
        public long? MaxActorCount { get; set; }
        public long? MaxActorTaskCount { get; set; }
        public long? MaxConcurrentActorJobs { get; set; }
        public long? MaxTeamAccountSeatCount { get; set; }
        public long? MaxScheduleCount { get; set; }
        public long? DataRetentionDays { get; set; }

        public double? CurrentMonthlyUsageUsd { get; set; }
        public double? CurrentMonthlyActorComputeUnits { get; set; }
        public double? CurrentMonthlyExternalDataTransferGbytes { get; set; }
        public long? CurrentMonthlyProxySerps { get; set; }
        public double? CurrentMonthlyResidentialProxyGbytes { get; set; }
        public double? CurrentActorMemoryGbytes { get; set; }
        public long? CurrentActorCount { get; set; }
        public long? CurrentActorTaskCount { get; set; }
        public long? CurrentActiveActorJobCount { get; set; }
        public long? CurrentTeamAccountSeatCount { get; set; }
        public long? CurrentScheduleCount { get; set; }

        public override string ToString()
        {
            var ci = System.Globalization.CultureInfo.InvariantCulture;
            return $"{(CurrentMonthlyUsageUsd ?? 0).ToString("0.00", ci)} of {(MaxMonthlyUsageUsd ?? 0).ToString("0.00", ci)} USD";
        }
    }
}
