using System.IO;

namespace ApifyPS.Client
{
    /// <summary>
    /// Passes writes on to a stream and reports the bytes written so far (a download's progress), at most every
    /// <see cref="ReportEvery"/> bytes and at the end of each write that crosses it.
    /// </summary>
    internal sealed class CountingWriteStream : Stream
    {
        public const long ReportEvery = 256 * 1024;

        private readonly Stream _inner;
        private readonly Action<long> _report;
        private long _written;
        private long _nextReport = ReportEvery;

        public CountingWriteStream(Stream inner, Action<long> report)
        {
            _inner = inner;
            _report = report;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Flush() => _inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            Count(count);
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            Count(count);
        }

        private void Count(int count)
        {
            _written += count;
            if (_written < _nextReport) return;
            _nextReport = _written + ReportEvery;
            _report(_written);
        }
    }
}
