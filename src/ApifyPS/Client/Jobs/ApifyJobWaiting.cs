using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ApifyPS.Models;

namespace ApifyPS.Client
{
    /// <summary>How long to wait for a job and where to report progress.</summary>
    public sealed class ApifyWaitOptions
    {
        /// <summary>The API's longest <c>waitForFinish</c>, in seconds.</summary>
        public const int MaxLongPollSeconds = 60;

        /// <summary>Give up after this long (the job keeps running); null waits until the job is terminal.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>Receives a report at least every <see cref="ProgressInterval"/> while waiting, and a final one.</summary>
        public IProgress<ApifyJobProgress>? Progress { get; set; }

        public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// The shortest time between two polls. Only matters with a server that answers a long poll early without
        /// a terminal status (it should hold the request): the loop then does not hammer it.
        /// </summary>
        public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// Receives the job's log line by line while waiting (followed with the API's <c>stream=1</c> next to the
        /// polls), on any thread; null: the log is not read.
        /// </summary>
        public Action<string>? LogLine { get; set; }

        /// <summary>Once the job is finished, how long to wait at most for the rest of its log (the server ends it with the job).</summary>
        public TimeSpan LogDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
    }

    /// <summary>One progress report of a wait: the job as last seen and how long the wait has taken.</summary>
    public sealed class ApifyJobProgress
    {
        public ApifyJobProgress(string kind, string id, IApifyJob? job, TimeSpan elapsed, bool completed)
        {
            Kind = kind;
            Id = id;
            Job = job;
            Elapsed = elapsed;
            Completed = completed;
        }

        /// <summary>"build" or "run".</summary>
        public string Kind { get; }

        public string Id { get; }

        /// <summary>The job as the last answer gave it; null before the first answer.</summary>
        public IApifyJob? Job { get; }

        public string? Status => Job?.Status;

        public string? StatusMessage => Job?.StatusMessage;

        public TimeSpan Elapsed { get; }

        /// <summary>True on the last report: the job is terminal or the wait gave up.</summary>
        public bool Completed { get; }
    }

    /// <summary>The end of a wait: the job as last seen, and whether the wait gave up before the job finished.</summary>
    public sealed class ApifyWaitResult<T> where T : class, IApifyJob
    {
        public ApifyWaitResult(T job, bool gaveUp, TimeSpan elapsed, int requests)
        {
            Job = job;
            GaveUp = gaveUp;
            Elapsed = elapsed;
            Requests = requests;
        }

        public T Job { get; }

        /// <summary>True when the timeout passed first; the job is not terminal and keeps running.</summary>
        public bool GaveUp { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>How many requests the wait sent.</summary>
        public int Requests { get; }
    }

    public sealed partial class ApifyClient
    {
        /// <summary>
        /// Waits for a job with the server's long poll: <c>GET ...?waitForFinish=min(60, remaining)</c> in a loop,
        /// never a sleep-poll, so a job of T seconds costs at most ceil(T/60)+1 requests. Reports progress every
        /// <see cref="ApifyWaitOptions.ProgressInterval"/> while a poll is held. Cancellation ends the wait at once
        /// and never touches the job. <paramref name="current"/>, when given, is the job as already known: a terminal
        /// one is returned without a request.
        /// </summary>
        internal async Task<ApifyWaitResult<T>> WaitForJobAsync<T>(string kind, string id, T? current,
            Func<int, CancellationToken, Task<T>> poll, ApifyWaitOptions options, CancellationToken cancellationToken)
            where T : class, IApifyJob
        {
            var stopwatch = Stopwatch.StartNew();
            var requests = 0;
            var job = current;
            using var log = options.LogLine == null ? null : new LogFollower(this, kind, id, options.LogLine, Log, cancellationToken);
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

        /// <summary>A GET of a job, held by the server up to <paramref name="waitSeconds"/> (a long poll when > 0).</summary>
        private ApifyRequest JobRequest(ApifyPath path, string id, int waitSeconds)
        {
            var query = new ApifyQuery().Add("waitForFinish", waitSeconds > 0 ? waitSeconds : (long?)null);
            return new ApifyRequest(HttpMethod.Get, path, query, waitSeconds > 0 ? ApifyRequestKind.LongPoll : ApifyRequestKind.Read)
            {
                TargetId = id,
                Timeout = waitSeconds > 0 ? TimeSpan.FromSeconds(waitSeconds) + Options.LongPollMargin : (TimeSpan?)null,
            };
        }
    }
}
