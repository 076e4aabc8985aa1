using System.Text.Json;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>Builds and runs as the OpenAPI document's BuildShort/Build (and RunShort/Run) schemas describe them.</summary>
public static class JobJson
{
    public static void BuildShort(Utf8JsonWriter w, BuildRecord b)
    {
        w.WriteStartObject();
        w.WriteString("id", b.Id);
        w.WriteString("actId", b.Actor.Id);
        w.WriteString("userId", b.Actor.Owner.Id);
        w.WriteString("status", b.Status);
        w.WriteTime("startedAt", b.StartedAt);
        w.WriteTime("finishedAt", b.FinishedAt);
        w.WriteNumber("usageTotalUsd", b.UsageTotalUsd);
        w.WriteString("buildNumber", b.BuildNumber);
        Meta(w, b);
        w.WriteEndObject();
    }

    public static void Build(Utf8JsonWriter w, BuildRecord b)
    {
        w.WriteStartObject();
        w.WriteString("id", b.Id);
        w.WriteString("actId", b.Actor.Id);
        w.WriteString("userId", b.Actor.Owner.Id);
        w.WriteTime("startedAt", b.StartedAt);
        w.WriteTime("finishedAt", b.FinishedAt);
        w.WriteString("status", b.Status);
        Meta(w, b);
        w.WriteStartObject("stats");
        var duration = (long)((b.FinishedAt ?? DateTime.UtcNow) - b.StartedAt).TotalMilliseconds;
        w.WriteNumber("durationMillis", duration);
        w.WriteNumber("runTimeSecs", duration / 1000.0);
        w.WriteNumber("computeUnits", duration / 3_600_000.0 * b.MemoryMbytes / 1024.0);
        w.WriteEndObject();
        w.WriteStartObject("options");
        w.WriteBoolean("useCache", b.UseCache);
        w.WriteBoolean("betaPackages", b.BetaPackages);
        w.WriteNumber("memoryMbytes", b.MemoryMbytes);
        w.WriteNumber("diskMbytes", b.MemoryMbytes * 2);
        w.WriteEndObject();
        w.WriteStartObject("usage");
        w.WriteNumber("ACTOR_COMPUTE_UNITS", b.UsageTotalUsd / 0.4);
        w.WriteEndObject();
        w.WriteNumber("usageTotalUsd", b.UsageTotalUsd);
        w.WriteStartObject("usageUsd");
        w.WriteNumber("ACTOR_COMPUTE_UNITS", b.UsageTotalUsd);
        w.WriteEndObject();
        w.WriteString("buildNumber", b.BuildNumber);
        w.WriteStartObject("actVersion");
        w.WriteString("versionNumber", b.VersionNumber);
        w.WriteString("sourceType", "SOURCE_FILES");
        if (b.BuildTag != null) w.WriteString("buildTag", b.BuildTag);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void RunShort(Utf8JsonWriter w, RunRecord r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("actId", r.Actor.Id);
        w.WriteString("userId", r.Actor.Owner.Id);
        w.WriteString("actorTaskId", r.ActorTaskId);
        w.WriteString("status", r.Status);
        w.WriteTime("startedAt", r.StartedAt);
        w.WriteTime("finishedAt", r.FinishedAt);
        w.WriteString("buildId", r.BuildId);
        w.WriteString("buildNumber", r.BuildNumber);
        Meta(w, r);
        w.WriteNumber("usageTotalUsd", r.UsageTotalUsd);
        w.WriteString("defaultKeyValueStoreId", r.DefaultKeyValueStoreId);
        w.WriteString("defaultDatasetId", r.DefaultDatasetId);
        w.WriteString("defaultRequestQueueId", r.DefaultRequestQueueId);
        w.WriteEndObject();
    }

    public static void Run(Utf8JsonWriter w, RunRecord r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("actId", r.Actor.Id);
        w.WriteString("userId", r.Actor.Owner.Id);
        w.WriteString("actorTaskId", r.ActorTaskId);
        w.WriteTime("startedAt", r.StartedAt);
        w.WriteTime("finishedAt", r.FinishedAt);
        w.WriteString("status", r.Status);
        if (r.StatusMessage != null) w.WriteString("statusMessage", r.StatusMessage);
        else w.WriteNull("statusMessage");
        w.WriteBoolean("isStatusMessageTerminal", r.IsTerminal);
        Meta(w, r);
        var duration = (long)((r.FinishedAt ?? DateTime.UtcNow) - r.StartedAt).TotalMilliseconds;
        var computeUnits = duration / 3_600_000.0 * r.MemoryMbytes / 1024.0;
        w.WriteStartObject("stats");
        if (r.InputBodyLen is long len) w.WriteNumber("inputBodyLen", len);
        w.WriteNumber("migrationCount", 0);
        w.WriteNumber("rebootCount", 0);
        w.WriteNumber("restartCount", 0);
        w.WriteNumber("resurrectCount", 0);
        w.WriteNumber("durationMillis", duration);
        w.WriteNumber("runTimeSecs", duration / 1000.0);
        w.WriteNumber("metamorph", r.Metamorphs.Count);
        w.WriteNumber("computeUnits", computeUnits);
        w.WriteEndObject();
        w.WriteStartObject("options");
        w.WriteString("build", r.Build);
        w.WriteNumber("timeoutSecs", r.TimeoutSecs);
        w.WriteNumber("memoryMbytes", r.MemoryMbytes);
        w.WriteNumber("diskMbytes", r.DiskMbytes);
        if (r.MaxItems is long maxItems) w.WriteNumber("maxItems", maxItems);
        if (r.MaxTotalChargeUsd is double maxCharge) w.WriteNumber("maxTotalChargeUsd", maxCharge);
        w.WriteEndObject();
        w.WriteString("buildId", r.BuildId);
        w.WriteString("buildNumber", r.BuildNumber);
        if (r.ExitCode is int exit) w.WriteNumber("exitCode", exit);
        else w.WriteNull("exitCode");
        w.WriteString("generalAccess", "FOLLOW_USER_SETTING");
        w.WriteString("defaultKeyValueStoreId", r.DefaultKeyValueStoreId);
        w.WriteString("defaultDatasetId", r.DefaultDatasetId);
        w.WriteString("defaultRequestQueueId", r.DefaultRequestQueueId);
        w.WriteStartObject("storageIds");
        w.WriteStartObject("datasets"); w.WriteString("default", r.DefaultDatasetId); w.WriteEndObject();
        w.WriteStartObject("keyValueStores"); w.WriteString("default", r.DefaultKeyValueStoreId); w.WriteEndObject();
        w.WriteStartObject("requestQueues"); w.WriteString("default", r.DefaultRequestQueueId); w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("usage");
        w.WriteNumber("ACTOR_COMPUTE_UNITS", computeUnits);
        w.WriteEndObject();
        w.WriteNumber("usageTotalUsd", r.UsageTotalUsd);
        w.WriteStartObject("usageUsd");
        w.WriteNumber("ACTOR_COMPUTE_UNITS", r.UsageTotalUsd);
        w.WriteEndObject();
        if (r.Metamorphs.Count > 0)
        {
            w.WriteStartArray("metamorphs");
            foreach (var m in r.Metamorphs)
            {
                w.WriteStartObject();
                w.WriteTime("createdAt", m.CreatedAt);
                w.WriteString("actorId", m.ActorId);
                w.WriteString("buildId", m.BuildId);
                w.WriteString("inputKey", m.InputKey);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void Meta(Utf8JsonWriter w, JobRecord job)
    {
        w.WriteStartObject("meta");
        w.WriteString("origin", job.Origin);
        if (job.ClientIp != null) w.WriteString("clientIp", job.ClientIp);
        if (job.UserAgent != null) w.WriteString("userAgent", job.UserAgent);
        if (job is RunRecord { ScheduleId: not null } scheduled)
        {
            w.WriteString("scheduleId", scheduled.ScheduleId);
            w.WriteTime("scheduledAt", scheduled.ScheduledAt);
        }
        w.WriteEndObject();
    }
}
