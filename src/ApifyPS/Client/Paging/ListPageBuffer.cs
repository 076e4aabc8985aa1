using System.Net;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// One page of an offset-paged list (<c>{"data":{"total","offset","limit","count","desc","items":[...]}}</c>),
    /// read whole into a pooled buffer inside the request (<see cref="ResponseBody.ReadAllAsync"/>: under the attempt's
    /// timeout, at most the cap). Items are deserialized straight from the UTF-8 bytes into
    /// the typed objects, all of a page in one call (one System.Text.Json read state per page, not per item), with no
    /// string, DOM or PSObject in between.
    /// <para>
    /// Two ways to read a page. <see cref="ReadParsedAsync"/> deserializes it at once, inside the request (so a broken
    /// or truncated page fails there, where errors are mapped and may be retried): used for the pages after the
    /// first, typically read ahead, so the work runs on another thread while the consumer takes the previous page.
    /// <see cref="ReadFirstItemAsync"/> reads only as far as the end of the first item: used for the first page, whose
    /// first item the consumer is waiting for. That item comes out at once (<see cref="FirstItem"/>); the whole page
    /// is checked for well-formed JSON inside the request (so garbage is retried there) and deserialized by
    /// <see cref="Complete"/> when the second item is wanted.
    /// </para>
    /// </summary>
    internal sealed class ListPageBuffer<T> : IListPage<T>
    {
        private const int FirstBufferSize = 256 * 1024;

        private PooledBody? _body;
        private int _firstItemStart = -1;
        private int _firstItemLength;
        private T[]? _items;

        private ListPageBuffer(ApifyRequest request, HttpStatusCode status)
        {
            Request = request;
            Status = status;
        }

        public ApifyRequest Request { get; }
        public HttpStatusCode Status { get; }

        /// <summary>The server's <c>total</c>; null until known.</summary>
        public long? Total { get; private set; }

        /// <summary>The <c>limit</c> the server answered with; null when it gave none.</summary>
        public long? Limit { get; private set; }

        /// <summary>True once every item is deserialized (<see cref="Count"/> and <see cref="Item"/> work).</summary>
        public bool IsComplete => _items != null;

        /// <summary>True when a first page read by <see cref="ReadFirstItemAsync"/> has an item to hand out early.</summary>
        public bool HasEarlyItem => _firstItemStart >= 0 && _items == null;

        public int Count => _items?.Length ?? throw new InvalidOperationException("The page is not complete.");

        public T Item(int index) => (_items ?? throw new InvalidOperationException("The page is not complete."))[index];

        /// <summary>The first item, before the rest of the page is deserialized; an invalid-response error if it is broken.</summary>
        public T EarlyItem()
        {
            var body = _body ?? throw new ObjectDisposedException(nameof(ListPageBuffer<T>));
            try
            {
                return JsonSerializer.Deserialize(body.Json.Slice(_firstItemStart, _firstItemLength), ApifyJson.TypeInfo<T>())!;
            }
            catch (JsonException ex)
            {
                throw Unreadable("an item that could not be read", ex);
            }
        }

        /// <summary>Deserializes the whole page (which checks it); an invalid-response error if it is broken.</summary>
        public void Complete()
        {
            if (_items != null) return;
            var body = _body ?? throw new ObjectDisposedException(nameof(ListPageBuffer<T>));
            try
            {
                Fill(JsonSerializer.Deserialize(body.Json, ApifyJson.TypeInfo<DataEnvelope<ListPage<T>>>()));
            }
            catch (JsonException ex)
            {
                throw Unreadable("JSON that could not be read", ex);
            }
            ReturnBuffer();
        }

        /// <summary>A page found broken outside its request (its first item went out early): not retried, as its request is over.</summary>
        private ApifyApiException Unreadable(string what, JsonException ex) =>
            new ApifyApiException(Status, ApifyErrorTypes.InvalidResponse,
                $"{Request.Method.Method} {Request.PathAndQuery} answered {(int)Status} with {what}: {ex.Message}", Request.Method.Method,
                Request.PathAndQuery, ex) { TargetId = Request.TargetId };

        public void Dispose()
        {
            ReturnBuffer();
            _items = null;
        }

        private void Fill(DataEnvelope<ListPage<T>>? envelope)
        {
            var data = envelope?.Data ?? throw new JsonException("it has no 'data' object");
            _items = data.Items ?? throw new JsonException("it has no 'data.items' array");
            Total = data.Total;
            Limit = data.Limit > 0 ? data.Limit : (long?)null;
        }

        private void ReturnBuffer()
        {
            Interlocked.Exchange(ref _body, null)?.Dispose();
        }

        /// <summary>Reads and deserializes the whole page. Throws <see cref="JsonException"/> when it is not a list
        /// page (the request maps that to an invalid-response error).</summary>
        public static async Task<ListPageBuffer<T>> ReadParsedAsync(ApifyRequest request, HttpResponseMessage response, BodyCap cap,
            CancellationToken cancellationToken)
        {
            using var body = await ResponseBody.ReadAllAsync(response, cap, cancellationToken, FirstBufferSize).ConfigureAwait(false);
            var page = new ListPageBuffer<T>(request, response.StatusCode);
            page.Fill(JsonSerializer.Deserialize(body.Json, ApifyJson.TypeInfo<DataEnvelope<ListPage<T>>>()));
            return page;
        }

        /// <summary>Reads the whole page and finds its first item (and the <c>total</c> and <c>limit</c> written
        /// before the items, as the API writes them); deserializes nothing yet.</summary>
        public static async Task<ListPageBuffer<T>> ReadFirstItemAsync(ApifyRequest request, HttpResponseMessage response, BodyCap cap,
            CancellationToken cancellationToken)
        {
            var body = await ResponseBody.ReadAllAsync(response, cap, cancellationToken, FirstBufferSize).ConfigureAwait(false);
            try
            {
                var page = new ListPageBuffer<T>(request, response.StatusCode) { _body = body };
                page.FindFirstItem(body.Json);
                return page;
            }
            catch
            {
                body.Dispose();
                throw;
            }
        }

        /// <summary>Reads up to the end of the first item: the numbers written before the items, and where that item
        /// is. Anything unexpected on the way is a <see cref="JsonException"/>; the rest is checked by
        /// <see cref="Complete"/>.</summary>
        private void FindFirstItem(ReadOnlySpan<byte> json)
        {
            // The whole page is checked for well-formed JSON here, inside the request, so a truncated or garbled first
            // page fails while it can still be retried (a tokenizer pass: well under a millisecond for 1000 items);
            // only the deserialization of its other items waits until they are wanted.
            var check = new Utf8JsonReader(json);
            while (check.Read()) { }
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("the answer is not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("its 'data' is not an object");
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("items"u8))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("its 'data.items' is not an array");
                        if (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            var start = (int)reader.TokenStartIndex;
                            reader.Skip();
                            _firstItemStart = start;
                            _firstItemLength = (int)reader.BytesConsumed - start;
                        }
                        return;
                    }
                    if (reader.ValueTextEquals("total"u8)) Total = ReadNumber(ref reader);
                    else if (reader.ValueTextEquals("limit"u8))
                    {
                        var limit = ReadNumber(ref reader);
                        Limit = limit > 0 ? limit : (long?)null;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
                return;
            }
        }

        private static long ReadNumber(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)) return value;
            reader.Skip();
            return 0;
        }
    }
}
