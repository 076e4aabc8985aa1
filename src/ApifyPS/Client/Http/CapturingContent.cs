using System.IO;
using System.Net;

namespace ApifyPS.Client
{
    /// <summary>
    /// An answer's content that keeps a copy of the first bytes read from it, for the -Debug trace
    /// (<see cref="HttpExchangeTrace"/>): whoever reads the body (the one reader, <see cref="ResponseBody"/>) reads it
    /// exactly as before, bounded by the same token and cap; nothing is read that the reader did not ask for.
    /// </summary>
    internal sealed class CapturingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly byte[] _excerpt;
        private int _captured;
        private CapturingStream? _stream;

        public CapturingContent(HttpContent inner, int excerptBytes)
        {
            _inner = inner;
            _excerpt = new byte[excerptBytes];
            foreach (var header in inner.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        /// <summary>The first bytes read (at most the excerpt's size).</summary>
        public ArraySegment<byte> Excerpt => new ArraySegment<byte>(_excerpt, 0, Volatile.Read(ref _captured));

        /// <summary>Bytes read so far (after decompression); null when nobody opened the body.</summary>
        public long? BytesRead => _stream?.Total;

        protected override async Task<Stream> CreateContentReadStreamAsync()
        {
            var inner = await _inner.ReadAsStreamAsync().ConfigureAwait(false);
            return _stream = new CapturingStream(inner, this);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            using var source = await CreateContentReadStreamAsync().ConfigureAwait(false);
            await source.CopyToAsync(stream).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

        private void Capture(byte[] buffer, int offset, int count)
        {
            var room = _excerpt.Length - _captured;
            if (room <= 0 || count <= 0) return;
            var n = Math.Min(room, count);
            Buffer.BlockCopy(buffer, offset, _excerpt, _captured, n);
            Volatile.Write(ref _captured, _captured + n);
        }

        private sealed class CapturingStream : Stream
        {
            private readonly Stream _inner;
            private readonly CapturingContent _owner;
            private long _total;

            public CapturingStream(Stream inner, CapturingContent owner)
            {
                _inner = inner;
                _owner = owner;
            }

            public long Total => Interlocked.Read(ref _total);

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var n = _inner.Read(buffer, offset, count);
                Seen(buffer, offset, n);
                return n;
            }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                var n = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
                Seen(buffer, offset, n);
                return n;
            }

            private void Seen(byte[] buffer, int offset, int n)
            {
                if (n <= 0) return;
                _owner.Capture(buffer, offset, n);
                Interlocked.Add(ref _total, n);
            }

            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
