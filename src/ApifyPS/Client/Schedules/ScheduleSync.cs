using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// Schedules as code: compares a file's schedules (<see cref="ScheduleDefinition"/>) with the user's, matched by
    /// name, and plans one row per schedule: Create, Update (with the fields that differ, old -> new), Unchanged, and
    /// with prune Remove for the user's schedules the file does not name. Planning only reads (the schedules, and the
    /// Actors and tasks named by username~name to learn their ids); <see cref="ApplyAsync"/> writes one row. A file
    /// entry whose Actor or task does not exist refuses the whole plan before any write.
    /// </summary>
    public sealed class ScheduleSync
    {
        private readonly ApifyClient _client;

        public ScheduleSync(ApifyClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

        public async Task<List<ApifyScheduleSyncRow>> PlanAsync(IReadOnlyList<ScheduleDefinition> definitions, bool prune, CancellationToken cancellationToken = default)
        {
            var existing = new Dictionary<string, ApifySchedule>(StringComparer.Ordinal);
            await foreach (var s in _client.Schedules.ListAsync(new PageRequest(), cancellationToken).ConfigureAwait(false))
                if (!existing.ContainsKey(s.Name)) existing[s.Name] = s;

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            var missing = new List<string>();
            foreach (var d in definitions)
            {
                var key = (d.Actor != null ? "actor:" : "task:") + (d.Actor ?? d.Task);
                if (ids.ContainsKey(key)) continue;
                try
                {
                    ids[key] = d.Actor != null
                        ? (await _client.Actors.GetAsync(d.Actor, cancellationToken).ConfigureAwait(false)).Id
                        : (await _client.Tasks.GetAsync(d.Task!, cancellationToken).ConfigureAwait(false)).Id;
                }
                catch (ApifyApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    missing.Add($"{d.Where}: '{d.Name}' runs {(d.Actor != null ? $"Actor '{d.Actor}'" : $"task '{d.Task}'")}, which was not found.");
                }
            }
            if (missing.Count > 0)
                throw new ArgumentException("The schedules file was not applied (nothing was sent):" + Environment.NewLine + "  " +
                    string.Join(Environment.NewLine + "  ", missing));

            var rows = new List<ApifyScheduleSyncRow>();
            foreach (var d in definitions)
            {
                var targetId = ids[(d.Actor != null ? "actor:" : "task:") + (d.Actor ?? d.Task)];
                var body = BodyOf(d, targetId);
                if (!existing.TryGetValue(d.Name, out var current))
                {
                    rows.Add(new ApifyScheduleSyncRow { Name = d.Name, Action = "Create", Changes = Describe(null, d, targetId).ToArray(), Body = body });
                    continue;
                }
                var full = await _client.Schedules.GetAsync(current.Id, cancellationToken).ConfigureAwait(false);
                var changes = Describe(full, d, targetId);
                rows.Add(new ApifyScheduleSyncRow
                {
                    Name = d.Name, ScheduleId = full.Id, Action = changes.Count == 0 ? "Unchanged" : "Update", Changes = changes.ToArray(),
                    Body = changes.Count == 0 ? null : body,
                });
            }
            if (prune)
            {
                var named = new HashSet<string>(definitions.Select(d => d.Name), StringComparer.Ordinal);
                foreach (var s in existing.Values.Where(s => !named.Contains(s.Name)))
                    rows.Add(new ApifyScheduleSyncRow { Name = s.Name, ScheduleId = s.Id, Action = "Remove" });
            }
            return rows;
        }

        /// <summary>Writes one planned row (Create, Update, Remove; Unchanged sends nothing); a created row learns its id.</summary>
        public async Task ApplyAsync(ApifyScheduleSyncRow row, CancellationToken cancellationToken = default)
        {
            switch (row.Action)
            {
                case "Create":
                    row.ScheduleId = (await _client.Schedules.CreateAsync(row.Body!, cancellationToken).ConfigureAwait(false)).Id;
                    break;
                case "Update":
                    await _client.Schedules.UpdateAsync(row.ScheduleId!, row.Body!, cancellationToken).ConfigureAwait(false);
                    break;
                case "Remove":
                    await _client.Schedules.DeleteAsync(row.ScheduleId!, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        /// <summary>The ScheduleCreate body the file asks for: every field it manages.</summary>
        private static ApifyBody BodyOf(ScheduleDefinition d, string targetId)
        {
            var body = new ApifyBody()
                .Set("name", d.Name)
                .Set("cronExpression", d.Cron)
                .Set("timezone", d.Timezone)
                .Set("isEnabled", d.Enabled)
                .Set("description", d.Description);
            if (d.Exclusive.HasValue) body.Set("isExclusive", d.Exclusive.Value);
            if (d.HasTitle) body.Set("title", d.Title);
            var action = d.Actor != null
                ? SchedulesClient.ActorAction(targetId, d.Input == null ? null : CanonicalJson.Of(d.Input), ApifyInput.JsonContentType, d.RunOptions)
                : SchedulesClient.TaskAction(targetId, d.Input);
            body.Set("actions", new List<object?> { action });
            return body;
        }

        /// <summary>The fields that differ, "Field: old -> new" (all of them, from nothing, for a schedule to create).</summary>
        private static List<string> Describe(ApifySchedule? s, ScheduleDefinition d, string targetId)
        {
            var changes = new List<string>();
            void Compare(string field, string? old, string? now)
            {
                if (!string.Equals(old ?? "", now ?? "", StringComparison.Ordinal)) changes.Add($"{field}: {Show(old)} -> {Show(now)}");
            }
            Compare("CronExpression", s?.CronExpression, d.Cron);
            Compare("Timezone", s?.Timezone, d.Timezone);
            Compare("IsEnabled", s == null ? null : Bool(s.IsEnabled), Bool(d.Enabled));
            if (d.Exclusive.HasValue) Compare("IsExclusive", s == null ? null : Bool(s.IsExclusive), Bool(d.Exclusive.Value));
            Compare("Description", s?.Description, d.Description);
            if (d.HasTitle) Compare("Title", s?.Title, d.Title);

            var wanted = d.Actor != null ? "Actor " + targetId : "task " + targetId;
            var actions = s?.Actions ?? Array.Empty<ApifyScheduleAction>();
            var current = actions.Length == 1 ? actions[0] : null;
            Compare("Action", s == null ? null : string.Join(", ", actions.Select(a => a.ToString())), wanted);
            string? oldInput = null, oldOptions = null;
            if (current != null && string.Equals(current.ToString(), wanted, StringComparison.Ordinal))
            {
                oldInput = d.Actor != null ? CanonicalJson.OfText(current.RunInput?.Body) : CanonicalJson.Of(current.Input);
                oldOptions = current.RunOptions == null ? null
                    : CanonicalJson.Of(JsonSerializer.SerializeToElement(current.RunOptions, ApifyJson.Options), dropNulls: true);
            }
            Compare("Input", oldInput, CanonicalJson.Of(d.Input));
            if (d.Actor != null) Compare("RunOptions", oldOptions, CanonicalJson.Of(d.RunOptions, dropNulls: true));
            return changes;
        }

        private static string Bool(bool value) => value ? "True" : "False";

        private static string Show(string? value) => value == null ? "(none)" : "'" + value + "'";
    }
}
