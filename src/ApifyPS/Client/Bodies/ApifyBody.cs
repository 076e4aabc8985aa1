using System.Collections;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// A JSON object to send, in the order its fields were set: exactly the fields given (a partial update sends
    /// nothing else; an explicit null is sent as null). Values: null, string, bool, numbers, DateTime, nested
    /// <see cref="ApifyBody"/>, lists, and <see cref="SecureString"/> for secrets. A secret is decrypted only while
    /// the request's bytes are written, and those bytes are cleared once the request is done; <see cref="ToString"/>
    /// shows field names only, never values.
    /// </summary>
    public sealed class ApifyBody : IEnumerable<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _fields = new List<KeyValuePair<string, object?>>();

        public int Count => _fields.Count;

        public IEnumerable<string> Names => _fields.Select(f => f.Key);

        /// <summary>Sets a field (replacing one of the same name, which keeps its place).</summary>
        public ApifyBody Set(string name, object? value)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("A field needs a name.", nameof(name));
            var i = IndexOf(name);
            var pair = new KeyValuePair<string, object?>(name, value);
            if (i >= 0) _fields[i] = pair;
            else _fields.Add(pair);
            return this;
        }

        public bool Has(string name) => IndexOf(name) >= 0;

        public object? Get(string name)
        {
            var i = IndexOf(name);
            return i >= 0 ? _fields[i].Value : null;
        }

        public bool Remove(string name)
        {
            var i = IndexOf(name);
            if (i < 0) return false;
            _fields.RemoveAt(i);
            return true;
        }

        /// <summary>True when this body or any object or list inside it holds a secret.</summary>
        public bool HasSecret => _fields.Any(f => HoldsSecret(f.Value));

        private int IndexOf(string name) => _fields.FindIndex(f => string.Equals(f.Key, name, StringComparison.Ordinal));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _fields.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The field names only (values may be secret).</summary>
        public override string ToString() => "{" + string.Join(", ", Names) + "}";

        /// <summary>Reads a JSON object (e.g. a model serialized with <see cref="ApifyJson.Options"/>) into a body.</summary>
        public static ApifyBody FromJson(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object) throw new ArgumentException($"Expected a JSON object, got {element.ValueKind}.");
            var body = new ApifyBody();
            foreach (var p in element.EnumerateObject()) body.Set(p.Name, FromJsonValue(p.Value));
            return body;
        }

        private static object? FromJsonValue(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object: return FromJson(e);
                case JsonValueKind.Array: return e.EnumerateArray().Select(FromJsonValue).ToList();
                case JsonValueKind.String: return e.GetString();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Number: return e.TryGetInt64(out var l) ? l : (object)e.GetDouble();
                default: return null;
            }
        }

        public void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (var f in _fields)
            {
                writer.WritePropertyName(f.Key);
                WriteValue(writer, f.Value);
            }
            writer.WriteEndObject();
        }

        /// <summary>The request content: UTF-8 JSON, application/json; its buffer is cleared when it is disposed.</summary>
        public HttpContent ToContent()
        {
            var stream = new MemoryStream(16 * 1024);
            try
            {
                using (var writer = new Utf8JsonWriter(stream))
                    WriteTo(writer);
                var bytes = stream.ToArray();
                return new ClearedOnDisposeContent(bytes);
            }
            finally
            {
                var buffer = stream.GetBuffer();
                Array.Clear(buffer, 0, buffer.Length);
                stream.Dispose();
            }
        }

        private static void WriteValue(Utf8JsonWriter w, object? value)
        {
            switch (value)
            {
                case null: w.WriteNullValue(); break;
                case string s: w.WriteStringValue(s); break;
                case bool b: w.WriteBooleanValue(b); break;
                case SecureString secret: WriteSecret(w, secret); break;
                case ApifyBody body: body.WriteTo(w); break;
                case DateTime dt: w.WriteStringValue(ApifyQuery.ToApiTime(dt)); break;
                case DateTimeOffset dto: w.WriteStringValue(ApifyQuery.ToApiTime(dto.UtcDateTime)); break;
                case int i: w.WriteNumberValue(i); break;
                case long l: w.WriteNumberValue(l); break;
                case short s16: w.WriteNumberValue(s16); break;
                case byte u8: w.WriteNumberValue(u8); break;
                case uint u32: w.WriteNumberValue(u32); break;
                case ulong u64: w.WriteNumberValue(u64); break;
                case double d: w.WriteNumberValue(d); break;
                case float f: w.WriteNumberValue(f); break;
                case decimal m: w.WriteNumberValue(m); break;
                case Enum e: w.WriteStringValue(e.ToString()); break;
                case IEnumerable list:
                    w.WriteStartArray();
                    foreach (var item in list) WriteValue(w, item);
                    w.WriteEndArray();
                    break;
                default:
                    w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        /// <summary>Decrypts into a char buffer that is cleared right after it is written (never a string).</summary>
        private static void WriteSecret(Utf8JsonWriter w, SecureString secret)
        {
            var chars = new char[secret.Length];
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
                Marshal.Copy(ptr, chars, 0, chars.Length);
                w.WriteStringValue(chars);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
                Array.Clear(chars, 0, chars.Length);
            }
        }

        private static bool HoldsSecret(object? value) =>
            value switch
            {
                SecureString _ => true,
                ApifyBody body => body.HasSecret,
                string _ => false,
                IEnumerable list => list.Cast<object?>().Any(HoldsSecret),
                _ => false,
            };

        /// <summary>JSON bytes that are zeroed when the request is disposed (they may hold a secret).</summary>
        private sealed class ClearedOnDisposeContent : HttpContent
        {
            private readonly byte[] _bytes;

            public ClearedOnDisposeContent(byte[] bytes)
            {
                _bytes = bytes;
                Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
                stream.WriteAsync(_bytes, 0, _bytes.Length);

            protected override bool TryComputeLength(out long length)
            {
                length = _bytes.Length;
                return true;
            }

            protected override void Dispose(bool disposing)
            {
                Array.Clear(_bytes, 0, _bytes.Length);
                base.Dispose(disposing);
            }
        }
    }
}
