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
        var api = new ApiRoutes(app, store);

        // GET /v2/actors/{actorId}/versions -> {"data":{"total","items"}} (not paged)
        api.ActorGet("/{actorId}/versions", r =>
        {
            var actor = r.OwnActor();
            return r.Items(actor.Versions, ActorJson.Version);
        });

        // POST /v2/actors/{actorId}/versions: CreateOrUpdateVersionRequest (versionNumber and sourceType required).
        api.ActorPost("/{actorId}/versions", async r =>
        {
            var actor = r.OwnActor();
            var version = ParseVersion(await r.Body(), existing: null);
            ResolveEnvVars(version, null);
            lock (store.Sync)
            {
                if (actor.Versions.Any(v => v.VersionNumber == version.VersionNumber))
                    throw new InvalidInput($"Version {version.VersionNumber} already exists.", "version-already-exists");
                actor.Versions.Add(version);
                actor.ModifiedAt = DateTime.UtcNow;
            }
            await r.Created($"/v2/actors/{actor.Id}/versions/{version.VersionNumber}", w => ActorJson.Version(w, version));
        });

        api.ActorGet("/{actorId}/versions/{versionNumber}", r =>
        {
            var (_, version) = FindVersion(r);
            return r.Data(w => ActorJson.Version(w, version));
        });

        Func<ApiRequest, Task> updateVersion = async r =>
        {
            var (actor, version) = FindVersion(r);
            var body = await r.Body();
            lock (store.Sync)
            {
                var updated = ParseVersion(body, existing: version);
                ResolveEnvVars(updated, version);
                var index = actor.Versions.IndexOf(version);
                if (index < 0) throw new InvalidInput($"Version {version.VersionNumber} was not found", "record-not-found", 404);
                actor.Versions[index] = updated;
                actor.ModifiedAt = DateTime.UtcNow;
                version = updated;
            }
            await r.Data(w => ActorJson.Version(w, version));
        };
        api.ActorPut("/{actorId}/versions/{versionNumber}", updateVersion);
        api.ActorPost("/{actorId}/versions/{versionNumber}", updateVersion);

        api.ActorDelete("/{actorId}/versions/{versionNumber}", r =>
        {
            var (actor, version) = FindVersion(r);
            lock (store.Sync)
            {
                actor.Versions.Remove(version);
                actor.ModifiedAt = DateTime.UtcNow;
            }
            r.NoContent();
            return Task.CompletedTask;
        });

        // Environment variables: /v2/actors/{actorId}/versions/{versionNumber}/env-vars[/{envVarName}]
        api.ActorGet("/{actorId}/versions/{versionNumber}/env-vars", r =>
        {
            var (_, version) = FindVersion(r);
            return r.Items(version.EnvVars, ActorJson.EnvVar);
        });

        // POST: EnvVarRequest (name and value required) -> 201 + Location; an existing name is env-var-already-exists.
        api.ActorPost("/{actorId}/versions/{versionNumber}/env-vars", async r =>
        {
            var (actor, version) = FindVersion(r);
            var envVar = ParseEnvVarRequest(await r.Body(), pathName: null);
            lock (store.Sync)
            {
                if (version.EnvVars.Any(e => e.Name == envVar.Name))
                    throw new InvalidInput($"Environment variable '{envVar.Name}' already exists.", "env-var-already-exists");
                version.EnvVars.Add(envVar);
                actor.ModifiedAt = DateTime.UtcNow;
            }
            await r.Created($"/v2/actors/{actor.Id}/versions/{version.VersionNumber}/env-vars/{Uri.EscapeDataString(envVar.Name)}",
                w => ActorJson.EnvVar(w, envVar));
        });

        api.ActorGet("/{actorId}/versions/{versionNumber}/env-vars/{envVarName}", r =>
        {
            var (_, _, envVar) = FindEnvVar(r);
            return r.Data(w => ActorJson.EnvVar(w, envVar));
        });

        Func<ApiRequest, Task> updateEnvVar = async r =>
        {
            var (actor, version, envVar) = FindEnvVar(r);
            var body = await r.Body();
            var updated = ParseEnvVarRequest(body, pathName: envVar.Name);
            lock (store.Sync)
            {
                var index = version.EnvVars.FindIndex(e => e.Name == envVar.Name);
                if (index < 0) throw new InvalidInput($"Environment variable '{envVar.Name}' was not found", "record-not-found", 404);
                // isSecret left out keeps what the variable was.
                if (!body.Has("isSecret")) updated = updated with { IsSecret = envVar.IsSecret };
                version.EnvVars[index] = updated;
                actor.ModifiedAt = DateTime.UtcNow;
            }
            await r.Data(w => ActorJson.EnvVar(w, updated));
        };
        api.ActorPut("/{actorId}/versions/{versionNumber}/env-vars/{envVarName}", updateEnvVar);
        api.ActorPost("/{actorId}/versions/{versionNumber}/env-vars/{envVarName}", updateEnvVar);

        api.ActorDelete("/{actorId}/versions/{versionNumber}/env-vars/{envVarName}", r =>
        {
            var (actor, version, envVar) = FindEnvVar(r);
            lock (store.Sync)
            {
                version.EnvVars.RemoveAll(e => e.Name == envVar.Name);
                actor.ModifiedAt = DateTime.UtcNow;
            }
            r.NoContent();
            return Task.CompletedTask;
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

    /// <summary>The route's Actor (owned by the user) and version; 404 when either is unknown.</summary>
    private static (ActorRecord Actor, VersionRecord Version) FindVersion(ApiRequest r)
    {
        var actor = r.OwnActor();
        var number = r.Route("versionNumber");
        return (actor, r.Found($"Version '{number}' of Actor '{actor.FullName}'", () => actor.Versions.FirstOrDefault(v => v.VersionNumber == number)));
    }

    private static (ActorRecord Actor, VersionRecord Version, EnvVarRecord EnvVar) FindEnvVar(ApiRequest r)
    {
        var (actor, version) = FindVersion(r);
        var name = r.Route("envVarName");
        return (actor, version, r.Found($"Environment variable '{name}' of version {version.VersionNumber}", () => version.EnvVars.FirstOrDefault(e => e.Name == name)));
    }
}
