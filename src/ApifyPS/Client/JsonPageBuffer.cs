using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ApifyPS.Client
{
    /// <summary>
    /// Turns one JSON value into an item. Called with the reader on the value's first token; returns with the reader
    /// on its last token (as a JsonConverter's Read does), so the caller can build whatever it wants (PowerShell
    /// objects in the module, JsonElements in tests) straight from the bytes.
    /// </summary>
    public delegate T JsonValueReader<out T>(ref Utf8JsonReader reader);

    /// <summary>
    /// A response body read whole into a pooled buffer (given back on Dispose, so the next page rents the same array),
    /// then parsed as a JSON array one element at a time. Memory stays at a page's bytes however many pages are walked.
    /// </summary>
    internal sealed class JsonPageBuffer : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _length;

        public async Task FillAsync(Stream stream, CancellationToken cancellationToken)
        {
            _length = 0;
            while (true)
            {
                if (_length == _buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    Buffer.BlockCopy(_buffer, 0, larger, 0, _length);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }
                var n = await stream.ReadAsync(_buffer, _length, _buffer.Length - _length, cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                _length += n;
            }
        }

        /// <summary>The elements of the JSON array in the buffer, each made by <paramref name="readItem"/>.</summary>
        /// <exception cref="JsonException">The body is not a JSON array.</exception>
        public List<T> ReadArray<T>(JsonValueReader<T> readItem)
        {
            var span = new ReadOnlySpan<byte>(_buffer, 0, _length);
            if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span.Slice(3);
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
            var buffer = _buffer;
            _buffer = Array.Empty<byte>();
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
