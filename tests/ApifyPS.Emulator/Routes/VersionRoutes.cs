using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;
using static ApifyPS.Emulator.Http.RequestBody;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Versions of an Actor and their environment variables: list, create (201 + Location), get, update (PUT and its POST
/// alias; only the fields given change), delete (204). A version must carry what its sourceType needs (GIT_REPO a
/// gitRepoUrl, ...); a secret environment variable's value is stored but never answered.
/// </summary>
public static class VersionRoutes
{
    public static readonly string[] SourceTypes = { "SOURCE_FILES", "GIT_REPO", "TARBALL", "GITHUB_GIST", "SOURCE_CODE" };

    public static void MapVersionRoutes(this WebApplication app, EmulatorStore store)
    {
        // GET /v2/actors/{actorId}/versions -> {"data":{"total","items"}} (not paged)
        app.MapActorGet("/{actorId}/versions", async ctx =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            var actor = await ActorRoutes.FindWritableActor(ctx, store, user);
            if (actor == null) return;
            await ApiResponse.Data(ctx, w =>
            {
                lock (store.Sync)
                {
                    w.WriteStartObject();
                    w.WriteNumber("total", actor.Versions.Count);
                    w.WriteStartArray("items");
                    foreach (var v in actor.Versions) ActorJson.Version(w, v);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
            });
        });

        // POST /v2/actors/{actorId}/versions: CreateOrUpdateVersionRequest (versionNumber and sourceType required).
        app.MapActorPost("/{actorId}/versions", ctx => Handle(ctx, async () =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            var actor = await ActorRoutes.FindWritableActor(ctx, store, user);
            if (actor == null) return;
            var body = await ReadObject(ctx);
            if (body == null) return;
            var version = ParseVersion(body.Value, existing: null);
            ResolveEnvVars(version, null);
            lock (store.Sync)
            {
                if (actor.Versions.Any(v => v.VersionNumber == version.VersionNumber))
                    throw new InvalidInput($"Version {version.VersionNumber} already exists.", "version-already-exists");
                actor.Versions.Add(version);
                actor.ModifiedAt = DateTime.UtcNow;
            }
            ctx.Response.Headers.Location = $"{ctx.Request.Scheme}://{ctx.Request.Host}/v2/actors/{actor.Id}/versions/{version.VersionNumber}";
            await ApiResponse.Data(ctx, w => { lock (store.Sync) ActorJson.Version(w, version); }, 201);
        }));

        app.MapActorGet("/{actorId}/versions/{versionNumber}", async ctx =>
        {
            var (actor, version) = await FindVersion(ctx, store);
            if (version == null) return;
            await ApiResponse.Data(ctx, w => { lock (store.Sync) ActorJson.Version(w, version); });
        });

        RequestDelegate updateVersion = ctx => Handle(ctx, async () =>
        {
            var (actor, version) = await FindVersion(ctx, store);
            if (version == null) return;
            var body = await ReadObject(ctx);
            if (body == null) return;
            lock (store.Sync)
            {
                var updated = ParseVersion(body.Value, existing: version);
                ResolveEnvVars(updated, version);
                var index = actor!.Versions.IndexOf(version);
                if (index < 0) throw new InvalidInput($"Version {version.VersionNumber} was not found", "record-not-found", 404);
                actor.Versions[index] = updated;
                actor.ModifiedAt = DateTime.UtcNow;
                version = updated;
            }
            await ApiResponse.Data(ctx, w => { lock (store.Sync) ActorJson.Version(w, version); });
        });
        app.MapActorPut("/{actorId}/versions/{versionNumber}", updateVersion);
        app.MapActorPost("/{actorId}/versions/{versionNumber}", updateVersion);

        app.MapActorDelete("/{actorId}/versions/{versionNumber}", async ctx =>
        {
            var (actor, version) = await FindVersion(ctx, store);
            if (version == null) return;
            lock (store.Sync)
            {
                actor!.Versions.Remove(version);
                actor.ModifiedAt = DateTime.UtcNow;
            }
            ctx.Response.StatusCode = 204;
        });

        // Environment variables: /v2/actors/{actorId}/versions/{versionNumber}/env-vars[/{envVarName}]
        app.MapActorGet("/{actorId}/versions/{versionNumber}/env-vars", async ctx =>
        {
            var (_, version) = await FindVersion(ctx, store);
            if (version == null) return;
            await ApiResponse.Data(ctx, w =>
            {
                lock (store.Sync)
                {
                    w.WriteStartObject();
                    w.WriteNumber("total", version.EnvVars.Count);
                    w.WriteStartArray("items");
                    foreach (var e in version.EnvVars) ActorJson.EnvVar(w, e);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
            });
        });

        // POST: EnvVarRequest (name and value required) -> 201 + Location; an existing name is env-var-already-exists.
        app.MapActorPost("/{actorId}/versions/{versionNumber}/env-vars", ctx => Handle(ctx, async () =>
        {
            var (actor, version) = await FindVersion(ctx, store);
            if (version == null) return;
            var body = await ReadObject(ctx);
            if (body == null) return;
            var envVar = ParseEnvVarRequest(body.Value, pathName: null);
            lock (store.Sync)
            {
                if (version.EnvVars.Any(e => e.Name == envVar.Name))
                    throw new InvalidInput($"Environment variable '{envVar.Name}' already exists.", "env-var-already-exists");
                version.EnvVars.Add(envVar);
                actor!.ModifiedAt = DateTime.UtcNow;
            }
            ctx.Response.Headers.Location =
                $"{ctx.Request.Scheme}://{ctx.Request.Host}/v2/actors/{actor!.Id}/versions/{version.VersionNumber}/env-vars/{Uri.EscapeDataString(envVar.Name)}";
            await ApiResponse.Data(ctx, w => ActorJson.EnvVar(w, envVar), 201);
        }));

        app.MapActorGet("/{actorId}/versions/{versionNumber}/env-vars/{envVarName}", async ctx =>
        {
            var (_, _, envVar) = await FindEnvVar(ctx, store);
            if (envVar == null) return;
            await ApiResponse.Data(ctx, w => ActorJson.EnvVar(w, envVar));
        });

        RequestDelegate updateEnvVar = ctx => Handle(ctx, async () =>
        {
            var (actor, version, envVar) = await FindEnvVar(ctx, store);
            if (envVar == null) return;
            var body = await ReadObject(ctx);
            if (body == null) return;
            var updated = ParseEnvVarRequest(body.Value, pathName: envVar.Name);
            lock (store.Sync)
            {
                var index = version!.EnvVars.FindIndex(e => e.Name == envVar.Name);
                if (index < 0) throw new InvalidInput($"Environment variable '{envVar.Name}' was not found", "record-not-found", 404);
                // isSecret left out keeps what the variable was.
                if (!body.Value.Has("isSecret")) updated = updated with { IsSecret = envVar.IsSecret };
                version.EnvVars[index] = updated;
                actor!.ModifiedAt = DateTime.UtcNow;
            }
            await ApiResponse.Data(ctx, w => ActorJson.EnvVar(w, updated));
        });
        app.MapActorPut("/{actorId}/versions/{versionNumber}/env-vars/{envVarName}", updateEnvVar);
        app.MapActorPost("/{actorId}/versions/{versionNumber}/env-vars/{envVarName}", updateEnvVar);

        app.MapActorDelete("/{actorId}/versions/{versionNumber}/env-vars/{envVarName}", async ctx =>
        {
            var (actor, version, envVar) = await FindEnvVar(ctx, store);
            if (envVar == null) return;
            lock (store.Sync)
            {
                version!.EnvVars.RemoveAll(e => e.Name == envVar.Name);
                actor!.ModifiedAt = DateTime.UtcNow;
            }
            ctx.Response.StatusCode = 204;
        });
    }

    /// <summary>
    /// Reads a Version body onto a copy of <paramref name="existing"/> (an update: only the fields given change) or a
    /// new version (versionNumber and sourceType required), and checks that the result has what its sourceType needs.
    /// </summary>
    public static VersionRecord ParseVersion(JsonElement body, VersionRecord? existing)
    {
        var v = existing?.Clone() ?? new VersionRecord { VersionNumber = "" };
        if (body.TryString("versionNumber", out var number, nullable: existing != null) && number != null)
        {
            Require(RequestBody.VersionNumber.IsMatch(number), $"Field 'versionNumber' must be MAJOR.MINOR (e.g. 0.1), got '{number}'.");
            Require(existing == null || number == existing.VersionNumber, $"The version number cannot be changed (from {existing?.VersionNumber} to {number}).");
            v.VersionNumber = number;
        }
        Require(v.VersionNumber.Length > 0, "Field 'versionNumber' is required (e.g. \"0.1\").");
        if (body.TryString("sourceType", out var sourceType, nullable: existing != null) && sourceType != null)
        {
            Require(SourceTypes.Contains(sourceType), $"Field 'sourceType' must be one of {string.Join(", ", SourceTypes)}, got '{sourceType}'.");
            v.SourceType = sourceType;
        }
        else Require(existing != null, "Field 'sourceType' is required (SOURCE_FILES, GIT_REPO, TARBALL or GITHUB_GIST).");
        if (body.TryArray("envVars", out var envVars))
        {
            v.EnvVars = new List<EnvVarRecord>();
            foreach (var e in envVars ?? new())
            {
                Require(e.ValueKind == JsonValueKind.Object, "Each item of 'envVars' must be an object {name, value, isSecret}.");
                var envVar = ParseEnvVar(e);
                Require(v.EnvVars.All(x => x.Name != envVar.Name), $"Environment variable '{envVar.Name}' is given twice.");
                v.EnvVars.Add(envVar);
            }
        }
        if (body.TryBool("applyEnvVarsToBuild", out var apply)) v.ApplyEnvVarsToBuild = apply ?? false;
        if (body.TryString("buildTag", out var buildTag)) v.BuildTag = string.IsNullOrEmpty(buildTag) ? null : buildTag;
        if (body.TryString("gitRepoUrl", out var gitRepoUrl)) v.GitRepoUrl = gitRepoUrl;
        if (body.TryString("tarballUrl", out var tarballUrl)) v.TarballUrl = tarballUrl;
        if (body.TryString("gitHubGistUrl", out var gistUrl)) v.GitHubGistUrl = gistUrl;
        if (body.TryArray("sourceFiles", out var files))
            v.SourceFiles = (files ?? new()).Select(ParseSourceFile).ToList();

        var what = $"Version {v.VersionNumber} ({v.SourceType})";
        switch (v.SourceType)
        {
            case "GIT_REPO":
                Require(!string.IsNullOrWhiteSpace(v.GitRepoUrl), $"{what} needs 'gitRepoUrl'.");
                break;
            case "TARBALL":
                Require(IsHttpUrl(v.TarballUrl), $"{what} needs 'tarballUrl', an absolute http(s) URL.");
                break;
            case "GITHUB_GIST":
                Require(IsHttpUrl(v.GitHubGistUrl), $"{what} needs 'gitHubGistUrl', an absolute http(s) URL.");
                break;
        }
        return v;
    }

    /// <summary>Gives values to the variables a request sent without one: a secret keeps its old value; others must have one.</summary>
    public static void ResolveEnvVars(VersionRecord version, VersionRecord? old)
    {
        for (var i = 0; i < version.EnvVars.Count; i++)
        {
            var e = version.EnvVars[i];
            if (e.Value != null) continue;
            var kept = old?.EnvVars.FirstOrDefault(o => o.Name == e.Name && o.IsSecret);
            if (kept == null || !e.IsSecret)
                throw new InvalidInput($"Environment variable '{e.Name}' needs a 'value' (only a secret that already exists may leave it out to keep it).");
            version.EnvVars[i] = e with { Value = kept.Value };
        }
    }

    private static EnvVarRecord ParseEnvVar(JsonElement e)
    {
        e.TryString("name", out var name, nullable: false);
        Require(!string.IsNullOrWhiteSpace(name), "An environment variable needs a 'name'.");
        e.TryString("value", out var value);
        e.TryBool("isSecret", out var isSecret);
        return new EnvVarRecord(name!, value, isSecret ?? false);
    }

    /// <summary>EnvVarRequest: name and value required; on update the name is the path's (renaming is refused).</summary>
    private static EnvVarRecord ParseEnvVarRequest(JsonElement body, string? pathName)
    {
        var envVar = ParseEnvVar(body);
        if (pathName != null && envVar.Name != pathName)
            throw new InvalidInput($"Environment variable '{pathName}' cannot be renamed to '{envVar.Name}'.", "cannot-rename-env-var");
        Require(envVar.Value != null, $"Environment variable '{envVar.Name}' needs a 'value'.");
        return envVar;
    }

    private static SourceFileRecord ParseSourceFile(JsonElement f)
    {
        Require(f.ValueKind == JsonValueKind.Object, "Each item of 'sourceFiles' must be an object {name, format, content} or {name, folder: true}.");
        f.TryString("name", out var name, nullable: false);
        Require(!string.IsNullOrWhiteSpace(name), "Each item of 'sourceFiles' needs a 'name'.");
        f.TryBool("folder", out var folder);
        if (folder == true) return new SourceFileRecord(name!, null, null, true);
        f.TryString("format", out var format);
        format ??= "TEXT";
        Require(format is "TEXT" or "BASE64", $"sourceFiles '{name}': format must be TEXT or BASE64, got '{format}'.");
        f.TryString("content", out var content);
        if (format == "BASE64")
        {
            var buffer = new byte[(content ?? "").Length];
            Require(Convert.TryFromBase64String(content ?? "", buffer, out _), $"sourceFiles '{name}': content is not valid base64.");
        }
        return new SourceFileRecord(name!, format, content ?? "", false);
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The route's Actor (owned by the user) and version; writes 404 and returns nulls when either is unknown.</summary>
    private static async Task<(ActorRecord? Actor, VersionRecord? Version)> FindVersion(HttpContext ctx, EmulatorStore store)
    {
        var user = await ctx.RequireUser();
        if (user == null) return (null, null);
        var actor = await ActorRoutes.FindWritableActor(ctx, store, user);
        if (actor == null) return (null, null);
        var number = (string)ctx.Request.RouteValues["versionNumber"]!;
        VersionRecord? version;
        lock (store.Sync) version = actor.Versions.FirstOrDefault(v => v.VersionNumber == number);
        if (version == null) await ApiResponse.NotFound(ctx, $"Version '{number}' of Actor '{actor.FullName}'");
        return (actor, version);
    }

    private static async Task<(ActorRecord? Actor, VersionRecord? Version, EnvVarRecord? EnvVar)> FindEnvVar(HttpContext ctx, EmulatorStore store)
    {
        var (actor, version) = await FindVersion(ctx, store);
        if (version == null) return (null, null, null);
        var name = (string)ctx.Request.RouteValues["envVarName"]!;
        EnvVarRecord? envVar;
        lock (store.Sync) envVar = version.EnvVars.FirstOrDefault(e => e.Name == name);
        if (envVar == null) await ApiResponse.NotFound(ctx, $"Environment variable '{name}' of version {version.VersionNumber}");
        return (actor, version, envVar);
    }
}
