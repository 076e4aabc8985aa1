namespace ApifyPS.Emulator.State;

public sealed class UserRecord
{
    public required string Id { get; init; }
    public required string Username { get; init; }
    public required string Token { get; init; }
    public string Email => Username + "@example.com";
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}

public sealed class VersionRecord
{
    public required string VersionNumber { get; set; }
    public string SourceType { get; set; } = "SOURCE_FILES";
    public string? BuildTag { get; set; } = "latest";
    public List<EnvVarRecord> EnvVars { get; set; } = new();
    public bool ApplyEnvVarsToBuild { get; set; }
    /// <summary>SOURCE_FILES: files and folders as the API takes them ({name, format, content} or {name, folder}).</summary>
    public List<SourceFileRecord> SourceFiles { get; set; } = new();
    public string? GitRepoUrl { get; set; }
    public string? TarballUrl { get; set; }
    public string? GitHubGistUrl { get; set; }

    public VersionRecord Clone() => new()
    {
        VersionNumber = VersionNumber, SourceType = SourceType, BuildTag = BuildTag, ApplyEnvVarsToBuild = ApplyEnvVarsToBuild,
        EnvVars = EnvVars.Select(e => e with { }).ToList(), SourceFiles = SourceFiles.ToList(),
        GitRepoUrl = GitRepoUrl, TarballUrl = TarballUrl, GitHubGistUrl = GitHubGistUrl,
    };
}

/// <summary>
/// An environment variable of a version. A secret's value is kept but never written to an answer. Value is null only
/// while a request that left it out is checked (a secret keeps the value it had).
/// </summary>
public sealed record EnvVarRecord(string Name, string? Value, bool IsSecret);

public sealed record SourceFileRecord(string Name, string? Format, string? Content, bool Folder);

/// <summary>The defaults of a run of the Actor (the API's defaultRunOptions).</summary>
public sealed class RunOptionsRecord
{
    public string Build { get; set; } = "latest";
    public int TimeoutSecs { get; set; } = 3600;
    public int MemoryMbytes { get; set; } = 1024;
    public bool RestartOnError { get; set; }
    public long? MaxItems { get; set; }
}

public sealed class WebhookRecord
{
    public required string Id { get; init; }
    public required UserRecord Owner { get; init; }
    public ActorRecord? Actor { get; set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public DateTime ModifiedAt { get; set; } = DateTime.UtcNow;
    public string[] EventTypes { get; set; } = { "ACTOR.RUN.SUCCEEDED" };
    public string RequestUrl { get; set; } = "https://example.com/webhook";
    public bool IsEnabled { get; set; } = true;
    public bool IgnoreSslErrors { get; set; }
    public bool DoNotRetry { get; set; }
    public long TotalDispatches { get; set; }
    public long Seq { get; init; }
    // Account and alerting: what POST/PUT /v2/webhooks set (WebhookCreate / WebhookUpdate).
    public string? ActorTaskId { get; set; }
    public string? ActorRunId { get; set; }
    public bool? IsAdHoc { get; set; }
    public string? PayloadTemplate { get; set; }
    public string? HeadersTemplate { get; set; }
    public string? Description { get; set; }
    public bool? ShouldInterpolateStrings { get; set; }
    public string? IdempotencyKey { get; init; }
    /// <summary>The newest dispatch (lastDispatch); seeded webhooks with dispatches count as SUCCEEDED at ModifiedAt.</summary>
    public WebhookDispatchRecord? LastDispatch { get; set; }
}

public sealed class ActorRecord
{
    public required string Id { get; init; }
    public required UserRecord Owner { get; init; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public bool IsPublic { get; set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public DateTime ModifiedAt { get; set; } = DateTime.UtcNow;
    /// <summary>Creation order; breaks ties between equal createdAt values in lists.</summary>
    public long Seq { get; init; }
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    public List<string> Categories { get; set; } = new();
    public RunOptionsRecord DefaultRunOptions { get; set; } = new();
    /// <summary>Tags set or removed by an update (taggedBuilds); other tags follow the newest successful build of a version.</summary>
    public Dictionary<string, string?> TagOverrides { get; } = new(StringComparer.Ordinal);
    public List<WebhookRecord> Webhooks { get; } = new();
    public List<VersionRecord> Versions { get; } = new();
    /// <summary>Sequence of build numbers per version (0.0.1, 0.0.2, ...).</summary>
    public Dictionary<string, int> BuildCounters { get; } = new();
    public JobList<BuildRecord> Builds { get; } = new();
    public JobList<RunRecord> Runs { get; } = new();
    /// <summary>How the Actor's new builds and runs behave (durations, outcomes, OUTPUT); set when seeding.</summary>
    public JobBehaviour Behaviour { get; set; } = new();
    /// <summary>When set, the Actor's builds list is made up on the fly from this instead of <see cref="Builds"/>.</summary>
    public GeneratedBuilds? GeneratedBuilds { get; set; }
    public string FullName => Owner.Username + "~" + Name;
}

/// <summary>What builds and runs share: the fields lists sort and filter on.</summary>
public abstract class JobRecord
{
    public required string Id { get; init; }
    public required ActorRecord Actor { get; init; }
    public required DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; set; }
    public string Status { get; set; } = "READY";
    public string? StatusMessage { get; set; }
    public string Origin { get; init; } = "API";
    public string? ClientIp { get; init; } = "127.0.0.1";
    public string? UserAgent { get; init; }
    public double UsageTotalUsd { get; set; }
    /// <summary>Creation order; breaks ties between equal startedAt values.</summary>
    public long Seq { get; init; }
    /// <summary>Completed when the job reaches a terminal status (long polls wait on it).</summary>
    public TaskCompletionSource Terminal { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>Bumped by every reschedule (abort, metamorph), so a step scheduled earlier sees it is stale.</summary>
    public int Generation { get; set; }
    public bool IsTerminal => JobStatuses.IsTerminal(Status);
}

public sealed class BuildRecord : JobRecord
{
    public required string BuildNumber { get; init; }
    public required string VersionNumber { get; init; }
    public string? BuildTag { get; init; }
    public bool UseCache { get; init; }
    public bool BetaPackages { get; init; }
    public int MemoryMbytes { get; init; } = 4096;
}

public sealed class RunRecord : JobRecord
{
    public string? BuildId { get; set; }
    public string? BuildNumber { get; set; }
    public string DefaultDatasetId { get; init; } = Ids.New();
    public string DefaultKeyValueStoreId { get; init; } = Ids.New();
    public string DefaultRequestQueueId { get; init; } = Ids.New();
    public string Build { get; set; } = "latest";
    public int TimeoutSecs { get; set; } = 3600;
    public int MemoryMbytes { get; set; } = 1024;
    public int DiskMbytes { get; set; } = 2048;
    public int? ExitCode { get; set; }
    public long? MaxItems { get; init; }
    public double? MaxTotalChargeUsd { get; init; }
    public long? InputBodyLen { get; init; }
    /// <summary>The Actor whose code runs now: the run's own Actor, or the target of its last metamorph.</summary>
    public ActorRecord? CurrentActor { get; set; }
    public List<MetamorphRecord> Metamorphs { get; } = new();
    // Tasks and schedules: the task a run was started from, the schedule that started it.
    public string? ActorTaskId { get; init; }
    public string? ScheduleId { get; init; }
    public DateTime? ScheduledAt { get; init; }
}

public sealed record MetamorphRecord(DateTime CreatedAt, string ActorId, string? BuildId, string InputKey);

/// <summary>The statuses of Actor jobs, as the API spells them.</summary>
public static class JobStatuses
{
    public const string Ready = "READY", Running = "RUNNING", Succeeded = "SUCCEEDED", Failed = "FAILED",
        TimingOut = "TIMING-OUT", TimedOut = "TIMED-OUT", Aborting = "ABORTING", Aborted = "ABORTED";

    public static readonly string[] All = { Ready, Running, Succeeded, Failed, TimingOut, TimedOut, Aborting, Aborted };

    public static bool IsTerminal(string status) => status is Succeeded or Failed or TimedOut or Aborted;
}
