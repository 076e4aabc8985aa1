using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ApifyPS.Client
{
    public sealed partial class ApifyClient
    {
        /// <summary>
        /// Reads a job's log line by line, handing each line to <paramref name="onLine"/> as soon as it has arrived.
        /// <paramref name="kind"/> "build" reads <c>/v2/actor-builds/{id}/log</c>, "run" <c>/v2/actor-runs/{id}/log</c>,
        /// null the API's <c>/v2/logs/{id}</c> (either). With <paramref name="follow"/> it is the API's <c>stream=1</c>:
        /// the server holds the answer open and writes lines as the job writes them, ending when the job ends; such a
        /// request has no timeout (<see cref="ApifyRequestKind.Stream"/>, never repeated once lines have come) and ends
        /// at once when cancelled. Returns the number of lines.
        /// </summary>
        public Task<long> ReadLogAsync(string? kind, string id, bool follow, Action<string> onLine, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(id)) throw new ArgumentException("A build or run id is required.", nameof(id));
            if (onLine == null) throw new ArgumentNullException(nameof(onLine));
            var request = new ApifyRequest(HttpMethod.Get, LogPath(kind, id), new ApifyQuery().AddFlag("stream", follow),
                follow ? ApifyRequestKind.Stream : ApifyRequestKind.Read) { TargetId = id };
            // A plain read may be repeated after its answer broke off. A log only grows, so the repeat starts with the
            // lines already handed over: they are skipped, and every line reaches onLine once.
            long delivered = 0;
            return ExecuteAsync(request, async (response, token) =>
            {
                long seen = 0;
                await LogLines.ReadAsync(response, line =>
                {
                    if (seen++ < delivered) return;
                    delivered++;
                    onLine(line);
                }, token).ConfigureAwait(false);
                return delivered;
            }, cancellationToken);
        }

        private static ApifyPath LogPath(string? kind, string id)
        {
            switch (kind)
            {
                case "build": return BuildPath(id).Add("log");
                case "run": return RunPath(id).Add("log");
                default: return ApifyPath.V2.Add("logs").Add(PathSegment.BuildOrRunId, id);
            }
        }
    }

    /// <summary>
    /// Follows a job's log in the background while something else (the wait loop) runs; stopped when disposed. A log
    /// that cannot be read does not fail the wait: the reason goes to the verbose stream.
    /// </summary>
    internal sealed class LogFollower : IDisposable
    {
        private readonly CancellationTokenSource _cancellation;
        private readonly Task _reading;

        public LogFollower(ApifyClient client, string kind, string id, Action<string> onLine, Action<string> onProblem, CancellationToken cancellationToken)
        {
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _reading = FollowAsync(client, kind, id, onLine, onProblem, _cancellation.Token);
        }

        private static async Task FollowAsync(ApifyClient client, string kind, string id, Action<string> onLine, Action<string> onProblem,
            CancellationToken token)
        {
            try
            {
                await Task.Yield();
                await client.ReadLogAsync(kind, id, follow: true, onLine, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (ApifyApiException ex) when (!token.IsCancellationRequested)
            {
                onProblem($"The log of {kind} {id} could not be followed: {ex.Message}");
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
            }
        }

        /// <summary>Waits until the log has ended (the server ends it with the job), at most <paramref name="timeout"/>.</summary>
        public Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            Task.WhenAny(_reading, Task.Delay(timeout, cancellationToken));

        public void Dispose()
        {
            _cancellation.Cancel();
            _cancellation.Dispose();
        }
    }

    /// <summary>
    /// Splits a text response into lines as its bytes arrive (UTF-8; \n or \r\n; a last line without \n counts),
    /// read through <see cref="ResponseBody"/> (the attempt's token ends any wait at once). A log may be as large as it
    /// likes, since it is handed over line by line; a line longer than <see cref="MaxLineChars"/> is handed over in
    /// pieces of that length, so that nothing (a log without line breaks, a gzip bomb) grows without bound.
    /// </summary>
    internal static class LogLines
    {
        /// <summary>The longest piece of a line held and handed over at once: 1 Mi characters (2 MiB).</summary>
        public const int MaxLineChars = 1024 * 1024;

        public static async Task<long> ReadAsync(HttpResponseMessage response, Action<string> onLine, CancellationToken token)
        {
            using var body = await ResponseBody.OpenAsync(response, token).ConfigureAwait(false);
            var decoder = new UTF8Encoding(false).GetDecoder();
            var bytes = new byte[16 * 1024];
            var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
            var line = new StringBuilder();
            long count = 0;
            var first = true;
            while (true)
            {
                var n = await body.ReadAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                var c = decoder.GetChars(bytes, 0, n, chars, 0, flush: n == 0);
                var start = 0;
                if (first && c > 0)
                {
                    first = false;
                    if (chars[0] == '\uFEFF') start = 1;
                }
                for (var i = start; i < c; i++)
                {
                    if (chars[i] != '\n')
                    {
                        if (line.Length + (i - start) < MaxLineChars) continue;
                        // MaxLineChars without a line break: hand them over as a piece (a surrogate pair stays together).
                        line.Append(chars, start, i - start);
                        start = i;
                        var carry = char.IsHighSurrogate(line[line.Length - 1]) ? line[line.Length - 1] : (char?)null;
                        if (carry.HasValue) line.Length--;
                        onLine(line.ToString());
                        line.Clear();
                        count++;
                        if (carry.HasValue) line.Append(carry.Value);
                        continue;
                    }
                    line.Append(chars, start, i - start);
                    Emit(line, onLine);
                    count++;
                    start = i + 1;
                }
                line.Append(chars, start, c - start);
                if (n == 0) break;
            }
            if (line.Length > 0)
            {
                Emit(line, onLine);
                count++;
            }
            return count;
        }

        private static void Emit(StringBuilder line, Action<string> onLine)
        {
            if (line.Length > 0 && line[line.Length - 1] == '\r') line.Length--;
            onLine(line.ToString());
            line.Clear();
        }
    }
}
