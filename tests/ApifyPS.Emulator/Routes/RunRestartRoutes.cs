using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Resurrect (a finished run runs again, same id and storages) and reboot (a running run's container restarts), as
/// the OpenAPI document describes them: only FINISHED/FAILED/ABORTED/TIMED-OUT runs can be resurrected, only RUNNING
/// ones rebooted; anything else is 400 <c>invalid-input</c>.
/// </summary>
public static class RunRestartRoutes
{
    // Program.cs calls app.MapRunRestartRoutes(store).
    public static void MapRunRestartRoutes(this WebApplication app, EmulatorStore store)
    {
        var api = new ApiRoutes(app, store);

        // POST /v2/actor-runs/{runId}/resurrect?build=&timeout=&memory=&maxItems=&maxTotalChargeUsd=&restartOnError=
        api.Post("/v2/actor-runs/{runId}/resurrect", r => Resurrect(r, actorScoped: false));
        // POST /v2/actors/{actorId}/runs/{runId}/resurrect?build=&timeout=&memory=&restartOnError=
        api.ActorPost("/{actorId}/runs/{runId}/resurrect", r => Resurrect(r, actorScoped: true));

        // POST /v2/actor-runs/{runId}/reboot
        api.Post("/v2/actor-runs/{runId}/reboot", Reboot);
    }

    private static Task Resurrect(ApiRequest r, bool actorScoped)
    {
        var store = r.Store;
        var run = r.OwnRun(actorScoped);
        const string invalidInput = "invalid-input";
        var timeout = r.Number("timeout", 0, invalidInput);
        var memory = r.Number("memory", 128, invalidInput);
        if (!actorScoped)
        {
            r.Number("maxItems", 0, invalidInput);
            r.Number("maxTotalChargeUsd", 0, invalidInput);
        }
        r.Flag("restartOnError", invalidInput);
        if (memory is double m && (m > 32768 || m != Math.Floor(m) || ((long)m & ((long)m - 1)) != 0))
            throw new RequestBody.InvalidInput($"Memory must be a power of 2 between 128 and 32768 megabytes, got '{r.Query["memory"]}'.");
        var buildParam = r.Query["build"].ToString();
        string? problem = null;
        lock (store.Sync)
        {
            if (!run.IsTerminal)
                problem = $"Only a finished run can be resurrected; run '{run.Id}' is {run.Status}.";
            else
            {
                BuildRecord? build = null;
                if (buildParam.Length > 0)
                {
                    build = store.FindBuildForRun(run.Actor, buildParam);
                    if (build == null) problem = $"Actor '{run.Actor.FullName}' has no build '{buildParam}'.";
                }
                if (problem == null)
                    store.Lifecycle.Resurrect(run, build, timeout is double t ? (int)t : null, memory is double mem ? (int)mem : null);
            }
        }
        if (problem != null) throw new RequestBody.InvalidInput(problem);
        return r.Data(w => JobJson.Run(w, run));
    }

    private static Task Reboot(ApiRequest r)
    {
        var store = r.Store;
        var run = r.OwnRun(actorScoped: false);
        string? problem = null;
        lock (store.Sync)
        {
            if (run.Status != JobStatuses.Running) problem = $"Only a RUNNING run can be rebooted; run '{run.Id}' is {run.Status}.";
            else store.Lifecycle.Reboot(run);
        }
        if (problem != null) throw new RequestBody.InvalidInput(problem);
        return r.Data(w => JobJson.Run(w, run));
    }
}
