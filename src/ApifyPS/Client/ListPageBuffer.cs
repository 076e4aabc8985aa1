using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace ApifyPS.Client
{
    /// <summary>
    /// One page of an offset-paged list (<c>{"data":{"total","offset","limit","count","desc","items":[...]}}</c>), held
    /// as the UTF-8 bytes it arrived in, in a pooled buffer. Reading it checks the whole document and notes where each
    /// item lies, so a broken or truncated page fails inside the request (where errors are mapped and retried) and
    /// never half-way through its items; the typed items are made one at a time as the consumer asks
    /// (<see cref="Item"/>), straight from the bytes, with no DOM, string or reflection in between.
    /// </summary>
    internal sealed class ListPageBuffer<T> : IDisposable
    {
        private const int FirstBufferSize = 64 * 1024;
        private const int MaxTrustedContentLength = 64 * 1024 * 1024;

        private byte[]? _buffer;
        private readonly List<ItemRange> _items;

        private ListPageBuffer(byte[] buffer, List<ItemRange> items, ApifyRequest request, HttpStatusCode status)
        {
            _buffer = buffer;
            _items = items;
            Request = request;
            Status = status;
        }

        public ApifyRequest Request { get; }
        public HttpStatusCode Status { get; }
        public long Total { get; private set; }
        public long Offset { get; private set; }
        public long Limit { get; private set; }
        public bool Desc { get; private set; }

        /// <summary>Items on this page (counted, not taken from the envelope's <c>count</c>).</summary>
        public int Count => _items.Count;

        /// <summary>Item <paramref name="index"/>, deserialized now from its bytes.</summary>
        public T Item(int index, JsonTypeInfo<T> typeInfo)
        {
            var buffer = _buffer ?? throw new ObjectDisposedException(nameof(ListPageBuffer<T>));
            var range = _items[index];
            return JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, range.Start, range.Length), typeInfo)!;
        }

        public void Dispose()
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
        }

        /// <summary>
        /// Reads the whole body into a pooled buffer and checks it. Throws <see cref="JsonException"/> for JSON that
        /// does not parse or has no <c>data.items</c> array (the request maps it to an invalid-response error).
        /// </summary>
        public static async Task<ListPageBuffer<T>> ReadAsync(ApifyRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
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
                var items = new List<ItemRange>();
                var page = new ListPageBuffer<T>(buffer, items, request, response.StatusCode);
                page.Index(new ReadOnlySpan<byte>(buffer, 0, used));
                return page;
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

        /// <summary>One pass over the document: the envelope's numbers, and where each item starts and ends.</summary>
        private void Index(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
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
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            var start = (int)reader.TokenStartIndex;
                            reader.Skip();
                            _items.Add(new ItemRange(start, (int)reader.BytesConsumed - start));
                        }
                    }
                    else if (reader.ValueTextEquals("total"u8)) Total = ReadNumber(ref reader);
                    else if (reader.ValueTextEquals("offset"u8)) Offset = ReadNumber(ref reader);
                    else if (reader.ValueTextEquals("limit"u8)) Limit = ReadNumber(ref reader);
                    else if (reader.ValueTextEquals("desc"u8))
                    {
                        reader.Read();
                        Desc = reader.TokenType == JsonTokenType.True;
                    }
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

        private readonly struct ItemRange
        {
            public ItemRange(int start, int length)
            {
                Start = start;
                Length = length;
            }

            public int Start { get; }
            public int Length { get; }
        }
    }
}
