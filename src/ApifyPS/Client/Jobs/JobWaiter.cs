using System.Diagnostics;

namespace ApifyPS.Client
{
    /// <summary>Waiting for builds and runs: the server's long poll in a loop, progress, the job's log alongside.</summary>
    internal static class JobWaiter
    {
        /// <summary>
        /// Waits for a job with the server's long poll: <c>GET ...?waitForFinish=min(60, remaining)</c> in a loop,
        /// never a sleep-poll, so a job of T seconds costs at most ceil(T/60)+1 requests. Reports progress every
        /// <see cref="ApifyWaitOptions.ProgressInterval"/> while a poll is held. Cancellation ends the wait at once
        /// and never touches the job. <paramref name="current"/>, when given, is the job as already known: a terminal
        /// one is returned without a request.
        /// </summary>
        public static async Task<ApifyWaitResult<T>> WaitAsync<T>(ApifyClient client, string kind, string id, T? current,
            Func<int, CancellationToken, Task<T>> poll, ApifyWaitOptions options, CancellationToken cancellationToken)
            where T : class, IApifyJob
        {
            var stopwatch = Stopwatch.StartNew();
            var requests = 0;
            var job = current;
            using var log = options.LogLine == null ? null : new LogFollower(client, kind, id, options.LogLine, client.Core.Log, cancellationToken);
            while (job == null || !job.IsTerminal)
            {
                var remaining = options.Timeout.HasValue ? options.Timeout.Value - stopwatch.Elapsed : (TimeSpan?)null;
                if (job != null && remaining.HasValue && remaining.Value <= TimeSpan.Zero) break;
                var wait = remaining.HasValue
                    ? (int)Math.Min(ApifyWaitOptions.MaxLongPollSeconds, Math.Max(0, Math.Ceiling(remaining.Value.TotalSeconds)))
                    : ApifyWaitOptions.MaxLongPollSeconds;
                var pollStarted = stopwatch.Elapsed;
                var pending = poll(wait, cancellationToken);
                requests++;
                while (!pending.IsCompleted)
                {
                    Report(options, kind, id, job, stopwatch.Elapsed, false);
                    await Task.WhenAny(pending, Task.Delay(options.ProgressInterval, cancellationToken)).ConfigureAwait(false);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        _ = pending.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
                job = await pending.ConfigureAwait(false);
                if (job.IsTerminal) break;
                if (options.Timeout.HasValue && stopwatch.Elapsed >= options.Timeout.Value) break;
                // The server should have held the request for `wait` seconds; if it answered early, do not hammer it.
                var early = options.MinPollInterval - (stopwatch.Elapsed - pollStarted);
                if (wait > 0 && early > TimeSpan.Zero)
                {
                    Report(options, kind, id, job, stopwatch.Elapsed, false);
                    await Task.Delay(early, cancellationToken).ConfigureAwait(false);
                }
            }
            // The job is written after its whole log: the server ends the followed log when the job ends.
            if (log != null && job.IsTerminal) await log.DrainAsync(options.LogDrainTimeout, cancellationToken).ConfigureAwait(false);
            Report(options, kind, id, job, stopwatch.Elapsed, true);
            return new ApifyWaitResult<T>(job, !job.IsTerminal, stopwatch.Elapsed, requests);
        }

        private static void Report(ApifyWaitOptions options, string kind, string id, IApifyJob? job, TimeSpan elapsed, bool completed) =>
            options.Progress?.Report(new ApifyJobProgress(kind, id, job, elapsed, completed));
    }
}
