using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>Builds: the user's list, one Actor's list, one build.</summary>
public static class BuildRoutes
{
    public static void MapBuildRoutes(this WebApplication app, EmulatorStore store)
    {
        var api = new ApiRoutes(app, store);

        // GET /v2/actor-builds: the authenticated user's builds.
        api.Get("/v2/actor-builds", async r =>
        {
            var user = r.User();
            var paging = r.Paging();
            List<BuildRecord> page;
            int total;
            lock (store.Sync)
            {
                var all = store.BuildsByUser[user.Id];
                total = all.Count;
                page = all.Page(paging.Offset, paging.Limit, paging.Desc);
            }
            await r.List(total, paging, page, JobJson.BuildShort);
        });

        // GET /v2/actor-builds/{buildId}: needs no token (the API serves it without), but a wrong one is refused.
        api.Get("/v2/actor-builds/{buildId}", async r =>
        {
            var id = r.Route("buildId");
            var wait = r.WaitForFinish();
            var build = r.Found($"Actor build '{id}'", () => store.BuildsById.GetValueOrDefault(id));
            await JobQuery.WaitForFinish(r.Http, store, build, wait);
            await r.Data(w => JobJson.Build(w, build));
        });

        // GET /v2/actors/{actorId}/builds
        api.ActorGet("/{actorId}/builds", async r =>
        {
            var actor = r.VisibleActor();
            var paging = r.Paging();
            List<BuildRecord> page;
            int total;
            GeneratedBuilds? generated;
            lock (store.Sync) generated = actor.GeneratedBuilds;
            if (generated != null)
            {
                // Made up on the fly (a benchmark's million builds, a test's slow page); see GeneratedBuilds.
                try { await generated.DelayAsync(paging.Offset, r.Http.RequestAborted); }
                catch (OperationCanceledException) { return; }
                total = generated.Count;
                page = generated.Page(paging.Offset, paging.Limit, paging.Desc);
                await r.List(total, paging, page, JobJson.BuildShort);
                return;
            }
            lock (store.Sync)
            {
                total = actor.Builds.Count;
                page = actor.Builds.Page(paging.Offset, paging.Limit, paging.Desc);
            }
            await r.List(total, paging, page, JobJson.BuildShort);
        });

        // GET /v2/actors/{actorId}/builds/{buildId}
        api.ActorGet("/{actorId}/builds/{buildId}", async r =>
        {
            var actor = r.VisibleActor();
            var id = r.Route("buildId");
            var wait = r.WaitForFinish();
            var build = r.Found($"Actor build '{id}'", () => store.BuildsById.GetValueOrDefault(id) is { } b && b.Actor == actor ? b : null);
            await JobQuery.WaitForFinish(r.Http, store, build, wait);
            await r.Data(w => JobJson.Build(w, build));
        });

        // POST /v2/actors/{actorId}/builds?version=&useCache=&betaPackages=&tag=&waitForFinish= : 201 + Location.
        api.ActorPost("/{actorId}/builds", async r =>
        {
            var user = r.User();
            var actor = r.VisibleActor();
            if (actor.Owner != user) throw ApiError.InsufficientPermissions($"You do not have permission to build Actor '{actor.FullName}'.");
            var versionNumber = r.Query["version"].ToString();
            if (string.IsNullOrEmpty(versionNumber)) throw new RequestBody.InvalidInput("Parameter 'version' is required: the Actor version to build, e.g. 0.0.");
            var useCache = r.Flag("useCache");
            var beta = r.Flag("betaPackages");
            var wait = r.WaitForFinish();
            var tag = r.Query.TryGetValue("tag", out var t) && !string.IsNullOrEmpty(t.ToString()) ? t.ToString() : null;
            var ctx = r.Http;
            var build = r.Found($"Version '{versionNumber}' of Actor '{actor.FullName}'", () =>
                actor.Versions.FirstOrDefault(v => v.VersionNumber == versionNumber) is { } version
                    ? store.Lifecycle.CreateBuild(actor, version, tag, useCache, beta, ctx.Connection.RemoteIpAddress?.ToString(), ctx.Request.Headers.UserAgent.ToString())
                    : null);
            await JobQuery.WaitForFinish(ctx, store, build, wait);
            await r.Created($"/v2/actor-builds/{build.Id}", w => JobJson.Build(w, build));
        });

        // POST /v2/actor-builds/{buildId}/abort and /v2/actors/{actorId}/builds/{buildId}/abort: a finished build is
        // answered as it is (the API does nothing either).
        api.Post("/v2/actor-builds/{buildId}/abort", r => Abort(r, null));
        api.ActorPost("/{actorId}/builds/{buildId}/abort", r => Abort(r, r.VisibleActor()));
    }

    private static async Task Abort(ApiRequest r, ActorRecord? actor)
    {
        var user = r.User();
        var id = r.Route("buildId");
        var build = r.Found($"Actor build '{id}'", () =>
            r.Store.BuildsById.GetValueOrDefault(id) is { } b && (actor == null || b.Actor == actor) ? b : null);
        if (build.Actor.Owner != user) throw ApiError.InsufficientPermissions($"You do not have permission to abort build '{id}'.");
        lock (r.Store.Sync) r.Store.Lifecycle.Abort(build, gracefully: false);
        await r.Data(w => JobJson.Build(w, build));
    }
}
