using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// An Actor (GET /v2/actors/{actorId}, or an entry of GET /v2/actors). Piped into other cmdlets it stands for
    /// "this Actor" (its builds, its runs, start it): they take it as -InputObject.
    /// </summary>
    public sealed class ApifyActor : ApifyResource
    {
        public string? UserId { get; set; }

        public string Name { get; set; } = "";

        /// <summary>The owner's username.</summary>
        public string? Username { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public bool IsPublic { get; set; }

        public DateTime? CreatedAt { get; set; }

        public DateTime? ModifiedAt { get; set; }

        public ApifyActorStats? Stats { get; set; }

        public ApifyActorRunOptions? DefaultRunOptions { get; set; }

        /// <summary>Build tags (e.g. latest, beta) and the builds they point to.</summary>
        public Dictionary<string, ApifyTaggedBuild?>? TaggedBuilds { get; set; }

        /// <summary><c>username~name</c>: how the API (and every -Actor parameter) accepts it besides the id.</summary>
        [JsonIgnore]
        public string FullName => string.IsNullOrEmpty(Username) ? Name : Username + "~" + Name;

        /// <summary>The Actor's id under the name other cmdlets bind by.</summary>
        [JsonIgnore]
        public string ActorId => Id;

        public override string ToString() => FullName.Length > 0 ? FullName : Id;
    }

    public sealed class ApifyActorStats
    {
        public long? TotalBuilds { get; set; }
        public long? TotalRuns { get; set; }
        public long? TotalUsers { get; set; }
        public long? TotalUsers7Days { get; set; }
        public long? TotalUsers30Days { get; set; }
        public long? TotalUsers90Days { get; set; }
        public long? TotalMetamorphs { get; set; }
        public DateTime? LastRunStartedAt { get; set; }
    }

    /// <summary>The defaults applied to a run of the Actor when the start does not say otherwise.</summary>
    public sealed class ApifyActorRunOptions
    {
        /// <summary>A build tag or number.</summary>
        public string? Build { get; set; }
        public int? TimeoutSecs { get; set; }
        public int? MemoryMbytes { get; set; }
        public bool? RestartOnError { get; set; }
        public long? MaxItems { get; set; }
    }

    public sealed class ApifyTaggedBuild
    {
        public string? BuildId { get; set; }
        public string? BuildNumber { get; set; }
        public DateTime? FinishedAt { get; set; }

        public override string ToString() => BuildNumber ?? BuildId ?? "";
    }
}
