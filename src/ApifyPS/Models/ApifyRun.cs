using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// An Actor run, as the runs list (short form) or the run endpoints (full form) answer it. Piped into other
    /// cmdlets it stands for "this run" (stop it, wait for it, its build, its storages): they take it as -InputObject.
    /// </summary>
    public sealed class ApifyRun : ApifyResource, IApifyJob
    {
        /// <summary>The id of the Actor that was run (the API's <c>actId</c>).</summary>
        [JsonPropertyName("actId")]
        public string? ActorId { get; set; }

        public string? UserId { get; set; }

        /// <summary>The Actor task the run was started from, if any.</summary>
        public string? ActorTaskId { get; set; }

        /// <summary>READY, RUNNING, SUCCEEDED, FAILED, TIMING-OUT, TIMED-OUT, ABORTING or ABORTED.</summary>
        public string Status { get; set; } = "";

        /// <summary>What the Actor reports about its progress or its end (full form only).</summary>
        public string? StatusMessage { get; set; }

        public bool? IsStatusMessageTerminal { get; set; }

        /// <summary>When the run started, in UTC.</summary>
        public DateTime StartedAt { get; set; }

        /// <summary>When the run finished, in UTC; null while it runs.</summary>
        public DateTime? FinishedAt { get; set; }

        /// <summary>The build the run uses (after a metamorph: the target Actor's build).</summary>
        public string? BuildId { get; set; }

        public string? BuildNumber { get; set; }

        public int? ExitCode { get; set; }

        public string? DefaultDatasetId { get; set; }

        public string? DefaultKeyValueStoreId { get; set; }

        public string? DefaultRequestQueueId { get; set; }

        public ApifyJobMeta? Meta { get; set; }

        public ApifyRunStats? Stats { get; set; }

        public ApifyRunOptions? Options { get; set; }

        /// <summary>Platform usage by kind (ACTOR_COMPUTE_UNITS, DATASET_READS, ...), full form only.</summary>
        public Dictionary<string, double?>? Usage { get; set; }

        public double? UsageTotalUsd { get; set; }

        /// <summary>Usage cost in USD by kind, full form only.</summary>
        public Dictionary<string, double?>? UsageUsd { get; set; }

        /// <summary>The metamorphs the run went through, oldest first.</summary>
        public ApifyRunMetamorph[]? Metamorphs { get; set; }

        public string? ContainerUrl { get; set; }

        public string? GeneralAccess { get; set; }

        /// <summary>How the run was started (WEB, API, SCHEDULER, ...).</summary>
        [JsonIgnore]
        public string? Origin => Meta?.Origin;

        /// <summary>The run's id under the name other cmdlets bind by (e.g. Stop-ApifyRun -RunId).</summary>
        [JsonIgnore]
        public string RunId => Id;

        /// <summary>How long it ran: the platform's figure when given, else finish minus start (null while running).</summary>
        [JsonIgnore]
        public TimeSpan? Duration =>
            Stats?.DurationMillis is long ms && FinishedAt.HasValue ? TimeSpan.FromMilliseconds(ms)
            : FinishedAt.HasValue ? FinishedAt.Value - StartedAt
            : (TimeSpan?)null;

        /// <summary>True once the run can no longer change status.</summary>
        [JsonIgnore]
        public bool IsTerminal => ApifyJobStatus.IsTerminal(Status);
    }

    public sealed class ApifyRunStats
    {
        public long? InputBodyLen { get; set; }
        public int? MigrationCount { get; set; }
        public int? RebootCount { get; set; }
        public int? RestartCount { get; set; }
        public int? ResurrectCount { get; set; }
        public double? MemAvgBytes { get; set; }
        public long? MemMaxBytes { get; set; }
        public double? CpuAvgUsage { get; set; }
        public double? CpuMaxUsage { get; set; }
        public long? NetRxBytes { get; set; }
        public long? NetTxBytes { get; set; }
        public long? DurationMillis { get; set; }
        public double? RunTimeSecs { get; set; }
        public int? Metamorph { get; set; }
        public double? ComputeUnits { get; set; }
    }

    /// <summary>What the run was started with.</summary>
    public sealed class ApifyRunOptions
    {
        /// <summary>The build tag or number asked for (e.g. latest).</summary>
        public string? Build { get; set; }
        public int? TimeoutSecs { get; set; }
        public int? MemoryMbytes { get; set; }
        public int? DiskMbytes { get; set; }
        public long? MaxItems { get; set; }
        public double? MaxTotalChargeUsd { get; set; }
    }

    public sealed class ApifyRunMetamorph
    {
        public DateTime CreatedAt { get; set; }

        /// <summary>The Actor the run was turned into.</summary>
        public string? ActorId { get; set; }

        public string? BuildId { get; set; }

        /// <summary>The key-value store record holding the input it got (INPUT-METAMORPH-1, ...).</summary>
        public string? InputKey { get; set; }

        public override string ToString() => ActorId ?? "";
    }
}
