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

    public static Task NotFound(HttpContext ctx, string what) => Error(ctx, ApiError.NotFound(what));

    /// <summary>The error's envelope with its status.</summary>
    public static Task Error(HttpContext ctx, ApiError error) => Error(ctx, error.Status, error.Type, error.Message);

    public static void WriteTime(this Utf8JsonWriter w, string name, DateTime? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, Format(value.Value));
    }

    public static string Format(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}
