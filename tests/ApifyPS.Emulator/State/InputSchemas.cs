using System.Text.Json;

namespace ApifyPS.Emulator.State;

/// <summary>
/// The input schemas of Actors' builds, set by tests (<c>PUT /__emulator/input-schema</c>), which validate-input checks
/// an input against. An Actor without one accepts any input, as the API does for a build without an input schema.
/// The subset of the schema checked: <c>required</c>, and per property <c>type</c>, <c>enum</c>, <c>minimum</c>,
/// <c>maximum</c>.
/// </summary>
public sealed class InputSchemas
{
    private readonly Dictionary<string, JsonElement> _byActor = new(StringComparer.Ordinal);
    private readonly object _sync = new();

    public void Set(string actorId, JsonElement? schema)
    {
        lock (_sync)
        {
            if (schema is JsonElement s) _byActor[actorId] = s.Clone();
            else _byActor.Remove(actorId);
        }
    }

    public JsonElement? Of(string actorId)
    {
        lock (_sync) return _byActor.TryGetValue(actorId, out var s) ? s : null;
    }

    /// <summary>What is wrong with <paramref name="input"/> under <paramref name="schema"/>, as the API words it; null when valid.</summary>
    public static string? Problem(JsonElement schema, JsonElement input)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()).Where(n => n != null))
            {
                var hasDefault = properties is JsonElement props && props.TryGetProperty(name!, out var field) && field.TryGetProperty("default", out _);
                if (!input.TryGetProperty(name!, out var value) || value.ValueKind == JsonValueKind.Null)
                    if (!hasDefault) return $"Input is not valid: Field input.{name} is required";
            }
        if (properties is not JsonElement fields) return null;
        foreach (var field in fields.EnumerateObject())
        {
            if (!input.TryGetProperty(field.Name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            if (field.Value.TryGetProperty("type", out var type) && type.GetString() is string t && !HasType(value, t))
                return $"Input is not valid: Field input.{field.Name} must be {t}";
            if (field.Value.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array &&
                !allowed.EnumerateArray().Any(a => a.GetRawText() == value.GetRawText()))
                return $"Input is not valid: Field input.{field.Name} must be equal to one of the allowed values";
            if (value.ValueKind == JsonValueKind.Number)
            {
                var n = value.GetDouble();
                if (field.Value.TryGetProperty("minimum", out var min) && min.ValueKind == JsonValueKind.Number && n < min.GetDouble())
                    return $"Input is not valid: Field input.{field.Name} must be >= {min.GetRawText()}";
                if (field.Value.TryGetProperty("maximum", out var max) && max.ValueKind == JsonValueKind.Number && n > max.GetDouble())
                    return $"Input is not valid: Field input.{field.Name} must be <= {max.GetRawText()}";
            }
        }
        return null;
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };
}
