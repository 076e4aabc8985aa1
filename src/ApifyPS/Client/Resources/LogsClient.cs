using System.Text;

namespace ApifyPS.Client
{
    /// <summary>Logs of builds and runs: <c>/v2/actor-builds/{id}/log</c>, <c>/v2/actor-runs/{id}/log</c>, <c>/v2/logs/{id}</c>.</summary>
    public sealed class LogsClient : ApifyResourceClient
    {
        internal LogsClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>
        /// Reads a job's log line by line, handing each line to <paramref name="onLine"/> as soon as it has arrived.
        /// <paramref name="kind"/> "build" reads <c>/v2/actor-builds/{id}/log</c>, "run" <c>/v2/actor-runs/{id}/log</c>,
        /// null the API's <c>/v2/logs/{id}</c> (either). With <paramref name="follow"/> it is the API's <c>stream=1</c>:
        /// the server holds the answer open and writes lines as the job writes them, ending when the job ends; such a
        /// request has no timeout (<see cref="ApifyRequestKind.Stream"/>, never repeated once lines have come) and ends
        /// at once when cancelled. Returns the number of lines.
        /// </summary>
        public Task<long> ReadAsync(string? kind, string id, bool follow, Action<string> onLine, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(id)) throw new ArgumentException("A build or run id is required.", nameof(id));
            if (onLine == null) throw new ArgumentNullException(nameof(onLine));
            var request = new ApifyRequest(HttpMethod.Get, PathOf(kind, id), follow ? ApifyRequestPolicy.FollowText : ApifyRequestPolicy.ReadText,
                new ApifyQuery().AddFlag("stream", follow)) { TargetId = id };
            // A plain read may be repeated after its answer broke off. A log only grows, so the repeat starts with the
            // lines already handed over: they are skipped, and every line reaches onLine once.
            long delivered = 0;
            return Core.ExecuteAsync(request, async (response, token) =>
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

        private static ApifyPath PathOf(string? kind, string id)
        {
            switch (kind)
            {
                case "build": return ApifyPaths.BuildLog(id);
                case "run": return ApifyPaths.RunLog(id);
                default: return ApifyPaths.Log(id);
            }
        }
    }
}
