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
            BuildRecord? build;
            lock (store.Sync) store.BuildsById.TryGetValue(id, out build);
            if (build == null) { await ApiResponse.NotFound(ctx, $"Actor build '{id}'"); return; }
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
            BuildRecord? build;
            lock (store.Sync) store.BuildsById.TryGetValue(id, out build);
            if (build == null || build.Actor != actor) { await ApiResponse.NotFound(ctx, $"Actor build '{id}'"); return; }
            await ApiResponse.Data(ctx, w => { lock (store.Sync) JobJson.Build(w, build); });
        });
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
