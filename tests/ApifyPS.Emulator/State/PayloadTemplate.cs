using System.Text;
using System.Text.Json;

namespace ApifyPS.Emulator.State;

/// <summary>
/// The API's webhook templates: JSON with <c>{{variable}}</c> (or <c>{{resource.id}}</c>, a path into one) where a
/// value goes; each is replaced by the variable's JSON (null when there is none). With shouldInterpolateStrings,
/// variables inside string literals are replaced too (a string's text, anything else's JSON). The default payload
/// is the spec's: userId, createdAt, eventType, eventData and resource (the run or build).
/// </summary>
public static class PayloadTemplate
{
    public const string Default =
        "{\n    \"userId\": {{userId}},\n    \"createdAt\": {{createdAt}},\n    \"eventType\": {{eventType}},\n    \"eventData\": {{eventData}},\n    \"resource\": {{resource}}\n}";

    /// <summary>Why the template is not one (it must be a JSON value once its variables are null), or null.</summary>
    public static string? Problem(string template, bool interpolateStrings)
    {
        var text = Interpolate(template, new Dictionary<string, string>(), interpolateStrings);
        try
        {
            using var _ = JsonDocument.Parse(text);
            return null;
        }
        catch (JsonException ex)
        {
            return $"The template is not valid JSON once its variables are filled in: {ex.Message}";
        }
    }

    /// <summary>The template with its variables (raw JSON text by name) filled in.</summary>
    public static string Interpolate(string template, IReadOnlyDictionary<string, string> variables, bool interpolateStrings)
    {
        var sb = new StringBuilder(template.Length + 256);
        var inString = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                var end = template.IndexOf("}}", i + 2, StringComparison.Ordinal);
                if (end > 0 && (!inString || interpolateStrings))
                {
                    var value = Resolve(template[(i + 2)..end].Trim(), variables) ?? "null";
                    if (!inString) sb.Append(value);
                    else sb.Append(AsStringContent(value));
                    i = end + 1;
                    continue;
                }
            }
            if (inString && c == '\\' && i + 1 < template.Length)
            {
                sb.Append(c).Append(template[++i]);
                continue;
            }
            if (c == '"') inString = !inString;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string AsStringContent(string json)
    {
        if (json.Length >= 2 && json[0] == '"') return json[1..^1];
        return JsonEncodedText.Encode(json).ToString();
    }

    private static string? Resolve(string name, IReadOnlyDictionary<string, string> variables)
    {
        var parts = name.Split('.');
        if (!variables.TryGetValue(parts[0], out var raw)) return null;
        if (parts.Length == 1) return raw;
        using var doc = JsonDocument.Parse(raw);
        var node = doc.RootElement;
        foreach (var part in parts.Skip(1))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node)) return null;
        }
        return node.GetRawText();
    }
}
