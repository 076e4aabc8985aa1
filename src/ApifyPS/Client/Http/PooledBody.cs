using System.Buffers;

namespace ApifyPS.Client
{
    /// <summary>
    /// A body read whole into a buffer rented from the shared pool (<see cref="ResponseBody.ReadAllAsync"/>), given back
    /// on Dispose so that the next page rents the same array: memory stays at a page's bytes however many are read.
    /// </summary>
    internal sealed class PooledBody : IDisposable
    {
        private byte[]? _buffer;

        public PooledBody(byte[] buffer, int length)
        {
            _buffer = buffer;
            Length = length;
        }

        public int Length { get; }

        public ReadOnlySpan<byte> Bytes => new ReadOnlySpan<byte>(_buffer ?? throw new ObjectDisposedException(nameof(PooledBody)), 0, Length);

        /// <summary>The bytes without a UTF-8 byte order mark, which the JSON readers do not skip.</summary>
        public ReadOnlySpan<byte> Json
        {
            get
            {
                var bytes = Bytes;
                return bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? bytes.Slice(3) : bytes;
            }
        }

        /// <summary>A copy of the bytes in an array of their own (the body may be disposed afterwards).</summary>
        public byte[] ToArray() => Bytes.ToArray();

        public void Dispose()
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
