using System;
using System.Buffers;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace ApifyPS.Client
{
    /// <summary>
    /// One page of an offset-paged list (<c>{"data":{"total","offset","limit","count","desc","items":[...]}}</c>),
    /// read whole into a pooled buffer inside the request, so that a broken or truncated page fails there (where errors
    /// are mapped, and may be retried) and never half-way through its items. Items are deserialized straight from the
    /// UTF-8 bytes into the typed objects, all of a page in one call (one System.Text.Json read state per page, not
    /// per item), with no string, DOM or PSObject in between.
    /// <para>
    /// Two ways to read a page. <see cref="ReadParsedAsync"/> deserializes it at once: used for the pages after the
    /// first, typically read ahead, so the work runs on another thread while the consumer takes the previous page.
    /// <see cref="ReadIndexedAsync"/> only checks the document and notes where things are: used for the first page,
    /// whose first item the consumer is waiting for. That item is deserialized on its own (<see cref="Item"/>), the
    /// rest of the page when it is asked for.
    /// </para>
    /// </summary>
    internal sealed class ListPageBuffer<T> : IDisposable
    {
        private const int FirstBufferSize = 64 * 1024;
        private const int MaxTrustedContentLength = 64 * 1024 * 1024;

        private byte[]? _buffer;
        private int _arrayStart;
        private int _arrayLength;
        private int _firstItemStart;
        private int _firstItemLength;
        private T[]? _items;

        private ListPageBuffer(ApifyRequest request, HttpStatusCode status)
        {
            Request = request;
            Status = status;
        }

        public ApifyRequest Request { get; }
        public HttpStatusCode Status { get; }
        public long Total { get; private set; }
        public long Limit { get; private set; }

        /// <summary>Items on this page (counted, not taken from the envelope's <c>count</c>).</summary>
        public int Count { get; private set; }

        /// <summary>Item <paramref name="index"/>. The first item of an indexed page is read on its own; any other
        /// index reads the whole page once.</summary>
        public T Item(int index, JsonTypeInfo<T> itemInfo, JsonTypeInfo<T[]> arrayInfo)
        {
            if (_items == null)
            {
                var buffer = _buffer ?? throw new ObjectDisposedException(nameof(ListPageBuffer<T>));
                if (index == 0) return JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, _firstItemStart, _firstItemLength), itemInfo)!;
                _items = JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, _arrayStart, _arrayLength), arrayInfo) ?? Array.Empty<T>();
                ReturnBuffer();
            }
            return _items[index];
        }

        public void Dispose()
        {
            ReturnBuffer();
            _items = null;
        }

        private void ReturnBuffer()
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
        }

        /// <summary>Reads, checks and deserializes the whole page. Throws <see cref="JsonException"/> when it is not a
        /// list page (the request maps that to an invalid-response error).</summary>
        public static async Task<ListPageBuffer<T>> ReadParsedAsync(ApifyRequest request, HttpResponseMessage response,
            JsonTypeInfo<DataEnvelope<ListPage<T>>> envelopeInfo, CancellationToken cancellationToken)
        {
            var (buffer, used) = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                var envelope = JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, 0, used), envelopeInfo);
                var data = envelope?.Data ?? throw new JsonException("it has no 'data' object");
                var items = data.Items ?? throw new JsonException("it has no 'data.items' array");
                return new ListPageBuffer<T>(request, response.StatusCode) { Total = data.Total, Limit = data.Limit, Count = items.Length, _items = items };
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>Reads and checks the whole page, and notes where its items are; deserializes nothing yet.</summary>
        public static async Task<ListPageBuffer<T>> ReadIndexedAsync(ApifyRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var (buffer, used) = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                var page = new ListPageBuffer<T>(request, response.StatusCode) { _buffer = buffer };
                page.Index(new ReadOnlySpan<byte>(buffer, 0, used));
                return page;
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        private static async Task<(byte[] Buffer, int Used)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var length = response.Content.Headers.ContentLength;
            var buffer = ArrayPool<byte>.Shared.Rent(length > 0 && length < MaxTrustedContentLength ? (int)length.Value + 1 : FirstBufferSize);
            try
            {
                var used = 0;
                using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    while (true)
                    {
                        if (used == buffer.Length) buffer = Grow(buffer, used);
                        var n = await stream.ReadAsync(buffer, used, buffer.Length - used, cancellationToken).ConfigureAwait(false);
                        if (n == 0) break;
                        used += n;
                    }
                }
                return (buffer, used);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        private static byte[] Grow(byte[] buffer, int used)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, bigger, 0, used);
            ArrayPool<byte>.Shared.Return(buffer);
            return bigger;
        }

        /// <summary>One pass over the document (which proves it complete): the envelope's numbers, where the items
        /// array is, where its first item is, and how many items it holds.</summary>
        private void Index(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("the answer is not a JSON object");
            var sawItems = false;
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
                        sawItems = true;
                        _arrayStart = (int)reader.TokenStartIndex;
                        var count = 0;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            var start = (int)reader.TokenStartIndex;
                            reader.Skip();
                            if (count++ == 0)
                            {
                                _firstItemStart = start;
                                _firstItemLength = (int)reader.BytesConsumed - start;
                            }
                        }
                        _arrayLength = (int)reader.BytesConsumed - _arrayStart;
                        Count = count;
                    }
                    else if (reader.ValueTextEquals("total"u8)) Total = ReadNumber(ref reader);
                    else if (reader.ValueTextEquals("limit"u8)) Limit = ReadNumber(ref reader);
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            // Reading to the end proves the document is complete (a truncated page throws JsonException here).
            while (reader.Read()) { }
            if (!sawItems) throw new JsonException("it has no 'data.items' array");
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
