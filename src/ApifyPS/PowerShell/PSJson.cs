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
        internal const int MaxDepth = 64;

        public static byte[] ToUtf8(object? value)
        {
            return new PSJsonWriter().ToUtf8(value);
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
    }
}
