namespace ApifyPS.Emulator.State;

/// <summary>
/// A user's usage in one monthly cycle, made from the builds and runs this server has seen (each counted on the UTC
/// day it started): ACTOR_COMPUTE_UNITS, priced at the API's $0.4 per compute unit, as the jobs' usageTotalUsd says.
/// The cycle is the calendar month (UTC) holding the date asked for.
/// </summary>
public sealed class MonthlyUsage
{
    public const string ComputeUnits = "ACTOR_COMPUTE_UNITS";
    public const double UsdPerComputeUnit = 0.4;

    public required DateTime CycleStart { get; init; }
    public required DateTime CycleEnd { get; init; }

    /// <summary>Per day (UTC midnight), per service: (quantity, USD).</summary>
    public SortedDictionary<DateTime, SortedDictionary<string, (double Quantity, double Usd)>> Days { get; } = new();

    public double TotalUsd => Days.Values.SelectMany(d => d.Values).Sum(v => v.Usd);

    public IEnumerable<(string Service, double Quantity, double Usd)> Services =>
        Days.Values.SelectMany(d => d).GroupBy(kv => kv.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(kv => kv.Value.Quantity), g.Sum(kv => kv.Value.Usd)));

    public static (DateTime Start, DateTime End) CycleOf(DateTime date)
    {
        var start = new DateTime(date.Year, date.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return (start, start.AddMonths(1).AddMilliseconds(-1));
    }

    /// <summary>Caller holds the store's lock.</summary>
    public static MonthlyUsage Of(EmulatorStore store, UserRecord user, DateTime date)
    {
        var (start, end) = CycleOf(date);
        var usage = new MonthlyUsage { CycleStart = start, CycleEnd = end };
        IEnumerable<JobRecord> jobs = store.RunsByUser[user.Id].All;
        jobs = jobs.Concat(store.BuildsByUser[user.Id].All);
        foreach (var job in jobs)
        {
            if (job.StartedAt < start || job.StartedAt > end) continue;
            var day = job.StartedAt.Date;
            if (!usage.Days.TryGetValue(day, out var services)) usage.Days[day] = services = new SortedDictionary<string, (double, double)>(StringComparer.Ordinal);
            services.TryGetValue(ComputeUnits, out var sum);
            services[ComputeUnits] = (sum.Quantity + job.UsageTotalUsd / UsdPerComputeUnit, sum.Usd + job.UsageTotalUsd);
        }
        return usage;
    }
}
