using System.Text;
using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Schedules (the OpenAPI document's "Schedules" group, under <c>/v2/schedules</c>): CRUD with ScheduleCreate in and
/// Schedule / ScheduleShort out, validated before anything changes (a cron expression of 5 or 6 fields or a macro, an
/// IANA time zone, actions RUN_ACTOR with an Actor the user can see or RUN_ACTOR_TASK with one of the user's tasks), and
/// the log. The control route <c>POST /__emulator/schedules/{scheduleId}/fire</c> does what the scheduler does at a
/// due time: starts each action's run with origin SCHEDULER and <c>meta.scheduleId</c>, and logs it.
/// </summary>
public static class ScheduleRoutes
{
    // Program.cs calls app.MapScheduleRoutes(store).
    public static void MapScheduleRoutes(this WebApplication app, EmulatorStore store)
    {
        var api = new ApiRoutes(app, store);

        // GET /v2/schedules: the user's schedules, oldest first (desc: newest first).
        api.Get("/v2/schedules", r =>
        {
            var user = r.User();
            var paging = r.Paging();
            List<ScheduleRecord> page;
            int total;
            lock (store.Sync)
            {
                var all = store.SchedulesById.Values.Where(s => s.Owner == user).OrderBy(s => s.CreatedAt).ThenBy(s => s.Seq).ToList();
                if (paging.Desc) all.Reverse();
                (total, page) = (all.Count, paging.Slice(all));
            }
            return r.List(total, paging, page, ScheduleJson.ScheduleShort);
        });

        // POST /v2/schedules: 201 + Location; name, cronExpression and at least one action are required.
        api.Post("/v2/schedules", async r =>
        {
            var user = r.User();
            var body = await r.Body();
            var patch = Read(store, user, body);
            RequestBody.Require(patch.Name != null, "Field 'name' is required.");
            RequestBody.Require(patch.Cron != null, "Field 'cronExpression' is required.");
            RequestBody.Require(patch.Actions is { Count: > 0 }, "Field 'actions' must hold at least one action.");
            ScheduleRecord schedule;
            lock (store.Sync)
            {
                if (NameTaken(store, user, patch.Name!, null)) throw NameNotUnique(patch.Name!);
                schedule = new ScheduleRecord { Id = Ids.New(), Owner = user, Name = patch.Name!, CronExpression = patch.Cron!, Seq = store.NextSeq() };
                patch.ApplyTo(schedule);
                store.SchedulesById[schedule.Id] = schedule;
            }
            await r.Created($"/v2/schedules/{schedule.Id}", w => ScheduleJson.Schedule(w, schedule));
        });

        // GET /v2/schedules/{scheduleId}
        api.Get("/v2/schedules/{scheduleId}", r =>
        {
            var schedule = r.OwnSchedule();
            return r.Data(w => ScheduleJson.Schedule(w, schedule));
        });

        // PUT /v2/schedules/{scheduleId}: the fields given replace the schedule's (actions: all of them).
        api.Put("/v2/schedules/{scheduleId}", async r =>
        {
            var schedule = r.OwnSchedule();
            var body = await r.Body();
            var patch = Read(store, schedule.Owner, body);
            if (patch.Actions is { Count: 0 }) throw new RequestBody.InvalidInput("Field 'actions' must hold at least one action.");
            lock (store.Sync)
            {
                if (patch.Name != null && NameTaken(store, schedule.Owner, patch.Name, schedule)) throw NameNotUnique(patch.Name);
                if (patch.Name != null) schedule.Name = patch.Name;
                if (patch.Cron != null) schedule.CronExpression = patch.Cron;
                patch.ApplyTo(schedule);
                schedule.ModifiedAt = Clock.UtcNow();
            }
            await r.Data(w => ScheduleJson.Schedule(w, schedule));
        });

        // DELETE /v2/schedules/{scheduleId} -> 204
        api.Delete("/v2/schedules/{scheduleId}", r =>
        {
            var schedule = r.OwnSchedule();
            lock (store.Sync) store.SchedulesById.Remove(schedule.Id);
            r.NoContent();
            return Task.CompletedTask;
        });

        // GET /v2/schedules/{scheduleId}/log: {"data": [ScheduleInvoked, ...]}, oldest first.
        api.Get("/v2/schedules/{scheduleId}/log", r =>
        {
            var schedule = r.OwnSchedule();
            return r.Data(w =>
            {
                w.WriteStartArray();
                foreach (var entry in schedule.Log) ScheduleJson.LogEntry(w, entry);
                w.WriteEndArray();
            });
        });

        // POST /__emulator/schedules/{scheduleId}/fire -> {"runs": [runId, ...], "errors": [...]}: the scheduler's due time.
        app.MapPost("/__emulator/schedules/{scheduleId}/fire", async ctx =>
        {
            var id = (string)ctx.Request.RouteValues["scheduleId"]!;
            var runs = new List<string>();
            var errors = new List<string>();
            lock (store.Sync)
            {
                if (!store.SchedulesById.TryGetValue(id, out var schedule))
                {
                    errors.Add($"Schedule '{id}' was not found");
                }
                else
                {
                    schedule.LastRunAt = Clock.UtcNow();
                    schedule.Log.Add(new ScheduleLogRecord("Schedule invoked", "INFO", Clock.UtcNow()));
                    foreach (var action in schedule.Actions)
                    {
                        var problem = Fire(store, schedule, action, out var run);
                        if (run != null) runs.Add(run.Id);
                        if (problem == null) continue;
                        errors.Add(problem);
                        schedule.Log.Add(new ScheduleLogRecord(problem, "ERROR", Clock.UtcNow()));
                    }
                }
            }
            ctx.Response.StatusCode = errors.Count > 0 && runs.Count == 0 && !store.SchedulesById.ContainsKey(id) ? 404 : 200;
            await ctx.Response.WriteAsJsonAsync(new { runs, errors });
        });
    }

    /// <summary>Starts one action's run as the scheduler does; the problem when it cannot. Caller holds the lock.</summary>
    private static string? Fire(EmulatorStore store, ScheduleRecord schedule, ScheduleActionRecord action, out RunRecord? run)
    {
        run = null;
        TaskRecord? task = null;
        ActorRecord? actor;
        JsonElement? options;
        byte[]? input;
        string? contentType;
        if (action.Type == ScheduleActionTypes.RunActorTask)
        {
            task = TaskRoutes.FindTask(store, action.ActorTaskId!);
            if (task == null) return $"Cannot start Actor task \"{action.ActorTaskId}\": it was not found.";
            actor = task.Actor;
            options = task.Options;
            (input, contentType) = RunRoutes.TaskInput(task,
                action.Input is { } i ? JsonSerializer.SerializeToUtf8Bytes(i) : null, action.Input != null ? "application/json" : null);
        }
        else
        {
            actor = store.FindActor(action.ActorId!);
            if (actor == null) return $"Cannot start Actor \"{action.ActorId}\": it was not found.";
            options = action.RunOptions;
            input = action.RunInputBody == null ? null : Encoding.UTF8.GetBytes(action.RunInputBody);
            contentType = action.RunInputContentType ?? "application/json; charset=utf-8";
        }
        string? Str(string name) => options is { } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long? Num(string name) => options is { } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (long)v.GetDouble() : null;
        var settings = new RunSettings(Str("build"), (int?)Num("timeoutSecs"), (int?)Num("memoryMbytes"), Num("maxItems"), null, false);
        var build = store.FindBuildForRun(actor, settings.Build);
        if (build == null) return $"Cannot start Actor \"{actor.FullName}\": it has no build '{settings.Build ?? "latest"}'.";
        run = store.Lifecycle.CreateRun(actor, build, settings, input, contentType, null, null, new RunOrigin(task, schedule.Id, "SCHEDULER"));
        return null;
    }

    /// <summary>The schedule of the route's <c>{scheduleId}</c> if the user owns it; 404 otherwise.</summary>
    public static ScheduleRecord OwnSchedule(this ApiRequest r)
    {
        var id = r.Route("scheduleId");
        return r.Own($"Schedule '{id}'", () => r.Store.SchedulesById.GetValueOrDefault(id), s => s.Owner);
    }

    private static bool NameTaken(EmulatorStore store, UserRecord user, string name, ScheduleRecord? except) =>
        store.SchedulesById.Values.Any(s => s.Owner == user && s != except && string.Equals(s.Name, name, StringComparison.Ordinal));

    private static ApiError NameNotUnique(string name) =>
        new(409, "actor-name-not-unique", $"Record with the given name already exists: schedule '{name}'.");

    /// <summary>The fields of a ScheduleCreate body, checked before anything changes.</summary>
    private sealed class Patch
    {
        public string? Name, Cron, Timezone, Description, Title;
        public bool HasDescription, HasTitle;
        public bool? IsEnabled, IsExclusive;
        public List<ScheduleActionRecord>? Actions;

        public void ApplyTo(ScheduleRecord s)
        {
            if (Timezone != null) s.Timezone = Timezone;
            if (IsEnabled is bool enabled) s.IsEnabled = enabled;
            if (IsExclusive is bool exclusive) s.IsExclusive = exclusive;
            if (HasDescription) s.Description = Description;
            if (HasTitle) s.Title = Title;
            if (Actions != null) s.Actions = Actions;
        }
    }

    private static Patch Read(EmulatorStore store, UserRecord user, JsonElement body)
    {
        var p = new Patch();
        body.TryString("name", out p.Name);
        if (p.Name != null && p.Name.Trim().Length == 0) throw new RequestBody.InvalidInput("Field 'name' must not be empty.");
        body.TryString("cronExpression", out p.Cron);
        if (p.Cron != null && Cron.Parse(p.Cron, out var cronError) == null) throw new RequestBody.InvalidInput(cronError!);
        body.TryString("timezone", out p.Timezone);
        if (p.Timezone != null)
        {
            try { TimeZoneInfo.FindSystemTimeZoneById(p.Timezone); }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new RequestBody.InvalidInput($"Field 'timezone' must be an IANA time zone name such as Europe/Prague; '{p.Timezone}' is not one.");
            }
        }
        p.HasDescription = body.TryString("description", out p.Description);
        p.HasTitle = body.TryString("title", out p.Title);
        body.TryBool("isEnabled", out p.IsEnabled);
        body.TryBool("isExclusive", out p.IsExclusive);
        if (body.TryArray("actions", out var actions) && actions != null)
        {
            p.Actions = new List<ScheduleActionRecord>();
            for (var i = 0; i < actions.Count; i++) p.Actions.Add(ReadAction(store, user, actions[i], i));
        }
        return p;
    }

    private static ScheduleActionRecord ReadAction(EmulatorStore store, UserRecord user, JsonElement a, int index)
    {
        var at = $"actions[{index}]";
        if (a.ValueKind != JsonValueKind.Object) throw new RequestBody.InvalidInput($"Field '{at}' must be an object.");
        a.TryString("type", out var type, nullable: false);
        if (type == ScheduleActionTypes.RunActor)
        {
            RequestBody.Require(a.TryString("actorId", out var actorId, nullable: false) && !string.IsNullOrEmpty(actorId), $"Field '{at}.actorId' is required for RUN_ACTOR.");
            ActorRecord? actor;
            lock (store.Sync) actor = store.FindActor(actorId!);
            if (actor == null || (actor.Owner != user && !actor.IsPublic)) throw ApiError.NotFound($"Actor '{actorId}'");
            string? inputBody = null, inputType = null;
            if (a.TryObject("runInput", out var runInput) && runInput is { } ri)
            {
                ri.TryString("body", out inputBody);
                ri.TryString("contentType", out inputType);
                if (inputBody != null && (inputType == null || JobLifecycle.IsJson(inputType)))
                {
                    try { using var _ = JsonDocument.Parse(inputBody); }
                    catch (JsonException) { throw new RequestBody.InvalidInput($"Field '{at}.runInput.body' is not valid JSON for its content type."); }
                }
            }
            a.TryObject("runOptions", out var runOptions);
            return new ScheduleActionRecord
            {
                Id = Ids.New(), Type = type, ActorId = actor.Id, RunInputBody = inputBody, RunInputContentType = inputBody == null ? null : inputType ?? "application/json; charset=utf-8",
                RunOptions = runOptions?.Clone(),
            };
        }
        if (type == ScheduleActionTypes.RunActorTask)
        {
            RequestBody.Require(a.TryString("actorTaskId", out var taskId, nullable: false) && !string.IsNullOrEmpty(taskId), $"Field '{at}.actorTaskId' is required for RUN_ACTOR_TASK.");
            TaskRecord? task;
            lock (store.Sync) task = TaskRoutes.FindTask(store, taskId!);
            if (task == null || task.Owner != user) throw ApiError.NotFound($"Actor task '{taskId}'");
            a.TryObject("input", out var input);
            return new ScheduleActionRecord { Id = Ids.New(), Type = type, ActorTaskId = task.Id, Input = input?.Clone() };
        }
        throw new RequestBody.InvalidInput($"Field '{at}.type' must be RUN_ACTOR or RUN_ACTOR_TASK, got '{type}'.");
    }
}
