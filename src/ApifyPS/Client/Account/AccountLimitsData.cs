namespace ApifyPS.Client
{
    /// <summary>The API's AccountLimits as it arrives (<c>GET /v2/users/me/limits</c>); <see cref="ToLimit"/> flattens it.</summary>
    internal sealed class AccountLimitsData
    {
        public UsageCycleData? MonthlyUsageCycle { get; set; }
        public LimitsData? Limits { get; set; }
        public CurrentData? Current { get; set; }

        internal sealed class LimitsData
        {
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
            public long? DataRetentionDays { get; set; }
            public long? MaxScheduleCount { get; set; }
        }

        internal sealed class CurrentData
        {
            public double? MonthlyUsageUsd { get; set; }
            public double? MonthlyActorComputeUnits { get; set; }
            public double? MonthlyExternalDataTransferGbytes { get; set; }
            public long? MonthlyProxySerps { get; set; }
            public double? MonthlyResidentialProxyGbytes { get; set; }
            public double? ActorMemoryGbytes { get; set; }
            public long? ActorCount { get; set; }
            public long? ActorTaskCount { get; set; }
            public long? ActiveActorJobCount { get; set; }
            public long? TeamAccountSeatCount { get; set; }
            public long? ScheduleCount { get; set; }
        }

        public ApifyLimit ToLimit()
        {
            var l = Limits ?? new LimitsData();
            var c = Current ?? new CurrentData();
            return new ApifyLimit
            {
                CycleStart = MonthlyUsageCycle?.StartAt ?? default,
                CycleEnd = MonthlyUsageCycle?.EndAt ?? default,
                MaxMonthlyUsageUsd = l.MaxMonthlyUsageUsd,
                MaxMonthlyActorComputeUnits = l.MaxMonthlyActorComputeUnits,
                MaxMonthlyExternalDataTransferGbytes = l.MaxMonthlyExternalDataTransferGbytes,
                MaxMonthlyProxySerps = l.MaxMonthlyProxySerps,
                MaxMonthlyResidentialProxyGbytes = l.MaxMonthlyResidentialProxyGbytes,
                MaxActorMemoryGbytes = l.MaxActorMemoryGbytes,
                MaxActorCount = l.MaxActorCount,
                MaxActorTaskCount = l.MaxActorTaskCount,
                MaxConcurrentActorJobs = l.MaxConcurrentActorJobs,
                MaxTeamAccountSeatCount = l.MaxTeamAccountSeatCount,
                MaxScheduleCount = l.MaxScheduleCount,
                DataRetentionDays = l.DataRetentionDays,
                CurrentMonthlyUsageUsd = c.MonthlyUsageUsd,
                CurrentMonthlyActorComputeUnits = c.MonthlyActorComputeUnits,
                CurrentMonthlyExternalDataTransferGbytes = c.MonthlyExternalDataTransferGbytes,
                CurrentMonthlyProxySerps = c.MonthlyProxySerps,
                CurrentMonthlyResidentialProxyGbytes = c.MonthlyResidentialProxyGbytes,
                CurrentActorMemoryGbytes = c.ActorMemoryGbytes,
                CurrentActorCount = c.ActorCount,
                CurrentActorTaskCount = c.ActorTaskCount,
                CurrentActiveActorJobCount = c.ActiveActorJobCount,
                CurrentTeamAccountSeatCount = c.TeamAccountSeatCount,
                CurrentScheduleCount = c.ScheduleCount,
            };
        }
    }
}
