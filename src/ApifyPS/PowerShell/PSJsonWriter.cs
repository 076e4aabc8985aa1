using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Numerics;
using System.Text.Json;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Writes PowerShell objects as JSON (the rules are <see cref="PSJson"/>'s), one value after another into one
    /// reused buffer: a cmdlet that turns thousands of pipeline objects into JSON (Add-ApifyDatasetItem) keeps one
    /// writer, so an item costs no new stream, writer or array, and PSCustomObjects of one shape are read through
    /// <see cref="PSNoteProperties"/>. Not thread-safe; what <see cref="Write"/> returns is valid until the next call.
    /// It holds only managed memory (a stream over an array), so it needs no disposal.
    /// </summary>
    internal sealed class PSJsonWriter
    {
        private readonly MemoryStream _stream = new MemoryStream(1024);
        private readonly Utf8JsonWriter _writer;
        private readonly PSNoteProperties _noteProperties = new PSNoteProperties();

        public PSJsonWriter()
        {
            _writer = new Utf8JsonWriter(_stream);
        }

        /// <summary>The value's JSON (UTF-8, compact), in this writer's buffer until the next call.</summary>
        /// <exception cref="ArgumentException">The value is nested too deeply (a reference cycle?).</exception>
        public ArraySegment<byte> Write(object? value)
        {
            _stream.SetLength(0);
            _writer.Reset(_stream);
            Write(_writer, value, 0);
            _writer.Flush();
            return new ArraySegment<byte>(_stream.GetBuffer(), 0, (int)_stream.Length);
        }

        /// <summary>The value's JSON in a new array.</summary>
        public byte[] ToUtf8(object? value)
        {
            var json = Write(value);
            var copy = new byte[json.Count];
            Buffer.BlockCopy(json.Array!, json.Offset, copy, 0, json.Count);
            return copy;
        }

        private void Write(Utf8JsonWriter w, object? value, int depth)
        {
            if (depth > PSJson.MaxDepth) throw new ArgumentException($"The input is nested more than {PSJson.MaxDepth} levels deep (a reference cycle?).");
            var pso = value as PSObject;
            var baseObject = pso?.BaseObject ?? value;
            if (pso != null && baseObject is PSCustomObject)
            {
                var own = _noteProperties.OwnMembersOrNull(pso);
                if (own == null) WriteProperties(w, pso, depth, PSMemberTypes.NoteProperty);
                else WriteNoteProperties(w, own, depth);
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

        private void WriteNoteProperties(Utf8JsonWriter w, OrderedDictionary own, int depth)
        {
            w.WriteStartObject();
            for (var i = 0; i < own.Count; i++)
            {
                if (!(own[i] is PSNoteProperty note)) continue;
                w.WritePropertyName(note.Name);
                Write(w, note.Value, depth + 1);
            }
            w.WriteEndObject();
        }

        private void WriteProperties(Utf8JsonWriter w, PSObject pso, int depth, PSMemberTypes types)
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
