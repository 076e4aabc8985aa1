using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ApifyPS.Client
{
    /// <summary>The JSON settings every request and response shares (camelCase, as the API writes it).</summary>
    public static class ApifyJson
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            // Types listed in ApifyJsonContext use compile-time metadata (no reflection, fast first call); any other
            // type still works through the reflection-based resolver.
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ApifyJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };

        /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/>, looked up once.</summary>
        internal static JsonTypeInfo<T> TypeInfo<T>() => TypeInfoCache<T>.Value;

        private static class TypeInfoCache<T>
        {
            public static readonly JsonTypeInfo<T> Value = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        }
    }
}
