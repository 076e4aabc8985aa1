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
        var api = new ApiRoutes(app, store);

        // GET /v2/actor-runs: the authenticated user's runs.
        api.Get("/v2/actor-runs", r =>
        {
            var user = r.User();
            return List(r, () => store.RunsByUser[user.Id]);
        });

        // GET /v2/actors/{actorId}/runs
        api.ActorGet("/{actorId}/runs", r =>
        {
            var actor = r.VisibleActor();
            return List(r, () => actor.Runs);
        });

        // GET /v2/actor-runs/{runId}?waitForFinish= and /v2/actors/{actorId}/runs/{runId}
        api.Get("/v2/actor-runs/{runId}", r => Get(r, actorScoped: false));
        api.ActorGet("/{actorId}/runs/{runId}", r => Get(r, actorScoped: true));

        // POST /v2/actors/{actorId}/runs: 201 + Location; the body (with its Content-Type) is the run's INPUT.
        api.ActorPost("/{actorId}/runs", async r =>
        {
            var (run, wait) = await Start(r, allowWait: true, task: null);
            await JobQuery.WaitForFinish(r.Http, store, run, wait);
            await r.Created($"/v2/actor-runs/{run.Id}", w => JobJson.Run(w, run));
        });

        // POST /v2/actor-runs/{runId}/abort?gracefully= : a run that is not READY/RUNNING is answered as it is.
        api.Post("/v2/actor-runs/{runId}/abort", r => Abort(r, actorScoped: false));
        api.ActorPost("/{actorId}/runs/{runId}/abort", r => Abort(r, actorScoped: true));

        // POST /v2/actor-runs/{runId}/metamorph?targetActorId=&build= ; the body is the new input (INPUT-METAMORPH-n).
        api.Post("/v2/actor-runs/{runId}/metamorph", r => Metamorph(r, actorScoped: false));
        api.ActorPost("/{actorId}/runs/{runId}/metamorph", r => Metamorph(r, actorScoped: true));

        // POST (with input) and GET (without) /v2/actors/{actorId}/run-sync: the run's OUTPUT record (201), 400
        // run-failed, or 408 run-timeout-exceeded after 300 s (lowerable with --run-sync-timeout).
        api.ActorPost("/{actorId}/run-sync", r => RunSync(r, task: null));
        api.ActorGet("/{actorId}/run-sync", r => RunSync(r, task: null));

        // GET /v2/actors/{actorId}/runs/last?status=&origin=&waitForFinish= : the Actor's newest run (404 when none).
        api.ActorGet("/{actorId}/runs/last", r =>
        {
            var actor = r.VisibleActor();
            return LastRun(r, () => actor.Runs);
        });
    }

    /// <summary>The newest run of a list, optionally of one <c>status</c> and <c>origin</c>; 404 when there is none.</summary>
    public static async Task LastRun(ApiRequest r, Func<JobList<RunRecord>> source)
    {
        var status = r.Query["status"].ToString();
        var origin = r.Query["origin"].ToString();
        if (status.Length > 0 && !JobStatuses.All.Contains(status))
            throw ApiError.InvalidParameter($"Parameter 'status' must be one of {string.Join(", ", JobStatuses.All)}, got '{status}'.");
        var wait = r.WaitForFinish();
        RunRecord? last;
        lock (r.Store.Sync)
            last = source().All.LastOrDefault(run => (status.Length == 0 || run.Status == status) && (origin.Length == 0 || run.Origin == origin));
        if (last == null) throw ApiError.NotFound("Actor run");
        await JobQuery.WaitForFinish(r.Http, r.Store, last, wait);
        await r.Data(w => JobJson.Run(w, last));
    }

    private static Task List(ApiRequest r, Func<JobList<RunRecord>> source)
    {
        var paging = r.Paging();
        var filter = r.JobFilter();
        int total;
        List<RunRecord> page;
        lock (r.Store.Sync) (total, page) = JobQuery.Page(source(), paging, filter);
        return r.List(total, paging, page, JobJson.RunShort);
    }

    /// <summary>
    /// The run of the route's <c>{runId}</c> if the user owns it (and, actor-scoped, it is that Actor's); 404 otherwise.
    /// Authenticates first.
    /// </summary>
    public static RunRecord OwnRun(this ApiRequest r, bool actorScoped)
    {
        r.User();
        var actor = actorScoped ? r.VisibleActor() : null;
        var id = r.Route("runId");
        return r.Own($"Actor run '{id}'",
            () => r.Store.RunsById.GetValueOrDefault(id) is { } run && (actor == null || run.Actor == actor) ? run : null,
            run => run.Actor.Owner);
    }

    private static async Task Get(ApiRequest r, bool actorScoped)
    {
        var wait = r.WaitForFinish();
        var run = r.OwnRun(actorScoped);
        await JobQuery.WaitForFinish(r.Http, r.Store, run, wait);
        await r.Data(w => JobJson.Run(w, run));
    }

    private static Task Abort(ApiRequest r, bool actorScoped)
    {
        var gracefully = r.Flag("gracefully");
        var run = r.OwnRun(actorScoped);
        lock (r.Store.Sync) r.Store.Lifecycle.Abort(run, gracefully);
        return r.Data(w => JobJson.Run(w, run));
    }

    private static async Task Metamorph(ApiRequest r, bool actorScoped)
    {
        var store = r.Store;
        var run = r.OwnRun(actorScoped);
        var targetId = r.Query["targetActorId"].ToString();
        if (string.IsNullOrEmpty(targetId)) throw new RequestBody.InvalidInput("Parameter 'targetActorId' is required.");
        var buildParam = r.Query["build"].ToString();
        var (input, contentType) = await ReadInput(r.Http);
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
        if (notFound) throw ApiError.NotFound(problem!);
        if (problem != null) throw new RequestBody.InvalidInput(problem);
        await r.Data(w => JobJson.Run(w, run));
    }

    /// <summary>run-sync of an Actor, or of a task (<paramref name="task"/>: its Actor, options and input).</summary>
    public static async Task RunSync(ApiRequest r, TaskRecord? task)
    {
        var (ctx, store) = (r.Http, r.Store);
        var (run, _) = await Start(r, allowWait: false, task);
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
    /// Validates the start options of POST runs / run-sync, resolves the build and creates the run; bad input is 400
    /// invalid-input (an unknown or hidden Actor 404). A task's run (<paramref name="task"/>) takes the task's options
    /// where the query gives none and the task's input with the body's fields over it.
    /// </summary>
    public static async Task<(RunRecord Run, double Wait)> Start(ApiRequest r, bool allowWait, TaskRecord? task)
    {
        var (ctx, store, q) = (r.Http, r.Store, r.Query);
        var actor = task?.Actor ?? r.VisibleActor();
        const string invalidInput = "invalid-input";
        var timeout = r.Number("timeout", 0, invalidInput) ?? TaskOption(task, "timeoutSecs");
        var memory = r.Number("memory", 128, invalidInput) ?? TaskOption(task, "memoryMbytes");
        var maxItems = r.Number("maxItems", 0, invalidInput) ?? TaskOption(task, "maxItems");
        var maxCharge = r.Number("maxTotalChargeUsd", 0, invalidInput) ?? TaskOption(task, "maxTotalChargeUsd");
        var restartOnError = r.Flag("restartOnError", invalidInput);
        var wait = allowWait ? r.WaitForFinish(invalidInput) : 0;
        if (memory is double m && (m > 32768 || m != Math.Floor(m) || ((long)m & ((long)m - 1)) != 0))
            throw new RequestBody.InvalidInput($"Memory must be a power of 2 between 128 and 32768 megabytes, got '{q["memory"]}'.");
        if (q.TryGetValue("webhooks", out var webhooks) && WebhooksProblem(webhooks.ToString()) is string webhookError)
            throw new RequestBody.InvalidInput(webhookError);
        var buildParam = q["build"].ToString();
        if (buildParam.Length == 0 && task?.Options is { } taskOptions && taskOptions.TryGetProperty("build", out var taskBuild) && taskBuild.ValueKind == JsonValueKind.String)
            buildParam = taskBuild.GetString()!;
        var settings = new RunSettings(buildParam.Length > 0 ? buildParam : null, timeout is double t ? (int)t : null,
            memory is double mem ? (int)mem : null, maxItems is double mi ? (long)mi : null, maxCharge, restartOnError);
        var (input, contentType) = await ReadInput(ctx);
        if (task != null) (input, contentType) = TaskInput(task, input, contentType);
        RunRecord? run = null;
        lock (store.Sync)
        {
            var build = store.FindBuildForRun(actor, settings.Build);
            if (build != null)
                run = store.Lifecycle.CreateRun(actor, build, settings, input, contentType, ctx.Connection.RemoteIpAddress?.ToString(), ctx.Request.Headers.UserAgent.ToString(),
                    task == null ? null : new RunOrigin(task, null));
        }
        if (run == null) throw new RequestBody.InvalidInput($"Actor '{actor.FullName}' has no build '{settings.Build ?? "latest"}' to run; build it first.");
        return (run, wait);
    }

    private static double? TaskOption(TaskRecord? task, string name) =>
        task?.Options is { } options && options.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>
    /// The input of a task's run: the task's input, with the fields of a JSON object override over it; an override of
    /// another type replaces it.
    /// </summary>
    public static (byte[]? Body, string? ContentType) TaskInput(TaskRecord task, byte[]? overrideBody, string? overrideType)
    {
        var saved = task.Input;
        if (overrideBody == null)
            return saved is { } s ? (JsonSerializer.SerializeToUtf8Bytes(s), "application/json; charset=utf-8") : (null, null);
        if (saved == null || overrideType == null || !State.JobLifecycle.IsJson(overrideType)) return (overrideBody, overrideType);
        JsonElement given;
        try
        {
            using var doc = JsonDocument.Parse(overrideBody);
            given = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new RequestBody.InvalidInput("The input override is not valid JSON.");
        }
        if (given.ValueKind != JsonValueKind.Object) return (overrideBody, overrideType);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var p in saved.Value.EnumerateObject())
                if (!given.TryGetProperty(p.Name, out _)) p.WriteTo(w);
            foreach (var p in given.EnumerateObject()) p.WriteTo(w);
            w.WriteEndObject();
        }
        return (ms.ToArray(), "application/json; charset=utf-8");
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
