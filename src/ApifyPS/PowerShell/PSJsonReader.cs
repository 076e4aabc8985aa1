using System.Management.Automation;
using System.Text.Json;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Builds PowerShell objects straight from JSON tokens, the reading half of <see cref="PSJson"/>: objects become
    /// PSCustomObjects (nested objects and arrays kept as they are), arrays object[], whole numbers int or long,
    /// other numbers double, strings string (dates stay strings, the same in Windows PowerShell 5.1 and 7), true/false
    /// bool, null null. A later duplicate property wins, as in ConvertFrom-Json.
    /// <para>
    /// Made for streams of similar items (dataset pages): property names repeat from item to item, so each is decoded
    /// once and reused from a small cache keyed by its bytes. One instance per stream; not thread-safe.
    /// </para>
    /// </summary>
    internal sealed class PSJsonReader
    {
        private const int CacheSlots = 256;
        private const int MaxCachedNameBytes = 64;
        private readonly byte[]?[] _nameBytes = new byte[CacheSlots][];
        private readonly string?[] _names = new string[CacheSlots];

        /// <summary>The property names of the objects being read, innermost last (a stack shared by nested objects).</summary>
        private readonly List<string> _objectNames = new List<string>();

        /// <summary>Reads the value the reader is on (its first token) and leaves the reader on the value's last token.</summary>
        public object? Read(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    return ReadObject(ref reader);
                case JsonTokenType.StartArray:
                    var items = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(Read(ref reader));
                    return items.ToArray();
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    if (reader.TryGetInt32(out var i)) return i;
                    if (reader.TryGetInt64(out var l)) return l;
                    return reader.GetDouble();
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.Null:
                    return null;
                default:
                    throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
            }
        }

        private PSObject ReadObject(ref Utf8JsonReader reader)
        {
            var obj = new PSObject();
            var properties = obj.Properties;
            var names = _objectNames;
            var start = names.Count;
            try
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = Name(ref reader);
                    if (name.Length == 0)
                        throw new JsonException("An object has a property whose name is empty; PowerShell objects cannot hold it.");
                    reader.Read();
                    var property = new PSNoteProperty(name, Read(ref reader));
                    // Adding without PowerShell's own member lookup is much cheaper; the names seen in this object are
                    // checked here instead (case-insensitively, as PowerShell compares member names).
                    if (IsDuplicate(names, start, name))
                    {
                        properties.Remove(name);
                        properties.Add(property);
                        continue;
                    }
                    properties.Add(property, true);
                    names.Add(name);
                }
            }
            finally
            {
                names.RemoveRange(start, names.Count - start);
            }
            return obj;
        }

        private static bool IsDuplicate(List<string> names, int start, string name)
        {
            for (var i = start; i < names.Count; i++)
                if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        private string Name(ref Utf8JsonReader reader)
        {
            if (reader.HasValueSequence || reader.ValueSpan.Length > MaxCachedNameBytes) return reader.GetString()!;
            var bytes = reader.ValueSpan;
            uint hash = 2166136261;
            foreach (var b in bytes) hash = (hash ^ b) * 16777619;
            var slot = (int)(hash % CacheSlots);
            var cached = _nameBytes[slot];
            if (cached != null && bytes.SequenceEqual(cached)) return _names[slot]!;
            var name = reader.GetString()!;
            _nameBytes[slot] = bytes.ToArray();
            _names[slot] = name;
            return name;
        }
    }
}
