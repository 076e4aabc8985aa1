using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// An Actor (GET /v2/actors/{actorId}, or an entry of GET /v2/actors). Piped into other cmdlets it stands for
    /// "this Actor" (its builds, its runs, its versions, start it, remove it): they take it as -InputObject.
    /// List entries are the API's short form (no versions, run options or tagged builds); Get-ApifyActor -Id gets all.
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

        /// <summary>The versions of the source code (full form only).</summary>
        public List<ApifyActorVersion>? Versions { get; set; }

        public ApifyActorRunOptions? DefaultRunOptions { get; set; }

        /// <summary>Build tags (e.g. latest, beta) and the builds they point to.</summary>
        public Dictionary<string, ApifyTaggedBuild?>? TaggedBuilds { get; set; }

        public string[]? Categories { get; set; }

        public string? SeoTitle { get; set; }

        public string? SeoDescription { get; set; }

        public bool? IsDeprecated { get; set; }

        /// <summary>LIMITED_PERMISSIONS or FULL_PERMISSIONS.</summary>
        public string? ActorPermissionLevel { get; set; }

        public ApifyExampleRunInput? ExampleRunInput { get; set; }

        public string? PictureUrl { get; set; }

        public string? StandbyUrl { get; set; }

        /// <summary>The public SSH key the platform uses to clone private Git repositories.</summary>
        public string? DeploymentKey { get; set; }

        /// <summary><c>username~name</c>: how the API (and every -Actor parameter) accepts it besides the id.</summary>
        [JsonIgnore]
        public string FullName => string.IsNullOrEmpty(Username) ? Name : Username + "~" + Name;

        /// <summary>The Actor's id under the name other cmdlets bind by.</summary>
        [JsonIgnore]
        public string ActorId => Id;

        /// <summary>When the Actor last ran (from its stats), in UTC.</summary>
        [JsonIgnore]
        public DateTime? LastRunStartedAt => Stats?.LastRunStartedAt;

        /// <summary>The version numbers, e.g. 0.0, 0.1 (full form only).</summary>
        [JsonIgnore]
        public string[] VersionNumbers => Versions?.Select(v => v.VersionNumber).ToArray() ?? Array.Empty<string>();

        public override string ToString() => FullName.Length > 0 ? FullName : Id;

        /// <summary>Called by the client after reading: the versions learn which Actor they belong to.</summary>
        internal ApifyActor Attach()
        {
            if (Versions != null)
                foreach (var v in Versions) v.ActorId = Id;
            return this;
        }
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

        public override string ToString() => $"{TotalBuilds ?? 0} builds, {TotalRuns ?? 0} runs";
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

        public override string ToString() => $"build {Build}, {MemoryMbytes} MB, timeout {TimeoutSecs} s";
    }

    public sealed class ApifyTaggedBuild
    {
        public string? BuildId { get; set; }
        public string? BuildNumber { get; set; }
        public DateTime? FinishedAt { get; set; }

        public override string ToString() => BuildNumber ?? BuildId ?? "";
    }

    /// <summary>The input a run gets when its start gives none.</summary>
    public sealed class ApifyExampleRunInput
    {
        public string? Body { get; set; }
        public string? ContentType { get; set; }

        public override string ToString() => Body ?? "";
    }
}
