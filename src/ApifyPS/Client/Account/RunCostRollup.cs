using System.Globalization;

namespace ApifyPS.Client
{
    /// <summary>
    /// The cost roll-up of runs (Measure-ApifyRunCost): runs added one by one fall into groups by
    /// <see cref="ApifyRunCostGroup"/>, each summing runs, usage (USD), compute units and run time. A run whose
    /// usage is not known (null: not visible to this account, or a list entry without it) counts as a run and in
    /// RunsWithoutUsage, never as zero silently. Compute units come from the run's stats or usage when it has them
    /// (the full form; list entries have neither: a group of those has null compute units, not 0), run time from its
    /// stats or its start and finish. Names are looked up once per group, after the runs are in
    /// (<see cref="ResolveNamesAsync"/>).
    /// </summary>
    public sealed class RunCostRollup
    {
        private readonly Dictionary<string, ApifyRunCost> _groups = new Dictionary<string, ApifyRunCost>(StringComparer.Ordinal);
        private readonly List<ApifyRunCost> _order = new List<ApifyRunCost>();

        public RunCostRollup(ApifyRunCostGroup by)
        {
            By = by;
        }

        public ApifyRunCostGroup By { get; }

        /// <summary>The groups in the order their first run came.</summary>
        public IReadOnlyList<ApifyRunCost> Groups => _order;

        public void Add(ApifyRun run)
        {
            if (run == null) throw new ArgumentNullException(nameof(run));
            var key = KeyOf(run);
            if (!_groups.TryGetValue(key, out var group))
            {
                group = new ApifyRunCost { By = By.ToString(), Key = key };
                if (By == ApifyRunCostGroup.Day) group.Date = DateTime.SpecifyKind(ApifyQuery.ToUtc(run.StartedAt).Date, DateTimeKind.Utc);
                if (By == ApifyRunCostGroup.Origin || By == ApifyRunCostGroup.Day) group.Name = key.Length > 0 ? key : null;
                _groups.Add(key, group);
                _order.Add(group);
            }
            group.Runs++;
            if (run.UsageTotalUsd is double usd) group.UsageTotalUsd += usd;
            else group.RunsWithoutUsage++;
            var units = run.Stats?.ComputeUnits ?? (run.Usage != null && run.Usage.TryGetValue("ACTOR_COMPUTE_UNITS", out var u) ? u : null);
            if (units is double cu) group.ComputeUnits = (group.ComputeUnits ?? 0) + cu;
            var seconds = run.Stats?.RunTimeSecs ?? (run.FinishedAt.HasValue ? (run.FinishedAt.Value - run.StartedAt).TotalSeconds : (double?)null);
            if (seconds is double s && s > 0) group.RunTimeSecs += s;
        }

        /// <summary>Adds every run of a list (the account's runs of a time window), page by page.</summary>
        public async Task AddAllAsync(IAsyncEnumerable<ApifyRun> runs, CancellationToken cancellationToken)
        {
            var enumerator = runs.GetAsyncEnumerator(cancellationToken);
            try
            {
                while (await enumerator.MoveNextAsync().ConfigureAwait(false)) Add(enumerator.Current);
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>The group a run falls in: the Actor, task or schedule id, the origin, or the day (yyyy-MM-dd); empty when it has none.</summary>
        public string KeyOf(ApifyRun run)
        {
            switch (By)
            {
                case ApifyRunCostGroup.Actor: return run.ActorId ?? "";
                case ApifyRunCostGroup.Task: return run.ActorTaskId ?? "";
                case ApifyRunCostGroup.Schedule: return run.Meta?.ScheduleId ?? "";
                case ApifyRunCostGroup.Origin: return run.Origin ?? "";
                default: return ApifyQuery.ToUtc(run.StartedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }

        /// <summary>
        /// Names the Actor, task and schedule groups: one call of <paramref name="nameOf"/> per group with a key (never
        /// per run); a group whose name cannot be read keeps a null Name. Origins and days are their own names.
        /// </summary>
        public async Task ResolveNamesAsync(Func<string, CancellationToken, Task<string?>> nameOf, CancellationToken cancellationToken)
        {
            if (By == ApifyRunCostGroup.Origin || By == ApifyRunCostGroup.Day) return;
            foreach (var group in _order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (group.Key.Length > 0) group.Name = await nameOf(group.Key, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// How a group's name is read through <paramref name="client"/>: an Actor's username~name, a task's or a
        /// schedule's name; null when it cannot be read (gone, or not this account's: an <see cref="ApifyApiException"/>).
        /// </summary>
        public Func<string, CancellationToken, Task<string?>> NameReader(ApifyClient client)
        {
            switch (By)
            {
                case ApifyRunCostGroup.Actor:
                    return async (id, token) =>
                    {
                        try { return (await client.Actors.GetAsync(id, token).ConfigureAwait(false)).FullName; }
                        catch (ApifyApiException) { return null; }
                    };
                case ApifyRunCostGroup.Task:
                    return (id, token) => client.Users.NameOfAsync(ApifyPaths.Task(id), id, token);
                case ApifyRunCostGroup.Schedule:
                    return (id, token) => client.Users.NameOfAsync(ApifyPaths.Schedule(id), id, token);
                default:
                    return (id, token) => System.Threading.Tasks.Task.FromResult<string?>(null);
            }
        }
    }
}
