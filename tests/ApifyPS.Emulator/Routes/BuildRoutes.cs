using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>Builds: the user's list, one Actor's list, one build.</summary>
public static class BuildRoutes
{
    public static void MapBuildRoutes(this WebApplication app, EmulatorStore store)
    {
        // GET /v2/actor-builds: the authenticated user's builds.
        app.MapGet("/v2/actor-builds", async ctx =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            var paging = Paging.Parse(ctx.Request.Query, out var error);
            if (paging == null) { await ApiResponse.Error(ctx, 400, "invalid-parameter", error!); return; }
            List<BuildRecord> page;
            int total;
            lock (store.Sync)
            {
                var all = store.BuildsByUser[user.Id];
                total = all.Count;
                page = all.Page(paging.Value.Offset, paging.Value.Limit, paging.Value.Desc);
            }
            await ApiResponse.List(ctx, total, paging.Value, page, JobJson.BuildShort);
        });

        // GET /v2/actor-builds/{buildId}: needs no token (the API serves it without), but a wrong one is refused.
        app.MapGet("/v2/actor-builds/{buildId}", async ctx =>
        {
            var id = (string)ctx.Request.RouteValues["buildId"]!;
            if (!JobQuery.TryWaitForFinish(ctx.Request.Query, out var wait, out var waitError)) { await ApiResponse.Error(ctx, 400, "invalid-parameter", waitError!); return; }
            BuildRecord? build;
            lock (store.Sync) store.BuildsById.TryGetValue(id, out build);
            if (build == null) { await ApiResponse.NotFound(ctx, $"Actor build '{id}'"); return; }
            await JobQuery.WaitForFinish(ctx, store, build, wait);
            await ApiResponse.Data(ctx, w => { lock (store.Sync) JobJson.Build(w, build); });
        });

        // GET /v2/actors/{actorId}/builds
        app.MapActorGet("/{actorId}/builds", async ctx =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            var actor = await FindOwnActor(ctx, store, user);
            if (actor == null) return;
            var paging = Paging.Parse(ctx.Request.Query, out var error);
            if (paging == null) { await ApiResponse.Error(ctx, 400, "invalid-parameter", error!); return; }
            List<BuildRecord> page;
            int total;
            GeneratedBuilds? generated;
            lock (store.Sync) generated = actor.GeneratedBuilds;
            if (generated != null)
            {
                // Made up on the fly (a benchmark's million builds, a test's slow page); see GeneratedBuilds.
                try { await generated.DelayAsync(paging.Value.Offset, ctx.RequestAborted); }
                catch (OperationCanceledException) { return; }
                total = generated.Count;
                page = generated.Page(paging.Value.Offset, paging.Value.Limit, paging.Value.Desc);
                await ApiResponse.List(ctx, total, paging.Value, page, JobJson.BuildShort);
                return;
            }
            lock (store.Sync)
            {
                total = actor.Builds.Count;
                page = actor.Builds.Page(paging.Value.Offset, paging.Value.Limit, paging.Value.Desc);
            }
            await ApiResponse.List(ctx, total, paging.Value, page, JobJson.BuildShort);
        });

        // GET /v2/actors/{actorId}/builds/{buildId}
        app.MapActorGet("/{actorId}/builds/{buildId}", async ctx =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            var actor = await FindOwnActor(ctx, store, user);
            if (actor == null) return;
            var id = (string)ctx.Request.RouteValues["buildId"]!;
            if (!JobQuery.TryWaitForFinish(ctx.Request.Query, out var wait, out var waitError)) { await ApiResponse.Error(ctx, 400, "invalid-parameter", waitError!); return; }
            BuildRecord? build;
            lock (store.Sync) store.BuildsById.TryGetValue(id, out build);
            if (build == null || build.Actor != actor) { await ApiResponse.NotFound(ctx, $"Actor build '{id}'"); return; }
            await JobQuery.WaitForFinish(ctx, store, build, wait);
            await ApiResponse.Data(ctx, w => { lock (store.Sync) JobJson.Build(w, build); });
        });

        // POST /v2/actors/{actorId}/builds?version=&useCache=&betaPackages=&tag=&waitForFinish= : 201 + Location.
        app.MapActorPost("/{actorId}/builds", async ctx =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            var actor = await FindOwnActor(ctx, store, user);
            if (actor == null) return;
            if (actor.Owner != user) { await ApiResponse.Error(ctx, 403, "insufficient-permissions", $"You do not have permission to build Actor '{actor.FullName}'."); return; }
            var q = ctx.Request.Query;
            var versionNumber = q["version"].ToString();
            if (string.IsNullOrEmpty(versionNumber)) { await ApiResponse.Error(ctx, 400, "invalid-input", "Parameter 'version' is required: the Actor version to build, e.g. 0.0."); return; }
            if (!Flags.TryParse(q, "useCache", out var useCache, out var error) || !Flags.TryParse(q, "betaPackages", out var beta, out error) ||
                !JobQuery.TryWaitForFinish(q, out var wait, out error))
            {
                await ApiResponse.Error(ctx, 400, "invalid-parameter", error!);
                return;
            }
            var tag = q.TryGetValue("tag", out var t) && !string.IsNullOrEmpty(t.ToString()) ? t.ToString() : null;
            BuildRecord? build = null;
            lock (store.Sync)
            {
                var version = actor.Versions.FirstOrDefault(v => v.VersionNumber == versionNumber);
                if (version != null)
                    build = store.Lifecycle.CreateBuild(actor, version, tag, useCache, beta, ctx.Connection.RemoteIpAddress?.ToString(), ctx.Request.Headers.UserAgent.ToString());
            }
            if (build == null) { await ApiResponse.NotFound(ctx, $"Version '{versionNumber}' of Actor '{actor.FullName}'"); return; }
            await JobQuery.WaitForFinish(ctx, store, build, wait);
            await JobQuery.Created(ctx, store, $"/v2/actor-builds/{build.Id}", w => JobJson.Build(w, build));
        });

        // POST /v2/actor-builds/{buildId}/abort and /v2/actors/{actorId}/builds/{buildId}/abort: a finished build is
        // answered as it is (the API does nothing either).
        app.MapPost("/v2/actor-builds/{buildId}/abort", ctx => Abort(ctx, store, null));
        app.MapActorPost("/{actorId}/builds/{buildId}/abort", async ctx =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            var actor = await FindOwnActor(ctx, store, user);
            if (actor == null) return;
            await Abort(ctx, store, actor);
        });
    }

    private static async Task Abort(HttpContext ctx, EmulatorStore store, ActorRecord? actor)
    {
        var user = await ctx.RequireUser();
        if (user == null) return;
        var id = (string)ctx.Request.RouteValues["buildId"]!;
        BuildRecord? build;
        lock (store.Sync) store.BuildsById.TryGetValue(id, out build);
        if (build == null || (actor != null && build.Actor != actor)) { await ApiResponse.NotFound(ctx, $"Actor build '{id}'"); return; }
        if (build.Actor.Owner != user) { await ApiResponse.Error(ctx, 403, "insufficient-permissions", $"You do not have permission to abort build '{id}'."); return; }
        lock (store.Sync) store.Lifecycle.Abort(build, gracefully: false);
        await ApiResponse.Data(ctx, w => { lock (store.Sync) JobJson.Build(w, build); });
    }

    /// <summary>The Actor named by the route's actorId if the user may see it; otherwise writes 404 and returns null.</summary>
    public static async Task<ActorRecord?> FindOwnActor(HttpContext ctx, EmulatorStore store, UserRecord user)
    {
        var idOrName = (string)ctx.Request.RouteValues["actorId"]!;
        ActorRecord? actor;
        lock (store.Sync) actor = store.FindActor(idOrName);
        if (actor == null || (actor.Owner != user && !actor.IsPublic))
        {
            await ApiResponse.NotFound(ctx, $"Actor '{idOrName}'");
            return null;
        }
        return actor;
    }
}
