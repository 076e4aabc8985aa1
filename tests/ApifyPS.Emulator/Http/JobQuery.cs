using System.Globalization;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// What the job endpoints share: <c>waitForFinish</c> long polls, the runs lists' <c>status</c> /
/// <c>startedAfter</c> / <c>startedBefore</c> filters, and numeric query values.
/// </summary>
public static class JobQuery
{
    /// <summary>The filters of a runs list, parsed; inclusive bounds, as the API documents them.</summary>
    public sealed record Filter(HashSet<string>? Statuses, DateTime? StartedAfter, DateTime? StartedBefore)
    {
        public bool IsEmpty => Statuses == null && StartedAfter == null && StartedBefore == null;

        public bool Matches(JobRecord job) =>
            (Statuses == null || Statuses.Contains(job.Status)) &&
            (StartedAfter == null || job.StartedAt >= StartedAfter) &&
            (StartedBefore == null || job.StartedAt <= StartedBefore);
    }

    /// <summary><c>status</c> (one or more, comma-separated), <c>startedAfter</c>, <c>startedBefore</c> (ISO 8601).</summary>
    public static Filter? ParseFilter(IQueryCollection query, out string? error)
    {
        error = null;
        HashSet<string>? statuses = null;
        if (query.TryGetValue("status", out var raw))
        {
            statuses = new HashSet<string>(StringComparer.Ordinal);
            foreach (var part in raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!JobStatuses.All.Contains(part))
                {
                    error = $"Parameter 'status' must be one or more of {string.Join(", ", JobStatuses.All)}, got '{part}'.";
                    return null;
                }
                statuses.Add(part);
            }
            if (statuses.Count == 0) statuses = null;
        }
        if (!TryTime(query, "startedAfter", out var after, out error) || !TryTime(query, "startedBefore", out var before, out error)) return null;
        return new Filter(statuses, after, before);
    }

    /// <summary>One page of a job list after filtering, and the filtered total.</summary>
    public static (int Total, List<T> Page) Page<T>(JobList<T> list, Paging paging, Filter filter) where T : JobRecord
    {
        if (filter.IsEmpty) return (list.Count, list.Page(paging.Offset, paging.Limit, paging.Desc));
        var matching = list.All.Where(filter.Matches).ToList();
        if (paging.Desc) matching.Reverse();
        return (matching.Count, matching.Skip(paging.Offset).Take(paging.Limit).ToList());
    }

    /// <summary>Parses <c>waitForFinish</c> (seconds, 0 when absent); false with an error text when it is not a number >= 0.</summary>
    public static bool TryWaitForFinish(IQueryCollection query, out double seconds, out string? error)
    {
        seconds = 0;
        error = null;
        if (!TryNumber(query, "waitForFinish", 0, out var value, out error)) return false;
        seconds = value ?? 0;
        return true;
    }

    /// <summary>
    /// Holds the request until the job is terminal or the wait passes; the wait is clamped to the server's maximum
    /// (60 s, or lower with --max-wait-for-finish). Ends early when the client goes away.
    /// </summary>
    public static async Task WaitForFinish(HttpContext ctx, EmulatorStore store, JobRecord job, double seconds)
    {
        var wait = Math.Min(seconds, store.Options.MaxWaitForFinishSecs);
        if (wait <= 0) return;
        lock (store.Sync)
            if (job.IsTerminal) return;
        await Task.WhenAny(job.Terminal.Task, Task.Delay(TimeSpan.FromSeconds(wait), ctx.RequestAborted));
    }

    /// <summary>A numeric query value (the API's numbers may carry a fraction); null when absent.</summary>
    public static bool TryNumber(IQueryCollection query, string name, double min, out double? value, out string? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out var raw)) return true;
        if (!double.TryParse(raw.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || double.IsNaN(d) || double.IsInfinity(d) || d < min)
        {
            error = $"Parameter '{name}' must be a number of at least {min.ToString(CultureInfo.InvariantCulture)}, got '{raw}'.";
            return false;
        }
        value = d;
        return true;
    }

    private static bool TryTime(IQueryCollection query, string name, out DateTime? value, out string? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out var raw)) return true;
        if (!DateTimeOffset.TryParse(raw.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            error = $"Parameter '{name}' must be an ISO 8601 date and time, got '{raw}'.";
            return false;
        }
        value = parsed.UtcDateTime;
        return true;
    }
}
