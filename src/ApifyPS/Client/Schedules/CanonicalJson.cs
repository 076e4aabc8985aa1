using System.IO;
using System.Text;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// JSON in one form whatever its source (an <see cref="ApifyBody"/>, an element of an answer, a schedule action's
    /// input text): compact, object properties sorted, nulls of objects dropped when asked. Two values are the same
    /// when their forms are, which is how schedules as code tell what changed.
    /// </summary>
    public static class CanonicalJson
    {
        public static string? Of(ApifyBody? body, bool dropNulls = false)
        {
            if (body == null) return null;
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms)) body.WriteTo(w);
            using var doc = JsonDocument.Parse(ms.ToArray());
            return Of(doc.RootElement, dropNulls);
        }

        public static string? Of(JsonElement? element, bool dropNulls = false)
        {
            if (element == null || element.Value.ValueKind == JsonValueKind.Null || element.Value.ValueKind == JsonValueKind.Undefined) return null;
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms)) Write(w, element.Value, dropNulls);
            var text = Encoding.UTF8.GetString(ms.ToArray());
            return dropNulls && text == "{}" ? null : text;
        }

        /// <summary>JSON text in canonical form; text that is not JSON is returned as it is.</summary>
        public static string? OfText(string? json, bool dropNulls = false)
        {
            if (string.IsNullOrEmpty(json)) return null;
            try
            {
                using var doc = JsonDocument.Parse(json!);
                return Of(doc.RootElement, dropNulls);
            }
            catch (JsonException)
            {
                return json;
            }
        }

        private static void Write(Utf8JsonWriter w, JsonElement e, bool dropNulls)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    w.WriteStartObject();
                    foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        if (dropNulls && p.Value.ValueKind == JsonValueKind.Null) continue;
                        w.WritePropertyName(p.Name);
                        Write(w, p.Value, dropNulls);
                    }
                    w.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    w.WriteStartArray();
                    foreach (var item in e.EnumerateArray()) Write(w, item, dropNulls);
                    w.WriteEndArray();
                    break;
                case JsonValueKind.Number:
                    if (e.TryGetInt64(out var l)) w.WriteNumberValue(l);
                    else w.WriteNumberValue(e.GetDouble());
                    break;
                default:
                    e.WriteTo(w);
                    break;
            }
        }
    }
}
