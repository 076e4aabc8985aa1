using System.Text.Json;
using System.Text.RegularExpressions;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Actor tasks (the OpenAPI document's "Actor tasks" group, under <c>/v2/actor-tasks</c>): CRUD with CreateTaskRequest /
/// UpdateTaskRequest in and Task / TaskShort out, the saved input (GET, and PUT that merges fields as the spec's
/// example shows), the task's webhooks, its runs (list, start, run-sync, last), each run carrying <c>actorTaskId</c>
/// and the task's input with the start's fields over it.
/// </summary>
public static class TaskRoutes
{
    private static readonly Regex TaskName = new("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$", RegexOptions.CultureInvariant);

    // Program.cs calls app.MapTaskRoutes(store).
    public static void MapTaskRoutes(this WebApplication app, EmulatorStore store)
    {
        var api = new ApiRoutes(app, store);

        // GET /v2/actor-tasks: the user's tasks, oldest first (desc: newest first).
        api.Get("/v2/actor-tasks", r =>
        {
            var user = r.User();
            var paging = r.Paging();
            List<TaskRecord> page;
            int total;
            lock (store.Sync)
            {
                var all = TasksOf(store, user);
                if (paging.Desc) all.Reverse();
                (total, page) = (all.Count, paging.Slice(all));
            }
            return r.List(total, paging, page, TaskJson.TaskShort);
        });

        // POST /v2/actor-tasks: 201 + Location; 404 for an Actor the user cannot see, 409 for a name taken.
        api.Post("/v2/actor-tasks", async r =>
        {
            var user = r.User();
            var body = await r.Body();
            RequestBody.Require(body.TryString("actId", out var actId, nullable: false) && !string.IsNullOrEmpty(actId), "Field 'actId' is required.");
            var fields = ReadFields(body);
            ActorRecord? actor;
            lock (store.Sync) actor = store.FindActor(actId!);
            if (actor == null || (actor.Owner != user && !actor.IsPublic)) throw ApiError.NotFound($"Actor '{actId}'");
            TaskRecord task;
            lock (store.Sync)
            {
                var name = fields.Name ?? UniqueName(store, user, actor.Name + "-task");
                if (NameTaken(store, user, name, null)) throw NameNotUnique(name);
                task = new TaskRecord
                {
                    Id = Ids.New(), Owner = user, Actor = actor, Name = name, Seq = store.NextSeq(),
                    Title = fields.Title, Options = fields.Options, Input = fields.Input,
                };
                store.TasksById[task.Id] = task;
            }
            await r.Created($"/v2/actor-tasks/{task.Id}", w => TaskJson.Task(w, task));
        });

        // GET /v2/actor-tasks/{actorTaskId}
        api.Get("/v2/actor-tasks/{actorTaskId}", r =>
        {
            var task = r.OwnTask();
            return r.Data(w => TaskJson.Task(w, task));
        });

        // PUT /v2/actor-tasks/{actorTaskId}: the fields given (name, options, input, title) replace the task's.
        api.Put("/v2/actor-tasks/{actorTaskId}", async r =>
        {
            var task = r.OwnTask();
            var body = await r.Body();
            var fields = ReadFields(body);
            lock (store.Sync)
            {
                if (fields.Name != null && NameTaken(store, task.Owner, fields.Name, task)) throw NameNotUnique(fields.Name);
                if (fields.Name != null) task.Name = fields.Name;
                if (body.Has("title")) task.Title = fields.Title;
                if (body.Has("options")) task.Options = fields.Options;
                if (body.Has("input")) task.Input = fields.Input;
                task.ModifiedAt = Clock.UtcNow();
            }
            await r.Data(w => TaskJson.Task(w, task));
        });

        // DELETE /v2/actor-tasks/{actorTaskId} -> 204
        api.Delete("/v2/actor-tasks/{actorTaskId}", r =>
        {
            var task = r.OwnTask();
            lock (store.Sync) store.TasksById.Remove(task.Id);
            r.NoContent();
            return System.Threading.Tasks.Task.CompletedTask;
        });

        // GET /v2/actor-tasks/{actorTaskId}/input: the saved input object ({} when none), not in the data envelope.
        api.Get("/v2/actor-tasks/{actorTaskId}/input", r =>
        {
            var task = r.OwnTask();
            return WriteInput(r.Http, task);
        });

        // PUT /v2/actor-tasks/{actorTaskId}/input: the body's fields over the saved input; answers the whole input.
        api.Put("/v2/actor-tasks/{actorTaskId}/input", async r =>
        {
            var task = r.OwnTask();
            var body = await r.Body();
            lock (store.Sync)
            {
                var (merged, _) = RunRoutes.TaskInput(task, JsonSerializer.SerializeToUtf8Bytes(body), "application/json");
                using var doc = JsonDocument.Parse(merged!);
                task.Input = doc.RootElement.Clone();
                task.ModifiedAt = Clock.UtcNow();
            }
            await WriteInput(r.Http, task);
        });

        // GET /v2/actor-tasks/{actorTaskId}/webhooks: the webhooks whose condition is this task (WebhookShort, paged).
        api.Get("/v2/actor-tasks/{actorTaskId}/webhooks", r =>
        {
            var task = r.OwnTask();
            var paging = r.Paging();
            List<WebhookRecord> page;
            int total;
            lock (store.Sync)
            {
                var all = task.Webhooks.OrderBy(h => h.CreatedAt).ThenBy(h => h.Seq).ToList();
                if (paging.Desc) all.Reverse();
                total = all.Count;
                page = paging.Slice(all);
            }
            return r.List(total, paging, page, ActorJson.WebhookShort);
        });

        // GET /v2/actor-tasks/{actorTaskId}/runs: the task's runs, filtered like every runs list.
        api.Get("/v2/actor-tasks/{actorTaskId}/runs", r =>
        {
            var task = r.OwnTask();
            var paging = r.Paging();
            var filter = r.JobFilter();
            int total;
            List<RunRecord> page;
            lock (store.Sync) (total, page) = JobQuery.Page(task.Runs, paging, filter);
            return r.List(total, paging, page, JobJson.RunShort);
        });

        // POST /v2/actor-tasks/{actorTaskId}/runs: 201 + Location, like an Actor's run start.
        api.Post("/v2/actor-tasks/{actorTaskId}/runs", async r =>
        {
            var task = r.OwnTask();
            var (run, wait) = await RunRoutes.Start(r, allowWait: true, task);
            await JobQuery.WaitForFinish(r.Http, store, run, wait);
            await r.Created($"/v2/actor-runs/{run.Id}", w => JobJson.Run(w, run));
        });

        // POST (with input) and GET (without) /v2/actor-tasks/{actorTaskId}/run-sync: the run's OUTPUT record.
        api.Post("/v2/actor-tasks/{actorTaskId}/run-sync", r => RunRoutes.RunSync(r, r.OwnTask()));
        api.Get("/v2/actor-tasks/{actorTaskId}/run-sync", r => RunRoutes.RunSync(r, r.OwnTask()));

        // GET /v2/actor-tasks/{actorTaskId}/runs/last?status=&origin=
        api.Get("/v2/actor-tasks/{actorTaskId}/runs/last", r =>
        {
            var task = r.OwnTask();
            return RunRoutes.LastRun(r, () => task.Runs);
        });
    }

    /// <summary>The task of the route's <c>{actorTaskId}</c> (an id or username~name) if the user owns it; 404 otherwise.</summary>
    public static TaskRecord OwnTask(this ApiRequest r)
    {
        var id = r.Route("actorTaskId");
        return r.Own($"Actor task '{id}'", () => FindTask(r.Store, id), t => t.Owner);
    }

    /// <summary>A task by id or username~name. Caller holds the lock.</summary>
    public static TaskRecord? FindTask(EmulatorStore store, string idOrName)
    {
        if (store.TasksById.TryGetValue(idOrName, out var byId)) return byId;
        var tilde = idOrName.IndexOf('~');
        if (tilde <= 0) return null;
        var (username, name) = (idOrName[..tilde], idOrName[(tilde + 1)..]);
        return store.TasksById.Values.FirstOrDefault(t => t.Owner.Username == username && t.Name == name);
    }

    private static List<TaskRecord> TasksOf(EmulatorStore store, UserRecord user) =>
        store.TasksById.Values.Where(t => t.Owner == user).OrderBy(t => t.CreatedAt).ThenBy(t => t.Seq).ToList();

    private static bool NameTaken(EmulatorStore store, UserRecord user, string name, TaskRecord? except) =>
        store.TasksById.Values.Any(t => t.Owner == user && t != except && string.Equals(t.Name, name, StringComparison.Ordinal));

    private static string UniqueName(EmulatorStore store, UserRecord user, string stem)
    {
        var name = stem;
        for (var i = 2; NameTaken(store, user, name, null); i++) name = $"{stem}-{i}";
        return name;
    }

    private static ApiError NameNotUnique(string name) =>
        new(409, "actor-name-not-unique", $"Record with the given name already exists: task '{name}'.");

    private sealed record Fields(string? Name, string? Title, JsonElement? Options, JsonElement? Input);

    /// <summary>name, title, options (TaskOptions), input (an object): checked before anything changes.</summary>
    private static Fields ReadFields(JsonElement body)
    {
        body.TryString("name", out var name, nullable: false);
        if (body.Has("name") && (name == null || !TaskName.IsMatch(name)))
            throw new RequestBody.InvalidInput($"Field 'name' must be 1 to 63 letters, digits and dashes, not starting or ending with a dash; got '{name}'.");
        body.TryString("title", out var title);
        body.TryObject("options", out var options);
        if (options is { } o)
        {
            o.TryString("build", out _);
            o.TryInt("timeoutSecs", out _, 0);
            o.TryInt("memoryMbytes", out var memory, 128);
            if (memory is long m && (m > 32768 || (m & (m - 1)) != 0))
                throw new RequestBody.InvalidInput($"Field 'options.memoryMbytes' must be a power of 2 between 128 and 32768, got {m}.");
            o.TryInt("maxItems", out _, 0);
            o.TryBool("restartOnError", out _);
            if (o.TryGetProperty("maxTotalChargeUsd", out var charge) && charge.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
                throw new RequestBody.InvalidInput("Field 'options.maxTotalChargeUsd' must be a number.");
        }
        body.TryObject("input", out var input);
        return new Fields(name, title, options?.Clone(), input?.Clone());
    }

    private static async Task WriteInput(HttpContext ctx, TaskRecord task)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        var input = task.Input;
        await ctx.Response.Body.WriteAsync(input is { } i ? JsonSerializer.SerializeToUtf8Bytes(i) : "{}"u8.ToArray());
    }
}
