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

    public static void Meta(Utf8JsonWriter w, JobRecord job)
    {
        w.WriteStartObject("meta");
        w.WriteString("origin", job.Origin);
        if (job.ClientIp != null) w.WriteString("clientIp", job.ClientIp);
        if (job.UserAgent != null) w.WriteString("userAgent", job.UserAgent);
        w.WriteEndObject();
    }
}
