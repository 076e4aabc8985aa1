using System.Text.Json;

namespace ApifyPS.Emulator.Http;

/// <summary>Writes JSON answers straight to the response with Utf8JsonWriter: the API's envelopes, errors and times.</summary>
public static class ApiResponse
{
    public static async Task WriteJson(HttpContext ctx, int status, Action<Utf8JsonWriter> body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(ctx.Response.BodyWriter.AsStream(leaveOpen: true)))
        {
            body(writer);
        }
    }

    /// <summary><c>{"data": ...}</c></summary>
    public static Task Data(HttpContext ctx, Action<Utf8JsonWriter> data, int status = 200) =>
        WriteJson(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            data(w);
            w.WriteEndObject();
        });

    /// <summary><c>{"data":{"total","offset","limit","count","desc","items":[...]}}</c></summary>
    public static Task List<T>(HttpContext ctx, long total, Paging paging, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> item) =>
        Data(ctx, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total", total);
            w.WriteNumber("offset", paging.Offset);
            w.WriteNumber("limit", paging.Limit);
            w.WriteNumber("count", items.Count);
            w.WriteBoolean("desc", paging.Desc);
            w.WriteStartArray("items");
            foreach (var i in items) item(w, i);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary><c>{"error":{"type","message"}}</c> with the given status.</summary>
    public static Task Error(HttpContext ctx, int status, string type, string message) =>
        WriteJson(ctx, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("type", type);
            w.WriteString("message", message);
            w.WriteEndObject();
            w.WriteEndObject();
        });

    public static Task NotFound(HttpContext ctx, string what) =>
        Error(ctx, 404, "record-not-found", $"{what} was not found");

    public static void WriteTime(this Utf8JsonWriter w, string name, DateTime? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, Format(value.Value));
    }

    public static string Format(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}

/// <summary>The offset paging of list endpoints, parsed and validated as the API does it.</summary>
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

/// <summary>The API's boolean query flags: true/1 or false/0 (absent means false).</summary>
public static class Flags
{
    public static bool TryParse(IQueryCollection query, string name, out bool value, out string? error)
    {
        value = false;
        error = null;
        if (!query.TryGetValue(name, out var raw)) return true;
        switch (raw.ToString().ToLowerInvariant())
        {
            case "1": case "true": value = true; return true;
            case "0": case "false": case "": value = false; return true;
            default:
                error = $"Parameter '{name}' must be true, false, 1 or 0, got '{raw}'.";
                return false;
        }
    }
}

public static class PagingExtensions
{
    /// <summary>The page [offset, offset+limit) of an ordered list, in ascending or descending order.</summary>
    public static List<T> Slice<T>(this Paging paging, IReadOnlyList<T> all)
    {
        var page = new List<T>();
        for (var i = paging.Offset; i < all.Count && page.Count < paging.Limit; i++)
            page.Add(paging.Desc ? all[all.Count - 1 - i] : all[i]);
        return page;
    }
}
