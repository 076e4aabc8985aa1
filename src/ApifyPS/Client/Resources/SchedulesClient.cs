using System.Net;
using System.Text;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>Schedules: <c>/v2/schedules</c> and a schedule's log.</summary>
    public sealed class SchedulesClient : ApifyResourceClient
    {
        internal SchedulesClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>The user's schedules (<c>GET /v2/schedules</c>), the short form of each.</summary>
        public IAsyncEnumerable<ApifySchedule> ListAsync(PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifySchedule>(ApifyPaths.Schedules(), null, paging, null, cancellationToken);

        /// <summary>One schedule with its actions' inputs and options (<c>GET /v2/schedules/{scheduleId}</c>).</summary>
        public Task<ApifySchedule> GetAsync(string scheduleId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifySchedule>(new ApifyRequest(HttpMethod.Get, ApifyPaths.Schedule(scheduleId), ApifyRequestPolicy.Read) { TargetId = scheduleId },
                cancellationToken);

        /// <summary>
        /// Creates a schedule (<c>POST /v2/schedules</c>, 201) from a ScheduleCreate body; its cron expression and
        /// actions are checked first (<see cref="Check"/>). Never repeated blindly: the error names the schedules to check.
        /// </summary>
        public Task<ApifySchedule> CreateAsync(ApifyBody body, CancellationToken cancellationToken = default)
        {
            Check(body, creating: true);
            var name = body.Get("name") as string;
            return GetDataAsync<ApifySchedule>(new ApifyRequest(HttpMethod.Post, ApifyPaths.Schedules(), ApifyRequestPolicy.Create)
            {
                Content = body.ToContent,
                TargetId = name,
                OutcomeCheck = ApifyOutcomeCheck.Schedules(name),
            }, cancellationToken);
        }

        /// <summary>Changes only the fields in the body (<c>PUT /v2/schedules/{scheduleId}</c>; actions: all of them).</summary>
        public Task<ApifySchedule> UpdateAsync(string scheduleId, ApifyBody body, CancellationToken cancellationToken = default)
        {
            Check(body, creating: false);
            return GetDataAsync<ApifySchedule>(new ApifyRequest(Put, ApifyPaths.Schedule(scheduleId), ApifyRequestPolicy.Write)
            {
                Content = body.ToContent,
                TargetId = scheduleId,
            }, cancellationToken);
        }

        /// <summary>Deletes a schedule (<c>DELETE /v2/schedules/{scheduleId}</c>, 204).</summary>
        public Task DeleteAsync(string scheduleId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.Schedule(scheduleId), ApifyRequestPolicy.Write) { TargetId = scheduleId }, cancellationToken);

        /// <summary>The schedule's log (<c>GET /v2/schedules/{scheduleId}/log</c>), oldest first; each entry names the schedule.</summary>
        public async Task<ApifyScheduleLogEntry[]> GetLogAsync(string scheduleId, CancellationToken cancellationToken = default)
        {
            var entries = await GetDataAsync<ApifyScheduleLogEntry[]>(
                new ApifyRequest(HttpMethod.Get, ApifyPaths.ScheduleLog(scheduleId), ApifyRequestPolicy.Read) { TargetId = scheduleId },
                cancellationToken).ConfigureAwait(false) ?? Array.Empty<ApifyScheduleLogEntry>();
            foreach (var entry in entries) entry.ScheduleId = scheduleId;
            return entries;
        }

        /// <summary>
        /// Refuses, before any request, what the API would refuse or misread: a cron expression that is not 5 or 6
        /// fields or a macro, no actions (creating), an action with neither an Actor nor a task (or with both).
        /// </summary>
        public static void Check(ApifyBody body, bool creating)
        {
            if (body == null) throw new ArgumentNullException(nameof(body));
            if (body.Count == 0) throw new ArgumentException("Nothing to change: give at least one field.");
            if (creating && !(body.Get("name") is string name && name.Trim().Length > 0)) throw new ArgumentException("A schedule needs a name.");
            if (creating || body.Has("cronExpression")) ApifyCron.Check(body.Get("cronExpression") as string, "The cron expression");
            if (!body.Has("actions") && !creating) return;
            var actions = (body.Get("actions") as IEnumerable<object?>)?.ToList();
            if (actions == null || actions.Count == 0) throw new ArgumentException("A schedule needs at least one action: an Actor or a task to run.");
            for (var i = 0; i < actions.Count; i++)
            {
                var action = actions[i] as ApifyBody ?? throw new ArgumentException($"Action {i + 1} is not an object.");
                var hasActor = action.Get("actorId") is string a && a.Length > 0;
                var hasTask = action.Get("actorTaskId") is string t && t.Length > 0;
                if (hasActor == hasTask)
                    throw new ArgumentException($"Action {i + 1} must name either an Actor or a task{(hasActor ? ", not both" : "")}.");
            }
        }

        /// <summary>
        /// The API's actions for <paramref name="specs"/>: RUN_ACTOR (actorId, runInput {body, contentType}, runOptions)
        /// or RUN_ACTOR_TASK (actorTaskId, input). Names (username~name) are read to learn the ids the API keeps; an
        /// action with neither or both of an Actor and a task, or a task input that is not a JSON object, is an
        /// ArgumentException before any request.
        /// </summary>
        public async Task<List<object?>> BuildActionsAsync(IEnumerable<ApifyScheduleActionSpec> specs, CancellationToken cancellationToken = default)
        {
            var list = specs.ToList();
            foreach (var spec in list) CheckSpec(spec);
            var actions = new List<object?>();
            foreach (var spec in list)
            {
                if (!string.IsNullOrEmpty(spec.Actor))
                {
                    var actorId = await ActorIdAsync(spec.Actor!, cancellationToken).ConfigureAwait(false);
                    actions.Add(ActorAction(actorId, spec.Input == null ? null : InputText(spec.Input), spec.Input?.ContentType, spec.RunOptions));
                }
                else
                {
                    var taskId = await TaskIdAsync(spec.Task!, cancellationToken).ConfigureAwait(false);
                    actions.Add(TaskAction(taskId, spec.Input == null ? null : InputObject(spec.Input, spec.Where)));
                }
            }
            return actions;
        }

        /// <summary>The checks of <see cref="BuildActionsAsync"/> that need no request.</summary>
        public static void CheckSpec(ApifyScheduleActionSpec spec)
        {
            var hasActor = !string.IsNullOrEmpty(spec.Actor);
            var hasTask = !string.IsNullOrEmpty(spec.Task);
            if (hasActor == hasTask)
                throw new ArgumentException($"{spec.Where} must name either an Actor or a task{(hasActor ? ", not both" : "")}.");
            if (hasActor) PathSegment.ActorId.Check(spec.Actor);
            else PathSegment.ActorTaskId.Check(spec.Task);
            if (hasTask && spec.RunOptions != null && spec.RunOptions.Count > 0)
                throw new ArgumentException($"{spec.Where}: run options apply to an Actor action; a task keeps its own.");
            if (hasTask && spec.Input != null) InputObject(spec.Input, spec.Where);
        }

        /// <summary>A RUN_ACTOR action.</summary>
        internal static ApifyBody ActorAction(string actorId, string? inputText, string? contentType, ApifyBody? runOptions)
        {
            var action = new ApifyBody().Set("type", "RUN_ACTOR").Set("actorId", actorId);
            action.Set("runInput", inputText == null ? null : new ApifyBody().Set("body", inputText).Set("contentType", contentType ?? ApifyInput.JsonContentType));
            action.Set("runOptions", runOptions != null && runOptions.Count > 0 ? runOptions : null);
            return action;
        }

        /// <summary>A RUN_ACTOR_TASK action.</summary>
        internal static ApifyBody TaskAction(string taskId, ApifyBody? input) =>
            new ApifyBody().Set("type", "RUN_ACTOR_TASK").Set("actorTaskId", taskId).Set("input", input);

        private static string InputText(ApifyInput input) => new UTF8Encoding(false).GetString(input.Body);

        private static ApifyBody InputObject(ApifyInput input, string where)
        {
            try
            {
                using var doc = JsonDocument.Parse(input.Body);
                return ApifyBody.FromJson(doc.RootElement);
            }
            catch (Exception ex) when (ex is JsonException || ex is ArgumentException)
            {
                throw new ArgumentException($"{where}: a task's input override must be a JSON object.");
            }
        }

        /// <summary>The id of an Actor given by id or username~name (an id is taken as it is).</summary>
        internal async Task<string> ActorIdAsync(string actor, CancellationToken cancellationToken) =>
            actor.IndexOf('~') < 0 ? actor : (await Client.Actors.GetAsync(actor, cancellationToken).ConfigureAwait(false)).Id;

        /// <summary>The id of a task given by id or username~name.</summary>
        internal async Task<string> TaskIdAsync(string task, CancellationToken cancellationToken) =>
            task.IndexOf('~') < 0 ? task : (await Client.Tasks.GetAsync(task, cancellationToken).ConfigureAwait(false)).Id;
    }
}
