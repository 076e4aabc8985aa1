using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// Turns one JSON value into an item. Called with the reader on the value's first token; returns with the reader
    /// on its last token (as a JsonConverter's Read does), so the caller can build whatever it wants (PowerShell
    /// objects in the module, JsonElements in tests) straight from the bytes.
    /// </summary>
    public delegate T JsonValueReader<out T>(ref Utf8JsonReader reader);

    /// <summary>
    /// A response body read whole into a pooled buffer (<see cref="ResponseBody.ReadAllAsync"/>: under the attempt's
    /// timeout, at most the cap; given back on Dispose, so the next page rents the same array), then parsed as a JSON
    /// array one element at a time. Memory stays at a page's bytes however many pages are walked.
    /// </summary>
    internal sealed class JsonPageBuffer : IDisposable
    {
        private PooledBody? _body;

        public async Task FillAsync(HttpResponseMessage response, BodyCap cap, CancellationToken cancellationToken)
        {
            _body?.Dispose();
            _body = await ResponseBody.ReadAllAsync(response, cap, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The elements of the JSON array in the buffer, each made by <paramref name="readItem"/>.</summary>
        /// <exception cref="JsonException">The body is not a JSON array.</exception>
        public List<T> ReadArray<T>(JsonValueReader<T> readItem)
        {
            var span = (_body ?? throw new InvalidOperationException("The buffer is empty.")).Json;
            var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                throw new JsonException("Expected a JSON array of items.");
            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                items.Add(readItem(ref reader));
            return items;
        }

        public void Dispose()
        {
            _body?.Dispose();
            _body = null;
        }
    }
}
