using System.Collections;
using System.Management.Automation;
using System.Security;
using System.Text.Json;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Turns what a PowerShell user passes as a request body (hashtables, [ordered], PSCustomObjects, objects read
    /// with ConvertFrom-Json, ApifyPS's own objects, a JSON string) into an <see cref="ApifyBody"/> the client sends.
    /// SecureString values stay SecureStrings (secrets); ApifyPS objects are read through their JSON form, so
    /// computed properties (FullName, Duration, ...) never reach the API.
    /// </summary>
    internal static class PowerShellBody
    {
        private const int MaxDepth = 64;

        /// <summary>An object-like input as a body; a string is read as JSON. Throws ArgumentException otherwise.</summary>
        public static ApifyBody ToBody(object? input, string parameterName)
        {
            var unwrapped = Unwrap(input);
            if (unwrapped is string json)
            {
                try
                {
                    using var doc = JsonDocument.Parse(json);
                    return ApifyBody.FromJson(doc.RootElement);
                }
                catch (Exception ex) when (ex is JsonException || ex is ArgumentException)
                {
                    throw new ArgumentException($"-{parameterName}: the string is not a JSON object: {ex.Message}");
                }
            }
            return ToValue(input, 0) as ApifyBody
                ?? throw new ArgumentException($"-{parameterName} must be a hashtable, an object with named properties or a JSON object string.");
        }

        /// <summary>A value as the client's body model: null, string, bool, number, DateTime, SecureString, ApifyBody or a list.</summary>
        public static object? ToValue(object? value, int depth = 0)
        {
            if (depth > MaxDepth) throw new ArgumentException($"The body is nested more than {MaxDepth} levels deep.");
            if (value is PSObject pso && pso.BaseObject is PSCustomObject)
            {
                var body = new ApifyBody();
                foreach (var p in pso.Properties)
                    if (p.IsGettable) body.Set(p.Name, ToValue(p.Value, depth + 1));
                return body;
            }
            value = Unwrap(value);
            switch (value)
            {
                case null:
                case string _:
                case bool _:
                case SecureString _:
                case DateTime _:
                case DateTimeOffset _:
                case int _:
                case long _:
                case short _:
                case byte _:
                case sbyte _:
                case uint _:
                case ulong _:
                case ushort _:
                case double _:
                case float _:
                case decimal _:
                case ApifyBody _:
                    return value;
                case char c: return c.ToString();
                case SwitchParameter s: return s.IsPresent;
                case Enum e: return e.ToString();
                case Guid g: return g.ToString();
                case Uri u: return u.OriginalString;
                case ScriptBlock _: throw new ArgumentException("A script block cannot be sent to the API; pass its result instead.");
                case IDictionary dictionary:
                    var body = new ApifyBody();
                    foreach (DictionaryEntry entry in dictionary)
                        body.Set(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", ToValue(entry.Value, depth + 1));
                    return body;
                case ApifyResource _:
                case ApifyEnvironmentVariable _:
                case ApifySourceFile _:
                case ApifyActorRunOptions _:
                case ApifyTaggedBuild _:
                    // Our own objects: as the API wrote them (JSON names, no computed properties, no nulls).
                    return ApifyBody.FromJson(JsonSerializer.SerializeToElement(value, value.GetType(), ApifyJson.Options));
                case IEnumerable list:
                    var items = new List<object?>();
                    foreach (var item in list) items.Add(ToValue(item, depth + 1));
                    return items;
                default:
                    // Arbitrary .NET objects (files, processes, ...) have graphs that go on and on; say what works.
                    throw new ArgumentException(
                        $"A {value.GetType().Name} cannot be sent to the API; use a hashtable, a [pscustomobject] or an ApifyPS object.");
            }
        }

        private static object? Unwrap(object? value)
        {
            while (value is PSObject pso && !(pso.BaseObject is PSCustomObject)) value = pso.BaseObject;
            return value;
        }
    }
}
