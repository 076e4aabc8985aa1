using System.Collections.Concurrent;
using System.Diagnostics;

namespace ApifyPS.Client
{
    /// <summary>
    /// Waits for many jobs at once: each job added gets its own wait (<see cref="JobWaiter"/>'s long poll, so a job of T
    /// seconds still costs at most ceil(T/60)+1 requests), at most <see cref="ApifyWaitGroupOptions.MaxConcurrent"/>
    /// of them running, every request under the request core's pacing and retries like any other. Ends are taken in
    /// the order the waits ended (<see cref="NextAsync"/>, <see cref="TryTake"/>), so a caller writes each job as soon
    /// as it is done. Cancellation (the caller's token, or <see cref="Cancel"/>) ends every wait at once and never
    /// touches the jobs. Jobs can be added while others are being waited for (pipeline input).
    /// <para>Add, TryTake and NextAsync are for one caller at a time (the pipeline thread); the waits run anywhere.</para>
    /// </summary>
    public sealed class ApifyWaitGroup<T> : IDisposable where T : class, IApifyJob
    {
        private readonly Func<string, ApifyWaitOptions, CancellationToken, Task<ApifyWaitResult<T>>> _wait;
        private readonly ApifyWaitGroupOptions _options;
        private readonly CancellationTokenSource _cancellation;
        private readonly SemaphoreSlim _slots;
        private readonly SemaphoreSlim _ready = new SemaphoreSlim(0);
        private readonly ConcurrentQueue<ApifyWaitEnd<T>> _ended = new ConcurrentQueue<ApifyWaitEnd<T>>();
        private readonly List<Task> _waits = new List<Task>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private ApifyJobProgress? _latest;
        private long _lastReportTicks = long.MinValue / 2;
        private int _added;
        private int _finished;
        private int _taken;
        private bool _disposed;

        /// <param name="wait">One job's wait (the resource client's <c>WaitAsync</c>), given the job id, its options and the group's token.</param>
        public ApifyWaitGroup(Func<string, ApifyWaitOptions, CancellationToken, Task<ApifyWaitResult<T>>> wait,
            ApifyWaitGroupOptions options, CancellationToken cancellationToken)
        {
            _wait = wait ?? throw new ArgumentNullException(nameof(wait));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.MaxConcurrent < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrent must be at least 1.");
            _slots = new SemaphoreSlim(options.MaxConcurrent);
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        /// <summary>Waits added.</summary>
        public int Count => Volatile.Read(ref _added);

        /// <summary>Waits that have ended (taken or not).</summary>
        public int Finished => Volatile.Read(ref _finished);

        /// <summary>Waits added whose end has not been taken yet: <see cref="NextAsync"/> returns null once this is 0.</summary>
        public int Pending => Count - Volatile.Read(ref _taken);

        /// <summary>Starts waiting for a job (at once, or as soon as a running wait ends when the group is at its bound).</summary>
        public void Add(string id) => AddRange(new[] { id });

        /// <summary>Starts waiting for jobs; all of them count in the group's reports from the first on.</summary>
        public void AddRange(IReadOnlyList<string> ids)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(ApifyWaitGroup<T>));
            Interlocked.Add(ref _added, ids.Count);
            foreach (var id in ids)
            {
                var wait = RunAsync(id);
                lock (_waits) _waits.Add(wait);
            }
        }

        /// <summary>The end of a wait that has already ended, without waiting; false when none has ended (or every end was taken).</summary>
        public bool TryTake(out ApifyWaitEnd<T> end)
        {
            if (_ready.Wait(0) && _ended.TryDequeue(out end!))
            {
                Interlocked.Increment(ref _taken);
                return true;
            }
            end = null!;
            return false;
        }

        /// <summary>
        /// The next wait to end, in the order they end; null when every wait added has been taken. Cancellation ends
        /// it with <see cref="OperationCanceledException"/>.
        /// </summary>
        public async Task<ApifyWaitEnd<T>?> NextAsync()
        {
            if (Pending <= 0) return null;
            await _ready.WaitAsync(_cancellation.Token).ConfigureAwait(false);
            _ended.TryDequeue(out var end);
            Interlocked.Increment(ref _taken);
            return end;
        }

        /// <summary>Ends every wait still running, at once (their ends are not reported); the jobs are not touched.</summary>
        public void Cancel()
        {
            try { _cancellation.Cancel(); } catch (ObjectDisposedException) { }
        }

        /// <summary>Cancels what is still running; the token source goes once the waits have seen it.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Cancel();
            Task[] waits;
            lock (_waits) waits = _waits.ToArray();
            Task.WhenAll(waits).ContinueWith((_, state) => ((CancellationTokenSource)state!).Dispose(), _cancellation,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private async Task RunAsync(string id)
        {
            var token = _cancellation.Token;
            ApifyWaitEnd<T> end;
            try
            {
                await _slots.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    end = new ApifyWaitEnd<T>(id, await _wait(id, OptionsFor(id), token).ConfigureAwait(false), null);
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return; // the group was cancelled: nobody takes this end
            }
            catch (Exception ex)
            {
                end = new ApifyWaitEnd<T>(id, null, ex);
            }
            Interlocked.Increment(ref _finished);
            Report(force: true);
            _ended.Enqueue(end);
            _ready.Release();
        }

        /// <summary>A job's own wait options: what is left of the group's bound, its reports into the group's.</summary>
        private ApifyWaitOptions OptionsFor(string id)
        {
            TimeSpan? remaining = null;
            if (_options.Timeout.HasValue)
            {
                remaining = _options.Timeout.Value - _clock.Elapsed;
                if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
            }
            var logLine = _options.LogLine;
            return new ApifyWaitOptions
            {
                Timeout = remaining,
                Progress = new JobReports(this),
                ProgressInterval = _options.ProgressInterval,
                MinPollInterval = _options.MinPollInterval,
                LogLine = logLine == null ? null : line => logLine(id, line),
            };
        }

        /// <summary>
        /// Reports the group's state: on every end (<paramref name="force"/>), otherwise at most once per interval
        /// however many jobs report (each of them does every interval).
        /// </summary>
        private void Report(bool force)
        {
            var progress = _options.Progress;
            if (progress == null) return;
            var now = _clock.Elapsed.Ticks;
            var last = Interlocked.Read(ref _lastReportTicks);
            if (force) Interlocked.Exchange(ref _lastReportTicks, now);
            else if (now - last < _options.ProgressInterval.Ticks || Interlocked.CompareExchange(ref _lastReportTicks, now, last) != last) return;
            var finished = Finished;
            var total = Count;
            progress.Report(new ApifyWaitGroupProgress(_options.Kind, finished, total, _clock.Elapsed, Volatile.Read(ref _latest), finished >= total));
        }

        private sealed class JobReports : IProgress<ApifyJobProgress>
        {
            private readonly ApifyWaitGroup<T> _group;

            public JobReports(ApifyWaitGroup<T> group) => _group = group;

            public void Report(ApifyJobProgress value)
            {
                Volatile.Write(ref _group._latest, value);
                if (!value.Completed) _group.Report(force: false);
            }
        }
    }
}
