using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// <c>DELETE /v2/actor-runs/{runId}</c> (204; only a finished run, only by its owner: 400 for one still going) and
/// <c>DELETE /v2/actor-builds/{buildId}</c> (204; never the Actor's default build, the one its default run options'
/// build tag points at: 400; only by the Actor's owner).
/// </summary>
public static class JobDeleteRoutes
{
    public static void MapJobDeleteRoutes(this WebApplication app, EmulatorStore store)
    {
        var api = new ApiRoutes(app, store);

        api.Delete("/v2/actor-runs/{runId}", r =>
        {
            var run = r.OwnRun(actorScoped: false);
            lock (store.Sync)
            {
                if (!run.IsTerminal)
                    throw new RequestBody.InvalidInput($"Only a finished run can be deleted; run '{run.Id}' is {run.Status}.");
                store.RunsById.Remove(run.Id);
                run.Actor.Runs.RemoveWhere(x => x == run);
                store.RunsByUser[run.Actor.Owner.Id].RemoveWhere(x => x == run);
            }
            r.NoContent();
            return Task.CompletedTask;
        });

        api.Delete("/v2/actor-builds/{buildId}", r =>
        {
            var user = r.User();
            var id = r.Route("buildId");
            var build = r.Found($"Actor build '{id}'", () => store.BuildsById.GetValueOrDefault(id));
            if (build.Actor.Owner != user)
            {
                if (build.Actor.IsPublic) throw ApiError.InsufficientPermissions($"You do not have permission to delete build '{id}'.");
                throw ApiError.NotFound($"Actor build '{id}'");
            }
            lock (store.Sync)
            {
                var defaultTag = build.Actor.DefaultRunOptions.Build;
                if (ActorJson.TaggedBuilds(build.Actor).TryGetValue(defaultTag, out var defaultBuild) && defaultBuild == build)
                    throw new RequestBody.InvalidInput(
                        $"Build '{id}' is the default build of Actor '{build.Actor.FullName}' (tag '{defaultTag}') and cannot be deleted.");
                store.BuildsById.Remove(build.Id);
                build.Actor.Builds.RemoveWhere(x => x == build);
                store.BuildsByUser[build.Actor.Owner.Id].RemoveWhere(x => x == build);
            }
            r.NoContent();
            return Task.CompletedTask;
        });
    }
}
