using System.Net;
using System.Text.RegularExpressions;

namespace ApifyPS.Client
{
    /// <summary>Runs: <c>/v2/actor-runs</c>, an Actor's <c>/v2/actors/{actorId}/runs</c>, and synchronous runs.</summary>
    public sealed class RunsClient : ApifyResourceClient
    {
        internal RunsClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>
        /// The user's runs (<c>GET /v2/actor-runs</c>), or one Actor's (<c>GET /v2/actors/{actorId}/runs</c>), filtered
        /// by the server (<c>status</c>, <c>startedAfter</c>, <c>startedBefore</c>).
        /// </summary>
        public IAsyncEnumerable<ApifyRun> ListAsync(string? actorId, PageRequest paging, ApifyJobFilter? filter = null,
            CancellationToken cancellationToken = default)
        {
            var path = actorId == null ? ApifyPaths.Runs() : ApifyPaths.ActorRuns(actorId);
            return ListAsync<ApifyRun>(path, filter?.AddTo(new ApifyQuery()), paging, actorId, cancellationToken);
        }

        /// <summary>One run (<c>GET /v2/actor-runs/{runId}</c>).</summary>
        public Task<ApifyRun> GetAsync(string runId, CancellationToken cancellationToken) => GetAsync(runId, 0, cancellationToken);

        /// <summary>One run (<c>GET /v2/actor-runs/{runId}</c>), held by the server up to <paramref name="waitForFinishSeconds"/>.</summary>
        public Task<ApifyRun> GetAsync(string runId, int waitForFinishSeconds = 0, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyRun>(ApifyRequest.LongPoll(ApifyPaths.Run(runId), waitForFinishSeconds, runId), cancellationToken);

        /// <summary>Starts a run (<c>POST /v2/actors/{actorId}/runs</c>); the input becomes the run's INPUT. Never repeated blindly.</summary>
        public Task<ApifyRun> StartAsync(string actorId, ApifyInput? input, ApifyRunOptionsRequest? options = null,
            CancellationToken cancellationToken = default)
        {
            var query = (options ?? new ApifyRunOptionsRequest()).AddTo(new ApifyQuery());
            return GetDataAsync<ApifyRun>(
                new ApifyRequest(HttpMethod.Post, ApifyPaths.ActorRuns(actorId), ApifyRequestPolicy.Start, query)
                {
                    TargetId = actorId,
                    OutcomeCheck = ApifyOutcomeCheck.RunsOf(actorId),
                    Content = input == null ? (Func<HttpContent>?)null : input.ToContent,
                    CapacityWait = options?.CapacityWait,
                },
                cancellationToken);
        }

        /// <summary>
        /// Aborts a run (<c>POST /v2/actor-runs/{runId}/abort</c>); gracefully lets the Actor persist its state first.
        /// A run that is not starting or running comes back unchanged.
        /// </summary>
        public Task<ApifyRun> AbortAsync(string runId, bool gracefully = false, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyRun>(
                new ApifyRequest(HttpMethod.Post, ApifyPaths.RunAbort(runId), ApifyRequestPolicy.Write,
                    new ApifyQuery().AddFlag("gracefully", gracefully)) { TargetId = runId },
                cancellationToken);

        /// <summary>
        /// Turns a running run into a run of another Actor (<c>POST /v2/actor-runs/{runId}/metamorph</c>): same run id and
        /// default storages, the new input stored as INPUT-METAMORPH-n. Never repeated blindly.
        /// </summary>
        public Task<ApifyRun> MetamorphAsync(string runId, string targetActorId, string? build, ApifyInput? input,
            CancellationToken cancellationToken = default)
        {
            var query = new ApifyQuery().Add("targetActorId", targetActorId).Add("build", string.IsNullOrEmpty(build) ? null : build);
            return GetDataAsync<ApifyRun>(
                new ApifyRequest(HttpMethod.Post, ApifyPaths.RunMetamorph(runId), ApifyRequestPolicy.Start, query)
                {
                    TargetId = runId,
                    OutcomeCheck = ApifyOutcomeCheck.Run(runId),
                    Content = input == null ? (Func<HttpContent>?)null : input.ToContent,
                },
                cancellationToken);
        }

        /// <summary>Waits for a run to finish (the server's long poll in a loop; see <see cref="JobWaiter"/>).</summary>
        public Task<ApifyWaitResult<ApifyRun>> WaitAsync(string runId, ApifyWaitOptions options, ApifyRun? current = null,
            CancellationToken cancellationToken = default) =>
            JobWaiter.WaitAsync(Client, "run", runId, current, (wait, token) => GetAsync(runId, wait, token), options, cancellationToken);

        /// <summary>
        /// Runs an Actor synchronously (<c>POST /v2/actors/{actorId}/run-sync</c> with input, <c>GET</c> without) and returns
        /// its OUTPUT record (or <paramref name="outputRecordKey"/>). The server waits up to 300 s, so the request's own
        /// timeout is longer than that. A failed run (400 run-failed) and the server giving up (408 run-timeout-exceeded,
        /// the run goes on) are errors whose target is the run id; for a 408, which does not name the run, the client
        /// looks the run up among the Actor's runs still going that started with the request.
        /// </summary>
        public Task<ApifyActorOutput> RunSyncAsync(string actorId, ApifyInput? input, ApifyRunOptionsRequest? options = null,
            string? outputRecordKey = null, CancellationToken cancellationToken = default) =>
            RunSyncAsync(ApifyPaths.ActorRunSync(actorId), ApifyPaths.ActorRuns(actorId), actorId, ApifyOutcomeCheck.RunsOf(actorId),
                input, options, outputRecordKey, cancellationToken);

        /// <summary>
        /// The newest run of an Actor (<c>GET /v2/actors/{actorId}/runs/last</c>), optionally the newest of one status;
        /// a 404 when it has none.
        /// </summary>
        public Task<ApifyRun> LastAsync(string actorId, string? status = null, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyRun>(new ApifyRequest(HttpMethod.Get, ApifyPaths.ActorLastRun(actorId), ApifyRequestPolicy.Read,
                new ApifyQuery().Add("status", string.IsNullOrEmpty(status) ? null : status)) { TargetId = actorId }, cancellationToken);

        /// <summary>
        /// run-sync of an Actor or a task (<paramref name="runSyncPath"/>); <paramref name="runsPath"/> is where the run
        /// a 408 leaves going is looked up.
        /// </summary>
        internal async Task<ApifyActorOutput> RunSyncAsync(ApifyPath runSyncPath, ApifyPath runsPath, string targetId, ApifyOutcomeCheck outcomeCheck,
            ApifyInput? input, ApifyRunOptionsRequest? options, string? outputRecordKey, CancellationToken cancellationToken)
        {
            var actorId = targetId;
            var query = (options ?? new ApifyRunOptionsRequest()).AddTo(new ApifyQuery())
                .Add("outputRecordKey", string.IsNullOrEmpty(outputRecordKey) ? null : outputRecordKey);
            var request = new ApifyRequest(input == null ? HttpMethod.Get : HttpMethod.Post, runSyncPath,
                ApifyRequestPolicy.RunSync, query)
            {
                TargetId = actorId,
                Content = input == null ? (Func<HttpContent>?)null : input.ToContent,
                CapacityWait = options?.CapacityWait,
                OutcomeCheck = outcomeCheck,
            };
            var requestStarted = DateTime.UtcNow;
            try
            {
                return await Core.ExecuteAsync(request, async (response, token) =>
                {
                    using var body = await ResponseBody.ReadAllAsync(response, Core.RecordCap(ApifyBodyKind.RunOutput, $"the {(string.IsNullOrEmpty(outputRecordKey) ? "OUTPUT" : outputRecordKey)} record of a run",
                        "The run finished: write its record from the run's default key-value store to a file instead."), token).ConfigureAwait(false);
                    var type = response.Content.Headers.ContentType?.ToString();
                    return new ApifyActorOutput(body.ToArray(), body.Length == 0 ? null : type);
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (ApifyApiException ex) when (ex.ErrorType == ApifyErrorTypes.RunFailed)
            {
                var match = Regex.Match(ex.Message, @"run ID:\s*([A-Za-z0-9]+)");
                if (match.Success) ex.TargetId = match.Groups[1].Value;
                throw;
            }
            catch (ApifyApiException ex) when (ex.StatusCode == HttpStatusCode.RequestTimeout && ex.ErrorType == ApifyErrorTypes.RunTimeoutExceeded)
            {
                throw await NameTheTimedOutRunAsync(ex, runsPath, actorId, requestStarted, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// A 408 from run-sync does not say which run it started. That run is still going: it is among the Actor's READY /
        /// RUNNING runs started through the API, and it started when the request arrived. The server's clock is read from
        /// the Date header of the lookup's answer, so the client's clock being off does not matter; runs started within a
        /// few seconds of that moment are named (one is the usual case; several are all named).
        /// </summary>
        private async Task<ApifyApiException> NameTheTimedOutRunAsync(ApifyApiException ex, ApifyPath runsPath, string actorId, DateTime requestStarted,
            CancellationToken cancellationToken)
        {
            var filter = new ApifyJobFilter { Statuses = new[] { ApifyJobStatus.Ready, ApifyJobStatus.Running } };
            var query = filter.AddTo(new ApifyQuery()).Add("limit", 20L).AddFlag("desc", true);
            var lookup = new ApifyRequest(HttpMethod.Get, runsPath, ApifyRequestPolicy.Read, query) { TargetId = actorId };
            DateTimeOffset? serverNow = null;
            var answeredAt = DateTime.UtcNow;
            List<ApifyRun> candidates;
            try
            {
                var page = await Core.ExecuteAsync(lookup, (response, token) =>
                {
                    serverNow = response.Headers.Date;
                    answeredAt = DateTime.UtcNow;
                    return Core.ReadDataAsync<ListPage<ApifyRun>>(lookup, response, token);
                }, cancellationToken).ConfigureAwait(false);
                candidates = (page.Items ?? Array.Empty<ApifyRun>())
                    .Where(r => r.Origin == null || string.Equals(r.Origin, "API", StringComparison.OrdinalIgnoreCase))
                    .ToList();
            }
            catch (ApifyApiException)
            {
                return ex;
            }
            if (serverNow.HasValue)
            {
                // The Date header has whole seconds: the server's "now" is within [Date, Date + 1 s).
                var expectedStart = serverNow.Value.UtcDateTime.AddSeconds(0.5) - (answeredAt - requestStarted);
                candidates = candidates.Where(r => Math.Abs((ApifyQuery.ToUtc(r.StartedAt) - expectedStart).TotalSeconds) <= 2).ToList();
            }
            if (candidates.Count == 0) return ex;
            var named = candidates.Count == 1
                ? $"The run {candidates[0].Id} goes on; wait for it by its id."
                : $"The run goes on; it is one of {string.Join(", ", candidates.Select(r => r.Id))} (runs of this Actor started with the request).";
            return new ApifyApiException(ex.StatusCode, ex.ErrorType, ex.Message.TrimEnd('.') + ". " + named, ex.Method, ex.Path, ex)
            {
                TargetId = candidates.Count == 1 ? candidates[0].Id : ex.TargetId,
            };
        }

        // Reach: resurrect and reboot. Both start work again, so neither is repeated after an ambiguous failure: the
        // error names the run to look at.

        /// <summary>
        /// Resurrects a finished run (<c>POST /v2/actor-runs/{runId}/resurrect</c>): it runs again with the same id and
        /// storages; the options given (build, timeout, memory, ...) replace the run's own.
        /// </summary>
        public Task<ApifyRun> ResurrectAsync(string runId, ApifyRunOptionsRequest? options = null, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyRun>(
                new ApifyRequest(HttpMethod.Post, ApifyPaths.RunResurrect(runId), ApifyRequestPolicy.Start,
                    (options ?? new ApifyRunOptionsRequest()).AddTo(new ApifyQuery()))
                {
                    TargetId = runId,
                    OutcomeCheck = ApifyOutcomeCheck.Run(runId),
                },
                cancellationToken);

        /// <summary>Reboots a running run (<c>POST /v2/actor-runs/{runId}/reboot</c>): its container restarts; what it did not persist is lost.</summary>
        public Task<ApifyRun> RebootAsync(string runId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyRun>(
                new ApifyRequest(HttpMethod.Post, ApifyPaths.RunReboot(runId), ApifyRequestPolicy.Start)
                {
                    TargetId = runId,
                    OutcomeCheck = ApifyOutcomeCheck.Run(runId),
                },
                cancellationToken);

        /// <summary>
        /// Deletes a run (<c>DELETE /v2/actor-runs/{runId}</c>, 204). Only a finished run can go: the API's
        /// 400 comes back as the error. Idempotent, so repeated like any write.
        /// </summary>
        public Task DeleteAsync(string runId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.Run(runId), ApifyRequestPolicy.Write) { TargetId = runId }, cancellationToken);
    }
}
