using System.Text.Json;
using System.Text.RegularExpressions;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// Reads a JSON request body as the API does: a JSON object sent as application/json, or 400 invalid-input.
/// Field readers throw <see cref="InvalidInput"/> (caught by <see cref="Handle"/>, answered 400) so that routes read
/// like the schema they implement; <see cref="Handle"/> answers every other <see cref="ApiError"/> a route step throws.
/// </summary>
public static class RequestBody
{
    /// <summary>A body that does not fit the schema: answered with 400 and the given type (invalid-input by default).</summary>
    public sealed class InvalidInput(string message, string type = "invalid-input", int status = 400) : ApiError(status, type, message);

    /// <summary>The body as a JSON object; <see cref="InvalidInput"/> when it is missing, not JSON or not an object.</summary>
    public static async Task<JsonElement> ReadObject(HttpContext ctx)
    {
        var contentType = ctx.Request.ContentType ?? "";
        if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInput($"The request body must be JSON sent with Content-Type: application/json (got '{contentType}').");
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidInput($"The request body must be a JSON object, not {doc.RootElement.ValueKind}.");
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidInput($"The request body is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Runs a route; a thrown <see cref="ApiError"/> (an <see cref="InvalidInput"/> too) becomes its error answer.</summary>
    public static async Task Handle(HttpContext ctx, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (ApiError ex) when (!ctx.Response.HasStarted)
        {
            await ApiResponse.Error(ctx, ex);
        }
    }

    public static bool Has(this JsonElement obj, string name) => obj.TryGetProperty(name, out _);

    /// <summary>A string field: absent -> (false, null); null -> (true, null) when nullable.</summary>
    public static bool TryString(this JsonElement obj, string name, out string? value, bool nullable = true)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var p)) return false;
        if (p.ValueKind == JsonValueKind.Null && nullable) return true;
        if (p.ValueKind != JsonValueKind.String) throw new InvalidInput($"Field '{name}' must be a string{(nullable ? " or null" : "")}.");
        value = p.GetString();
        return true;
    }

    public static bool TryBool(this JsonElement obj, string name, out bool? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var p)) return false;
        value = p.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidInput($"Field '{name}' must be a boolean."),
        };
        return true;
    }

    public static bool TryInt(this JsonElement obj, string name, out long? value, long min = long.MinValue)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var p)) return false;
        if (p.ValueKind == JsonValueKind.Null) return true;
        if (p.ValueKind != JsonValueKind.Number || !p.TryGetInt64(out var n)) throw new InvalidInput($"Field '{name}' must be an integer.");
        if (n < min) throw new InvalidInput($"Field '{name}' must be at least {min}, got {n}.");
        value = n;
        return true;
    }

    /// <summary>An array field (null allowed): its items, or null when absent or null.</summary>
    public static bool TryArray(this JsonElement obj, string name, out List<JsonElement>? items)
    {
        items = null;
        if (!obj.TryGetProperty(name, out var p)) return false;
        if (p.ValueKind == JsonValueKind.Null) return true;
        if (p.ValueKind != JsonValueKind.Array) throw new InvalidInput($"Field '{name}' must be an array.");
        items = p.EnumerateArray().ToList();
        return true;
    }

    /// <summary>An object field (null allowed).</summary>
    public static bool TryObject(this JsonElement obj, string name, out JsonElement? value)
    {
        value = null;
        if (!obj.TryGetProperty(name, out var p)) return false;
        if (p.ValueKind == JsonValueKind.Null) return true;
        if (p.ValueKind != JsonValueKind.Object) throw new InvalidInput($"Field '{name}' must be an object.");
        value = p;
        return true;
    }

    public static void Require(bool condition, string message)
    {
        if (!condition) throw new InvalidInput(message);
    }

    /// <summary>The API's pattern for version numbers: MAJOR.MINOR, each 0-99 without leading zeros.</summary>
    public static readonly Regex VersionNumber = new(@"^([0-9]|[1-9][0-9])\.([0-9]|[1-9][0-9])$", RegexOptions.CultureInvariant);
}
