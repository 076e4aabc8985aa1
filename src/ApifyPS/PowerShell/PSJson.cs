using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Numerics;
using System.Text.Json;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// JSON to and from PowerShell objects, the same in Windows PowerShell 5.1 and PowerShell 7 (ConvertTo-Json
    /// differs between them: depth 2 by default, dates as \/Date()\/ in 5.1). Hashtables, ordered dictionaries,
    /// PSCustomObjects and plain .NET objects become JSON objects; arrays and lists JSON arrays; dates ISO 8601.
    /// JSON objects come back as PSCustomObjects, arrays as object[].
    /// </summary>
    internal static class PSJson
    {
        private const int MaxDepth = 64;

        public static byte[] ToUtf8(object? value)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                Write(writer, value, 0);
            }
            return stream.ToArray();
        }

        public static string ToText(object? value) => new System.Text.UTF8Encoding(false).GetString(ToUtf8(value));

        /// <summary>Parses JSON into PowerShell objects; throws JsonException on bad JSON.</summary>
        public static object? Parse(string json)
        {
            var bytes = new System.Text.UTF8Encoding(false).GetBytes(json);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
            {
                AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth * 4,
            });
            if (!reader.Read()) throw new JsonException("The text holds no JSON value.");
            var value = new PSJsonReader().Read(ref reader);
            if (reader.Read()) throw new JsonException($"Unexpected {reader.TokenType} after the JSON value.");
            return value;
        }

        private static void Write(Utf8JsonWriter w, object? value, int depth)
        {
            if (depth > MaxDepth) throw new ArgumentException($"The input is nested more than {MaxDepth} levels deep (a reference cycle?).");
            var pso = value as PSObject;
            var baseObject = pso?.BaseObject ?? value;
            if (pso != null && baseObject is PSCustomObject)
            {
                WriteProperties(w, pso, depth, PSMemberTypes.NoteProperty);
                return;
            }
            switch (baseObject)
            {
                case null:
                case DBNull _:
                    w.WriteNullValue();
                    return;
                case string s:
                    w.WriteStringValue(s);
                    return;
                case char c:
                    w.WriteStringValue(c.ToString());
                    return;
                case bool b:
                    w.WriteBooleanValue(b);
                    return;
                case SwitchParameter sw:
                    w.WriteBooleanValue(sw.IsPresent);
                    return;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case long _:
                    w.WriteNumberValue(Convert.ToInt64(baseObject, CultureInfo.InvariantCulture));
                    return;
                case uint u:
                    w.WriteNumberValue(u);
                    return;
                case ulong ul:
                    w.WriteNumberValue(ul);
                    return;
                case float f:
                    WriteDouble(w, f);
                    return;
                case double d:
                    WriteDouble(w, d);
                    return;
                case decimal dec:
                    w.WriteNumberValue(dec);
                    return;
                case BigInteger big:
                    w.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                    return;
                case DateTime dt:
                    w.WriteStringValue(dt.Kind == DateTimeKind.Unspecified
                        ? dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
                        : dt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                    return;
                case DateTimeOffset dto:
                    w.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture));
                    return;
                case Enum e:
                    w.WriteStringValue(e.ToString());
                    return;
                case Guid _: case Uri _: case TimeSpan _: case Version _:
                    w.WriteStringValue(Convert.ToString(baseObject, CultureInfo.InvariantCulture));
                    return;
                case byte[] bytes:
                    w.WriteBase64StringValue(bytes);
                    return;
                case JsonElement element:
                    element.WriteTo(w);
                    return;
                case IDictionary dictionary:
                    w.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        w.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                        Write(w, entry.Value, depth + 1);
                    }
                    w.WriteEndObject();
                    return;
                case IEnumerable sequence:
                    w.WriteStartArray();
                    foreach (var item in sequence) Write(w, item, depth + 1);
                    w.WriteEndArray();
                    return;
                default:
                    WriteProperties(w, pso ?? PSObject.AsPSObject(baseObject), depth, PSMemberTypes.Property | PSMemberTypes.NoteProperty);
                    return;
            }
        }

        private static void WriteDouble(Utf8JsonWriter w, double d)
        {
            if (double.IsNaN(d) || double.IsInfinity(d)) w.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
            else w.WriteNumberValue(d);
        }

        private static void WriteProperties(Utf8JsonWriter w, PSObject pso, int depth, PSMemberTypes types)
        {
            w.WriteStartObject();
            foreach (var property in pso.Properties)
            {
                if ((property.MemberType & types) == 0 || !property.IsGettable) continue;
                object? propertyValue;
                try
                {
                    propertyValue = property.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }
                w.WritePropertyName(property.Name);
                Write(w, propertyValue, depth + 1);
            }
            w.WriteEndObject();
        }
    }
}
