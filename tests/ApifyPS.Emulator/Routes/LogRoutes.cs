using System.Text;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Logs of builds and runs as text/plain: <c>GET /v2/logs/{buildOrRunId}</c> (the token is optional: the id is
/// enough), <c>GET /v2/actor-builds/{buildId}/log</c>, <c>GET /v2/actor-runs/{runId}/log</c>. With <c>stream=1</c>
/// the answer is held open: the lines so far, then each new line as the job writes it, ending when the job ends.
/// </summary>
public static class LogRoutes
{
    public static void MapLogRoutes(this WebApplication app, EmulatorStore store, RunResults results)
    {
        var api = new ApiRoutes(app, store);

        // The token is optional here: the id is enough.
        api.Get("/v2/logs/{buildOrRunId}", r =>
        {
            var id = r.Route("buildOrRunId");
            return Write(r.Http, store, results, r.Found($"Log of build or run '{id}'", () => results.FindJob(id)));
        });

        api.Get("/v2/actor-builds/{buildId}/log", r =>
        {
            var id = r.Route("buildId");
            return Write(r.Http, store, results, r.Own($"Actor build '{id}'", () => store.BuildsById.GetValueOrDefault(id), b => b.Actor.Owner));
        });

        api.Get("/v2/actor-runs/{runId}/log", r => Write(r.Http, store, results, r.OwnRun(actorScoped: false)));
    }

    private static async Task Write(HttpContext ctx, EmulatorStore store, RunResults results, JobRecord job)
    {
        var q = ctx.Request.Query;
        if (!Flags.TryParse(q, "stream", out var stream, out var error) || !Flags.TryParse(q, "download", out var download, out error) ||
            !Flags.TryParse(q, "raw", out _, out error))
        {
            await ApiResponse.Error(ctx, 400, "invalid-parameter", error!);
            return;
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        if (download) ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"{job.Id}.log\"";
        var aborted = ctx.RequestAborted;
        if (stream) await ctx.Response.StartAsync(aborted);
        var written = 0;
        while (!aborted.IsCancellationRequested)
        {
            List<string> lines;
            bool complete;
            Task changed;
            lock (store.Sync)
            {
                var log = results.LogOf(job);
                lines = log.Lines.GetRange(written, log.Lines.Count - written);
                complete = log.IsComplete;
                changed = log.Changed;
            }
            if (lines.Count > 0)
            {
                var text = new StringBuilder();
                foreach (var line in lines) text.Append(line).Append('\n');
                await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), aborted);
                await ctx.Response.Body.FlushAsync(aborted);
                written += lines.Count;
            }
            if (!stream || complete) return;
            await Task.WhenAny(changed, Task.Delay(Timeout.Infinite, aborted));
        }
    }
}
