using System.Text.Json;
using System.Text.Json.Serialization;

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
        };
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
