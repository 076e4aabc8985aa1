using System.Text;
using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>Runs: lists (with the status/startedAfter/startedBefore filters), one run, start, abort, metamorph, run-sync.</summary>
public static class RunRoutes
{
    public static void MapRunRoutes(this WebApplication app, EmulatorStore store)
    {
        // GET /v2/actor-runs: the authenticated user's runs.
        app.MapGet("/v2/actor-runs", async ctx =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            await List(ctx, store, () => store.RunsByUser[user.Id]);
        });

        // GET /v2/actors/{actorId}/runs
        app.MapActorGet("/{actorId}/runs", async ctx =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            var actor = await BuildRoutes.FindOwnActor(ctx, store, user);
            if (actor == null) return;
            await List(ctx, store, () => actor.Runs);
        });

        // GET /v2/actor-runs/{runId}?waitForFinish= and /v2/actors/{actorId}/runs/{runId}
        app.MapGet("/v2/actor-runs/{runId}", ctx => Get(ctx, store, actorScoped: false));
        app.MapActorGet("/{actorId}/runs/{runId}", ctx => Get(ctx, store, actorScoped: true));

        // POST /v2/actors/{actorId}/runs: 201 + Location; the body (with its Content-Type) is the run's INPUT.
        app.MapActorPost("/{actorId}/runs", async ctx =>
        {
            var start = await Start(ctx, store, allowWait: true);
            if (start == null) return;
            var (run, wait) = start.Value;
            await JobQuery.WaitForFinish(ctx, store, run, wait);
            await JobQuery.Created(ctx, store, $"/v2/actor-runs/{run.Id}", w => JobJson.Run(w, run));
        });

        // POST /v2/actor-runs/{runId}/abort?gracefully= : a run that is not READY/RUNNING is answered as it is.
        app.MapPost("/v2/actor-runs/{runId}/abort", ctx => Abort(ctx, store, actorScoped: false));
        app.MapActorPost("/{actorId}/runs/{runId}/abort", ctx => Abort(ctx, store, actorScoped: true));

        // POST /v2/actor-runs/{runId}/metamorph?targetActorId=&build= ; the body is the new input (INPUT-METAMORPH-n).
        app.MapPost("/v2/actor-runs/{runId}/metamorph", ctx => Metamorph(ctx, store, actorScoped: false));
        app.MapActorPost("/{actorId}/runs/{runId}/metamorph", ctx => Metamorph(ctx, store, actorScoped: true));

        // POST (with input) and GET (without) /v2/actors/{actorId}/run-sync: the run's OUTPUT record (201), 400
        // run-failed, or 408 run-timeout-exceeded after 300 s (lowerable with --run-sync-timeout).
        app.MapActorPost("/{actorId}/run-sync", ctx => RunSync(ctx, store));
        app.MapActorGet("/{actorId}/run-sync", ctx => RunSync(ctx, store));
    }

    private static async Task List(HttpContext ctx, EmulatorStore store, Func<JobList<RunRecord>> source)
    {
        var paging = Paging.Parse(ctx.Request.Query, out var error);
        var filter = paging == null ? null : JobQuery.ParseFilter(ctx.Request.Query, out error);
        if (paging == null || filter == null) { await ApiResponse.Error(ctx, 400, "invalid-parameter", error!); return; }
        int total;
        List<RunRecord> page;
        lock (store.Sync) (total, page) = JobQuery.Page(source(), paging.Value, filter);
        await ApiResponse.Data(ctx, w =>
        {
            lock (store.Sync)
            {
                w.WriteStartObject();
                w.WriteNumber("total", total);
                w.WriteNumber("offset", paging.Value.Offset);
                w.WriteNumber("limit", paging.Value.Limit);
                w.WriteNumber("count", page.Count);
                w.WriteBoolean("desc", paging.Value.Desc);
                w.WriteStartArray("items");
                foreach (var r in page) JobJson.RunShort(w, r);
                w.WriteEndArray();
                w.WriteEndObject();
            }
        });
    }

    /// <summary>The run named by the route if the user owns it (and, actor-scoped, it is that Actor's); else writes the error.</summary>
    public static async Task<RunRecord?> FindOwnRun(HttpContext ctx, EmulatorStore store, bool actorScoped)
    {
        var user = await ctx.RequireUser();
        if (user == null) return null;
        ActorRecord? actor = null;
        if (actorScoped)
        {
            actor = await BuildRoutes.FindOwnActor(ctx, store, user);
            if (actor == null) return null;
        }
        var id = (string)ctx.Request.RouteValues["runId"]!;
        RunRecord? run;
        lock (store.Sync) store.RunsById.TryGetValue(id, out run);
        if (run == null || run.Actor.Owner != user || (actor != null && run.Actor != actor))
        {
            await ApiResponse.NotFound(ctx, $"Actor run '{id}'");
            return null;
        }
        return run;
    }

    private static async Task Get(HttpContext ctx, EmulatorStore store, bool actorScoped)
    {
        if (!JobQuery.TryWaitForFinish(ctx.Request.Query, out var wait, out var error)) { await ApiResponse.Error(ctx, 400, "invalid-parameter", error!); return; }
        var run = await FindOwnRun(ctx, store, actorScoped);
        if (run == null) return;
        await JobQuery.WaitForFinish(ctx, store, run, wait);
        await ApiResponse.Data(ctx, w => { lock (store.Sync) JobJson.Run(w, run); });
    }

    private static async Task Abort(HttpContext ctx, EmulatorStore store, bool actorScoped)
    {
        if (!Flags.TryParse(ctx.Request.Query, "gracefully", out var gracefully, out var error)) { await ApiResponse.Error(ctx, 400, "invalid-parameter", error!); return; }
        var run = await FindOwnRun(ctx, store, actorScoped);
        if (run == null) return;
        lock (store.Sync) store.Lifecycle.Abort(run, gracefully);
        await ApiResponse.Data(ctx, w => { lock (store.Sync) JobJson.Run(w, run); });
    }

    private static async Task Metamorph(HttpContext ctx, EmulatorStore store, bool actorScoped)
    {
        var run = await FindOwnRun(ctx, store, actorScoped);
        if (run == null) return;
        var targetId = ctx.Request.Query["targetActorId"].ToString();
        if (string.IsNullOrEmpty(targetId)) { await ApiResponse.Error(ctx, 400, "invalid-input", "Parameter 'targetActorId' is required."); return; }
        var buildParam = ctx.Request.Query["build"].ToString();
        var (input, contentType) = await ReadInput(ctx);
        string? problem = null;
        var notFound = false;
        lock (store.Sync)
        {
            var target = store.FindActor(targetId);
            if (target == null || (target.Owner != run.Actor.Owner && !target.IsPublic)) { notFound = true; problem = $"Actor '{targetId}'"; }
            else if (run.Status != JobStatuses.Running) problem = $"Only a RUNNING run can be metamorphed; run '{run.Id}' is {run.Status}.";
            else
            {
                var build = store.FindBuildForRun(target, buildParam);
                if (build == null) problem = $"Actor '{target.FullName}' has no build '{(buildParam.Length > 0 ? buildParam : "latest")}'.";
                else store.Lifecycle.Metamorph(run, target, build, input, contentType);
            }
        }
        if (notFound) { await ApiResponse.NotFound(ctx, problem!); return; }
        if (problem != null) { await ApiResponse.Error(ctx, 400, "invalid-input", problem); return; }
        await ApiResponse.Data(ctx, w => { lock (store.Sync) JobJson.Run(w, run); });
    }

    private static async Task RunSync(HttpContext ctx, EmulatorStore store)
    {
        var start = await Start(ctx, store, allowWait: false);
        if (start == null) return;
        var run = start.Value.Run;
        var limit = TimeSpan.FromSeconds(store.Options.RunSyncTimeoutSecs);
        await Task.WhenAny(run.Terminal.Task, Task.Delay(limit, ctx.RequestAborted));
        if (ctx.RequestAborted.IsCancellationRequested) return;
        string status;
        KeyValueRecord? record = null;
        var key = ctx.Request.Query.TryGetValue("outputRecordKey", out var k) && k.ToString().Length > 0 ? k.ToString() : "OUTPUT";
        lock (store.Sync)
        {
            status = run.Status;
            if (status == JobStatuses.Succeeded) record = store.Storages.DefaultKeyValueStore(run).Get(key);
        }
        if (!JobStatuses.IsTerminal(status))
        {
            await ApiResponse.Error(ctx, 408, "run-timeout-exceeded",
                $"Actor run exceeded the timeout of {store.Options.RunSyncTimeoutSecs:0.###} seconds for this API endpoint");
            return;
        }
        if (status != JobStatuses.Succeeded)
        {
            await ApiResponse.Error(ctx, 400, "run-failed", $"Actor run did not succeed (run ID: {run.Id}, status: {status})");
            return;
        }
        ctx.Response.StatusCode = 201;
        if (record == null) return; // the Actor stored no such record: the answer has no data
        ctx.Response.ContentType = record.ContentType;
        await ctx.Response.Body.WriteAsync(record.Value);
    }

    /// <summary>
    /// Validates the start options of POST runs / run-sync, resolves the build and creates the run; on bad input
    /// writes 400 (or 403/404) and returns null.
    /// </summary>
    private static async Task<(RunRecord Run, double Wait)?> Start(HttpContext ctx, EmulatorStore store, bool allowWait)
    {
        var user = await ctx.RequireUser();
        if (user == null) return null;
        var actor = await BuildRoutes.FindOwnActor(ctx, store, user);
        if (actor == null) return null;
        var q = ctx.Request.Query;
        double wait = 0;
        if (!JobQuery.TryNumber(q, "timeout", 0, out var timeout, out var error) ||
            !JobQuery.TryNumber(q, "memory", 128, out var memory, out error) ||
            !JobQuery.TryNumber(q, "maxItems", 0, out var maxItems, out error) ||
            !JobQuery.TryNumber(q, "maxTotalChargeUsd", 0, out var maxCharge, out error) ||
            !Flags.TryParse(q, "restartOnError", out var restartOnError, out error) ||
            (allowWait && !JobQuery.TryWaitForFinish(q, out wait, out error)))
        {
            await ApiResponse.Error(ctx, 400, "invalid-input", error!);
            return null;
        }
        if (memory is double m && (m > 32768 || m != Math.Floor(m) || ((long)m & ((long)m - 1)) != 0))
        {
            await ApiResponse.Error(ctx, 400, "invalid-input", $"Memory must be a power of 2 between 128 and 32768 megabytes, got '{q["memory"]}'.");
            return null;
        }
        if (q.TryGetValue("webhooks", out var webhooks) && WebhooksProblem(webhooks.ToString()) is string webhookError)
        {
            await ApiResponse.Error(ctx, 400, "invalid-input", webhookError);
            return null;
        }
        var buildParam = q["build"].ToString();
        var settings = new RunSettings(buildParam.Length > 0 ? buildParam : null, timeout is double t ? (int)t : null,
            memory is double mem ? (int)mem : null, maxItems is double mi ? (long)mi : null, maxCharge, restartOnError);
        var (input, contentType) = await ReadInput(ctx);
        RunRecord? run = null;
        lock (store.Sync)
        {
            var build = store.FindBuildForRun(actor, settings.Build);
            if (build != null)
                run = store.Lifecycle.CreateRun(actor, build, settings, input, contentType, ctx.Connection.RemoteIpAddress?.ToString(), ctx.Request.Headers.UserAgent.ToString());
        }
        if (run == null)
        {
            await ApiResponse.Error(ctx, 400, "invalid-input", $"Actor '{actor.FullName}' has no build '{settings.Build ?? "latest"}' to run; build it first.");
            return null;
        }
        return (run, wait);
    }

    /// <summary>The request body and its Content-Type, or (null, null) when there is no body.</summary>
    private static async Task<(byte[]? Body, string? ContentType)> ReadInput(HttpContext ctx)
    {
        if (!HttpMethods.IsPost(ctx.Request.Method)) return (null, null);
        using var ms = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(ms);
        if (ms.Length == 0) return (null, null);
        return (ms.ToArray(), string.IsNullOrEmpty(ctx.Request.ContentType) ? "application/json" : ctx.Request.ContentType);
    }

    /// <summary>The <c>webhooks</c> parameter: base64 of a JSON array of {eventTypes: [...], requestUrl}; null when valid.</summary>
    private static string? WebhooksProblem(string base64)
    {
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return "Parameter 'webhooks' must be base64 of a JSON array.";
            foreach (var hook in doc.RootElement.EnumerateArray())
            {
                if (hook.ValueKind != JsonValueKind.Object ||
                    !hook.TryGetProperty("eventTypes", out var events) || events.ValueKind != JsonValueKind.Array || events.GetArrayLength() == 0 ||
                    !hook.TryGetProperty("requestUrl", out var url) || url.ValueKind != JsonValueKind.String ||
                    !Uri.TryCreate(url.GetString(), UriKind.Absolute, out _))
                    return "Each webhook needs 'eventTypes' (a non-empty array) and 'requestUrl' (an absolute URL).";
            }
            return null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return $"Parameter 'webhooks' must be base64 of a JSON array: {ex.Message}";
        }
    }
}
