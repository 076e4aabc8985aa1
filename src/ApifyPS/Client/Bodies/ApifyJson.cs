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

    /// <summary>
    /// Compile-time JSON metadata for the types lists stream in bulk (and their envelopes): deserializing them needs
    /// no reflection, which keeps the first walk in a fresh session fast and works the same whichever copy of
    /// System.Text.Json is loaded. Add a model here when a cmdlet lists it.
    /// </summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyBuild))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyBuild[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyBuild>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyBuild>>))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyActor))]
    [JsonSerializable(typeof(ApifyPS.Models.ApifyActor[]))]
    [JsonSerializable(typeof(DataEnvelope<ApifyPS.Models.ApifyActor>))]
    [JsonSerializable(typeof(DataEnvelope<ListPage<ApifyPS.Models.ApifyActor>>))]
    internal sealed partial class ApifyJsonContext : JsonSerializerContext
    {
    }

    /// <summary>The API's <c>{"data": ...}</c> envelope.</summary>
    public sealed class DataEnvelope<T>
    {
        public T? Data { get; set; }
    }

    /// <summary>The <c>data</c> of an offset-paged list: <c>total, offset, limit, count, desc, items</c>.</summary>
    public sealed class ListPage<T>
    {
        public long Total { get; set; }
        public long Offset { get; set; }
        public long Limit { get; set; }
        public long Count { get; set; }
        public bool Desc { get; set; }
        public T[]? Items { get; set; }
    }
}
