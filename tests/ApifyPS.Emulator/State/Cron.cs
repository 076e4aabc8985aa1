namespace ApifyPS.Emulator.State;

/// <summary>
/// Cron expressions as the schedules API takes them: five fields (minute hour day-of-month month day-of-week), six
/// with seconds first, or a macro (@yearly, @monthly, @weekly, @daily, @hourly, ...). Numbers, <c>*</c>, ranges,
/// steps, lists and month/day names. Enough to validate an expression and compute its next time in a time zone.
/// </summary>
public sealed class Cron
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *", ["@annually"] = "0 0 1 1 *", ["@monthly"] = "0 0 1 * *", ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *", ["@midnight"] = "0 0 * * *", ["@hourly"] = "0 * * * *",
    };

    private static readonly string[] Months = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
    private static readonly string[] Days = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

    private readonly bool[] _minutes, _hours, _daysOfMonth, _months, _daysOfWeek;
    private readonly bool _anyDayOfMonth, _anyDayOfWeek;

    private Cron(bool[][] f, bool anyDom, bool anyDow)
    {
        (_minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (f[0], f[1], f[2], f[3], f[4]);
        (_anyDayOfMonth, _anyDayOfWeek) = (anyDom, anyDow);
    }

    /// <summary>The expression parsed, or null with the reason.</summary>
    public static Cron? Parse(string? expression, out string? error)
    {
        error = null;
        var text = (expression ?? "").Trim();
        if (Macros.TryGetValue(text, out var macro)) text = macro;
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 6) fields = fields[1..];
        else if (fields.Length != 5)
        {
            error = $"Invalid cron expression '{expression}': it must have 5 or 6 fields or be a macro such as @daily.";
            return null;
        }
        var ranges = new (int Min, int Max, string[]? Names)[] { (0, 59, null), (0, 23, null), (1, 31, null), (1, 12, Months), (0, 7, Days) };
        var parsed = new bool[5][];
        for (var i = 0; i < 5; i++)
        {
            parsed[i] = ParseField(fields[i], ranges[i].Min, ranges[i].Max, ranges[i].Names, out var fieldError)!;
            if (parsed[i] == null)
            {
                error = $"Invalid cron expression '{expression}': field {i + 1} ('{fields[i]}') {fieldError}.";
                return null;
            }
        }
        if (parsed[4][7]) parsed[4][0] = true;
        return new Cron(parsed, fields[2] == "*" || fields[2] == "?", fields[4] == "*" || fields[4] == "?");
    }

    private static bool[]? ParseField(string field, int min, int max, string[]? names, out string? error)
    {
        error = null;
        var set = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var step = 1;
            var body = part;
            var slash = part.IndexOf('/');
            if (slash >= 0)
            {
                if (!int.TryParse(part[(slash + 1)..], out step) || step <= 0) { error = "has a bad step"; return null; }
                body = part[..slash];
            }
            int from, to;
            if (body == "*" || body == "?") (from, to) = (min, max);
            else
            {
                var dash = body.IndexOf('-');
                if (!Value(dash >= 0 ? body[..dash] : body, names, min, out from) ||
                    !Value(dash >= 0 ? body[(dash + 1)..] : body, names, min, out to))
                { error = "is not a number, range, step or name"; return null; }
                if (slash >= 0 && dash < 0) to = max;
            }
            if (from < min || to > max || from > to) { error = $"is out of range {min}-{max}"; return null; }
            for (var v = from; v <= to; v += step) set[v] = true;
        }
        return set;
    }

    private static bool Value(string text, string[]? names, int min, out int value)
    {
        if (int.TryParse(text, out value)) return true;
        var i = names == null ? -1 : Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = i + min;
        return i >= 0;
    }

    /// <summary>The first time after <paramref name="afterUtc"/> the expression matches in <paramref name="zone"/> (minute precision).</summary>
    public DateTime? NextAfter(DateTime afterUtc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(afterUtc, zone);
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0).AddMinutes(1);
        for (var i = 0; i < 60 * 24 * 366 * 5; i++, t = t.AddMinutes(1))
        {
            if (!_months[t.Month]) { t = new DateTime(t.Year, t.Month, 1).AddMonths(1).AddMinutes(-1); continue; }
            var dom = _daysOfMonth[t.Day];
            var dow = _daysOfWeek[(int)t.DayOfWeek];
            var dayMatches = _anyDayOfMonth || _anyDayOfWeek ? dom && dow : dom || dow;
            if (!dayMatches) { t = t.Date.AddDays(1).AddMinutes(-1); continue; }
            if (!_hours[t.Hour]) { t = t.Date.AddHours(t.Hour + 1).AddMinutes(-1); continue; }
            if (!_minutes[t.Minute] || zone.IsInvalidTime(t)) continue;
            return TimeZoneInfo.ConvertTimeToUtc(t, zone);
        }
        return null;
    }
}
