using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>An Actor build, as the builds list (short form) or the build endpoint (full form) answers it.</summary>
    public sealed class ApifyBuild : ApifyResource, IApifyJob
    {
        /// <summary>The id of the built Actor (the API's <c>actId</c>).</summary>
        [JsonPropertyName("actId")]
        public string? ActorId { get; set; }

        public string? UserId { get; set; }

        /// <summary>READY, RUNNING, SUCCEEDED, FAILED, TIMING-OUT, TIMED-OUT, ABORTING or ABORTED.</summary>
        public string Status { get; set; } = "";

        /// <summary>When the build started, in UTC.</summary>
        public DateTime StartedAt { get; set; }

        /// <summary>When the build finished, in UTC; null while it runs.</summary>
        public DateTime? FinishedAt { get; set; }

        /// <summary>e.g. 0.1.17: the version built and the build's sequence number.</summary>
        public string? BuildNumber { get; set; }

        public double? UsageTotalUsd { get; set; }

        public ApifyJobMeta? Meta { get; set; }

        public ApifyBuildStats? Stats { get; set; }

        public ApifyBuildOptions? Options { get; set; }

        /// <summary>The version the build was made from (full form only).</summary>
        [JsonPropertyName("actVersion")]
        public ApifyBuildVersionInfo? ActorVersion { get; set; }

        /// <summary>How the build was started (WEB, API, SCHEDULER, ...).</summary>
        [JsonIgnore]
        public string? Origin => Meta?.Origin;

        /// <summary>The build's id under the name other cmdlets bind by (e.g. Stop-ApifyBuild -BuildId).</summary>
        [JsonIgnore]
        public string BuildId => Id;

        /// <summary>How long it ran: the platform's figure when given, else finish minus start (null while running).</summary>
        [JsonIgnore]
        public TimeSpan? Duration =>
            Stats?.DurationMillis is long ms ? TimeSpan.FromMilliseconds(ms)
            : FinishedAt.HasValue ? FinishedAt.Value - StartedAt
            : (TimeSpan?)null;

        /// <summary>True once the build can no longer change status.</summary>
        [JsonIgnore]
        public bool IsTerminal => ApifyJobStatus.IsTerminal(Status);

        /// <summary>Builds carry no status message in the API.</summary>
        string? IApifyJob.StatusMessage => null;
    }

    public sealed class ApifyBuildStats
    {
        public long? DurationMillis { get; set; }
        public double? RunTimeSecs { get; set; }
        public double? ComputeUnits { get; set; }
        public long? ImageSizeBytes { get; set; }

        /// <summary>What Format-List shows for a build's Stats: e.g. "12.4 s, 0.0021 CU, 154 MB image".</summary>
        public override string ToString()
        {
            var parts = new System.Collections.Generic.List<string>();
            if (DurationMillis is long ms) parts.Add((ms / 1000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s");
            if (ComputeUnits is double cu) parts.Add(cu.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) + " CU");
            if (ImageSizeBytes is long bytes) parts.Add((bytes / 1048576.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " MB image");
            return string.Join(", ", parts);
        }
    }

    public sealed class ApifyBuildOptions
    {
        public bool? UseCache { get; set; }
        public bool? BetaPackages { get; set; }
        public int? MemoryMbytes { get; set; }
        public int? DiskMbytes { get; set; }

        /// <summary>What Format-List shows for a build's Options: e.g. "useCache, 1024 MB memory".</summary>
        public override string ToString()
        {
            var parts = new System.Collections.Generic.List<string>();
            if (UseCache == true) parts.Add("useCache");
            if (BetaPackages == true) parts.Add("betaPackages");
            if (MemoryMbytes is int memory) parts.Add(memory + " MB memory");
            if (DiskMbytes is int disk) parts.Add(disk + " MB disk");
            return string.Join(", ", parts);
        }
    }

    public sealed class ApifyBuildVersionInfo
    {
        public string? VersionNumber { get; set; }
        public string? BuildTag { get; set; }
        public string? SourceType { get; set; }

        public override string ToString() => VersionNumber ?? "";
    }
}
