using System.Buffers;
using System.Diagnostics;
using System.IO;

namespace ApifyPS.Client
{
    /// <summary>
    /// The one way an answer's body is read (pages, JSON objects, records, error bodies, logs, files). Every read is
    /// bounded by the attempt's token, that is its timeout and Ctrl+C (the stream is also disposed on cancellation, for
    /// runtimes whose response streams do not watch the token while they wait), and optionally by a timeout between
    /// bytes (a body streamed to disk). What is read into memory is capped, counted after decompression
    /// (<see cref="ReadAllAsync"/>).
    /// </summary>
    internal sealed class ResponseBody : IDisposable
    {
        private const int DefaultFirstBufferSize = 64 * 1024;

        private readonly Stream _stream;
        private readonly CancellationToken _token;
        private readonly TimeSpan? _timeoutBetweenBytes;
        private readonly CancellationTokenSource? _pause;
        private readonly CancellationTokenRegistration _disposeOnCancel;

        private ResponseBody(Stream stream, CancellationToken token, TimeSpan? timeoutBetweenBytes)
        {
            _stream = stream;
            _token = token;
            _timeoutBetweenBytes = timeoutBetweenBytes;
            if (timeoutBetweenBytes.HasValue) _pause = CancellationTokenSource.CreateLinkedTokenSource(token);
            _disposeOnCancel = (_pause?.Token ?? token).Register(s => ((IDisposable)s!).Dispose(), stream);
        }

        /// <summary>Bytes read so far (after decompression).</summary>
        public long BytesRead { get; private set; }

        /// <summary>
        /// The body of <paramref name="response"/>, read under <paramref name="token"/>; with
        /// <paramref name="timeoutBetweenBytes"/>, no read may wait longer than that for its first byte.
        /// </summary>
        public static async Task<ResponseBody> OpenAsync(HttpResponseMessage response, CancellationToken token, TimeSpan? timeoutBetweenBytes = null)
        {
            token.ThrowIfCancellationRequested();
            var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            return new ResponseBody(stream, token, timeoutBetweenBytes);
        }

        /// <summary>Reads what has arrived (at least one byte), or 0 at the end of the body.</summary>
        /// <exception cref="OperationCanceledException">The attempt's token was cancelled (its timeout, Ctrl+C).</exception>
        /// <exception cref="ResponseBodyStalledException">No byte came within the timeout between bytes.</exception>
        public async Task<int> ReadAsync(byte[] buffer, int offset, int count)
        {
            var token = _token;
            Stopwatch? waiting = null;
            if (_pause != null)
            {
                _pause.CancelAfter(_timeoutBetweenBytes!.Value);
                token = _pause.Token;
                waiting = Stopwatch.StartNew();
            }
            int n;
            try
            {
                n = await _stream.ReadAsync(buffer, offset, count, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (_token.IsCancellationRequested && IsInterruption(ex))
            {
                throw new OperationCanceledException(_token);
            }
            catch (Exception ex) when (_pause != null && _pause.IsCancellationRequested && IsInterruption(ex))
            {
                throw new ResponseBodyStalledException(_timeoutBetweenBytes!.Value, waiting!.Elapsed, BytesRead);
            }
            // The pause is the server's only while a read waits: the caller's own work (writing to disk) is not timed.
            _pause?.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
            BytesRead += n;
            return n;
        }

        public void Dispose()
        {
            _disposeOnCancel.Dispose();
            _pause?.Dispose();
            _stream.Dispose();
        }

        /// <summary>What a read interrupted by its token (or by the stream disposed under it) throws.</summary>
        private static bool IsInterruption(Exception ex) =>
            ex is OperationCanceledException || ex is ObjectDisposedException || ex is IOException || ex is HttpRequestException;

        /// <summary>
        /// Reads the whole body into a pooled buffer (the caller disposes it), at most <paramref name="cap"/> bytes
        /// after decompression: a Content-Length over the cap is refused before anything is read, and reading stops as
        /// soon as there is one byte more than the cap.
        /// </summary>
        /// <exception cref="ResponseTooLargeException">The body is larger than the cap.</exception>
        public static async Task<PooledBody> ReadAllAsync(HttpResponseMessage response, BodyCap cap, CancellationToken token,
            int firstBufferSize = DefaultFirstBufferSize)
        {
            var announced = response.Content.Headers.ContentLength;
            if (announced > cap.Bytes) throw new ResponseTooLargeException(cap, announced);
            var size = announced.HasValue ? announced.Value + 1 : firstBufferSize;
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, Math.Min(size, cap.Bytes)));
            try
            {
                var used = 0;
                using (var body = await OpenAsync(response, token).ConfigureAwait(false))
                {
                    while (true)
                    {
                        // The pool may hand out more than asked for: never read past the cap into it.
                        var room = (int)Math.Min(buffer.Length, cap.Bytes);
                        if (used == room)
                        {
                            if (used >= cap.Bytes)
                            {
                                // Full at the cap: one more byte means the body is larger than allowed.
                                if (await body.ReadAsync(new byte[1], 0, 1).ConfigureAwait(false) > 0)
                                    throw new ResponseTooLargeException(cap, announced);
                                break;
                            }
                            buffer = Grow(buffer, used, cap.Bytes);
                            room = (int)Math.Min(buffer.Length, cap.Bytes);
                        }
                        var n = await body.ReadAsync(buffer, used, room - used).ConfigureAwait(false);
                        if (n == 0) break;
                        used += n;
                    }
                }
                return new PooledBody(buffer, used);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }

        /// <summary>The first <paramref name="max"/> bytes of the body (an error answer's, which only needs its start); the rest is not read.</summary>
        public static async Task<byte[]> ReadPrefixAsync(HttpResponseMessage response, int max, CancellationToken token)
        {
            var buffer = new byte[max];
            var total = 0;
            using (var body = await OpenAsync(response, token).ConfigureAwait(false))
            {
                while (total < max)
                {
                    var n = await body.ReadAsync(buffer, total, max - total).ConfigureAwait(false);
                    if (n == 0) break;
                    total += n;
                }
            }
            Array.Resize(ref buffer, total);
            return buffer;
        }

        /// <summary>
        /// Copies the body to <paramref name="target"/> as it arrives, with no cap and no total timeout: only a pause of
        /// <paramref name="timeoutBetweenBytes"/> without a byte ends it (<see cref="ResponseBodyStalledException"/>).
        /// A failure to write is an <see cref="ApifyOutFileException"/> for <paramref name="targetPath"/>, never a
        /// network error (so it is not retried). Returns the bytes copied.
        /// </summary>
        public static async Task<long> CopyToAsync(HttpResponseMessage response, Stream target, string targetPath, TimeSpan timeoutBetweenBytes,
            CancellationToken token)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                using var body = await OpenAsync(response, token, timeoutBetweenBytes).ConfigureAwait(false);
                while (true)
                {
                    var n = await body.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                    if (n == 0) return body.BytesRead;
                    try
                    {
                        await target.WriteAsync(buffer, 0, n, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!token.IsCancellationRequested && !(ex is OperationCanceledException))
                    {
                        throw new ApifyOutFileException(ApifyOutFileProblem.NotWritten, targetPath,
                            $"The file {targetPath} could not be written: {ex.Message}", ex);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static byte[] Grow(byte[] buffer, int used, long cap)
        {
            var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
            Buffer.BlockCopy(buffer, 0, bigger, 0, used);
            ArrayPool<byte>.Shared.Return(buffer);
            return bigger;
        }
    }
}
