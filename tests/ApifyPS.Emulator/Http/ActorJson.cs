using System.Text.Json;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>Actors, versions, environment variables and webhooks as the OpenAPI document's schemas describe them.</summary>
public static class ActorJson
{
    /// <summary>ActorShort: an entry of GET /v2/actors.</summary>
    public static void ActorShort(Utf8JsonWriter w, ActorRecord a)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteTime("createdAt", a.CreatedAt);
        w.WriteTime("modifiedAt", a.ModifiedAt);
        w.WriteString("name", a.Name);
        w.WriteString("username", a.Owner.Username);
        if (a.Title != null) w.WriteString("title", a.Title);
        Stats(w, a);
        w.WriteEndObject();
    }

    /// <summary>Actor: GET /v2/actors/{actorId} and the answers of create and update.</summary>
    public static void Actor(Utf8JsonWriter w, ActorRecord a)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("userId", a.Owner.Id);
        w.WriteString("name", a.Name);
        w.WriteString("username", a.Owner.Username);
        WriteNullable(w, "description", a.Description);
        w.WriteBoolean("isPublic", a.IsPublic);
        w.WriteTime("createdAt", a.CreatedAt);
        w.WriteTime("modifiedAt", a.ModifiedAt);
        Stats(w, a);
        w.WriteStartArray("versions");
        foreach (var v in a.Versions) Version(w, v);
        w.WriteEndArray();
        w.WriteStartObject("defaultRunOptions");
        w.WriteString("build", a.DefaultRunOptions.Build);
        w.WriteNumber("timeoutSecs", a.DefaultRunOptions.TimeoutSecs);
        w.WriteNumber("memoryMbytes", a.DefaultRunOptions.MemoryMbytes);
        w.WriteBoolean("restartOnError", a.DefaultRunOptions.RestartOnError);
        if (a.DefaultRunOptions.MaxItems is long maxItems) w.WriteNumber("maxItems", maxItems);
        w.WriteEndObject();
        w.WriteNull("exampleRunInput");
        w.WriteBoolean("isDeprecated", false);
        w.WriteString("deploymentKey", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ emulator-" + a.Id);
        WriteNullable(w, "title", a.Title);
        WriteNullable(w, "seoTitle", a.SeoTitle);
        WriteNullable(w, "seoDescription", a.SeoDescription);
        w.WriteStartArray("categories");
        foreach (var c in a.Categories) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteNull("pictureUrl");
        w.WriteNull("standbyUrl");
        w.WriteStartObject("taggedBuilds");
        foreach (var (tag, build) in TaggedBuilds(a))
        {
            w.WriteStartObject(tag);
            w.WriteString("buildId", build.Id);
            w.WriteString("buildNumber", build.BuildNumber);
            w.WriteTime("finishedAt", build.FinishedAt);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>
    /// Each tag points at the newest successful build made with it, unless an update set (or removed) it.
    /// </summary>
    public static SortedDictionary<string, BuildRecord> TaggedBuilds(ActorRecord a)
    {
        var tags = new SortedDictionary<string, BuildRecord>(StringComparer.Ordinal);
        for (var i = a.Builds.Count - 1; i >= 0; i--)
        {
            var b = a.Builds[i];
            if (b.BuildTag != null && b.Status == "SUCCEEDED" && !tags.ContainsKey(b.BuildTag)) tags[b.BuildTag] = b;
        }
        foreach (var (tag, buildId) in a.TagOverrides)
        {
            var build = buildId == null ? null : FindBuild(a, buildId);
            if (build == null) tags.Remove(tag);
            else tags[tag] = build;
        }
        return tags;
    }

    public static BuildRecord? FindBuild(ActorRecord a, string buildId)
    {
        foreach (var b in a.Builds.All)
            if (b.Id == buildId) return b;
        return null;
    }

    private static void Stats(Utf8JsonWriter w, ActorRecord a)
    {
        w.WriteStartObject("stats");
        w.WriteNumber("totalBuilds", a.Builds.Count);
        w.WriteNumber("totalRuns", a.Runs.Count);
        w.WriteNumber("totalUsers", 1);
        w.WriteNumber("totalUsers7Days", a.Runs.Count > 0 ? 1 : 0);
        w.WriteNumber("totalUsers30Days", a.Runs.Count > 0 ? 1 : 0);
        w.WriteNumber("totalUsers90Days", a.Runs.Count > 0 ? 1 : 0);
        w.WriteNumber("totalMetamorphs", 0);
        if (a.Runs.Count > 0) w.WriteTime("lastRunStartedAt", LastRunStartedAt(a));
        w.WriteEndObject();
    }

    public static DateTime? LastRunStartedAt(ActorRecord a) => a.Runs.Count > 0 ? a.Runs[a.Runs.Count - 1].StartedAt : null;

    /// <summary>Version: the fields of its source type; secret environment variables without their value.</summary>
    public static void Version(Utf8JsonWriter w, VersionRecord v)
    {
        w.WriteStartObject();
        w.WriteString("versionNumber", v.VersionNumber);
        w.WriteString("sourceType", v.SourceType);
        if (v.EnvVars.Count == 0) w.WriteNull("envVars");
        else
        {
            w.WriteStartArray("envVars");
            foreach (var e in v.EnvVars) EnvVar(w, e);
            w.WriteEndArray();
        }
        w.WriteBoolean("applyEnvVarsToBuild", v.ApplyEnvVarsToBuild);
        WriteNullable(w, "buildTag", v.BuildTag);
        switch (v.SourceType)
        {
            case "SOURCE_FILES":
                w.WriteStartArray("sourceFiles");
                foreach (var f in v.SourceFiles)
                {
                    w.WriteStartObject();
                    w.WriteString("name", f.Name);
                    if (f.Folder) w.WriteBoolean("folder", true);
                    else
                    {
                        w.WriteString("format", f.Format ?? "TEXT");
                        w.WriteString("content", f.Content ?? "");
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case "GIT_REPO": w.WriteString("gitRepoUrl", v.GitRepoUrl); break;
            case "TARBALL": w.WriteString("tarballUrl", v.TarballUrl); break;
            case "GITHUB_GIST": w.WriteString("gitHubGistUrl", v.GitHubGistUrl); break;
        }
        w.WriteEndObject();
    }

    /// <summary>EnvVar: "If isSecret is true, then value will never be returned."</summary>
    public static void EnvVar(Utf8JsonWriter w, EnvVarRecord e)
    {
        w.WriteStartObject();
        w.WriteString("name", e.Name);
        if (!e.IsSecret) w.WriteString("value", e.Value ?? "");
        w.WriteBoolean("isSecret", e.IsSecret);
        w.WriteEndObject();
    }

    /// <summary>WebhookShort: an entry of the webhook lists (written by <see cref="WebhookJson"/>).</summary>
    public static void WebhookShort(Utf8JsonWriter w, WebhookRecord h) => WebhookJson.WebhookShort(w, h);

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value == null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
