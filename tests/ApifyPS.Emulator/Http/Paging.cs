namespace ApifyPS.Emulator.Http;

/// <summary>
/// The offset paging of list endpoints, parsed and validated as the API does it (the spec's components/parameters
/// offset, limit and desc: offset 0 by default; limit 1000 by default and at most).
/// </summary>
public readonly record struct Paging(int Offset, int Limit, bool Desc)
{
    public const int MaxLimit = 1000;

    /// <summary>Parses offset, limit (default and maximum 1000; larger values are clamped) and desc; null + error text when invalid.</summary>
    public static Paging? Parse(IQueryCollection query, out string? error)
    {
        error = null;
        var offset = 0;
        var limit = MaxLimit;
        if (query.TryGetValue("offset", out var o) && !TryNonNegative(o.ToString(), out offset))
        {
            error = $"Parameter 'offset' must be a non-negative integer, got '{o}'.";
            return null;
        }
        if (query.TryGetValue("limit", out var l))
        {
            if (!TryNonNegative(l.ToString(), out limit))
            {
                error = $"Parameter 'limit' must be a non-negative integer, got '{l}'.";
                return null;
            }
            if (limit == 0 || limit > MaxLimit) limit = MaxLimit;
        }
        if (!Flags.TryParse(query, "desc", out var desc, out error)) return null;
        return new Paging(offset, limit, desc);
    }

    private static bool TryNonNegative(string text, out int value)
    {
        value = 0;
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)) return false;
        if (d < 0 || double.IsNaN(d) || d != Math.Floor(d)) return false;
        value = d > int.MaxValue ? int.MaxValue : (int)d;
        return true;
    }
}
