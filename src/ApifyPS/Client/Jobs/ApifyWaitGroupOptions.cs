namespace ApifyPS.Client
{
    /// <summary>How an <see cref="ApifyWaitGroup{T}"/> waits: the kind of job, the bound on the whole group, concurrency, progress, logs.</summary>
    public sealed class ApifyWaitGroupOptions
    {
        /// <summary>Waits held at once by default: enough for a few hundred jobs to be watched together.</summary>
        public const int DefaultMaxConcurrent = 256;

        /// <summary>"build" or "run".</summary>
        public string Kind { get; set; } = "run";

        /// <summary>Bounds the whole group, from when it was made: each wait gets what is left of it when it starts. Null: no bound.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>
        /// At most this many waits run at once; the others start, in the order added, as running ones end. Each wait
        /// holds one long poll (one connection) at a time.
        /// </summary>
        public int MaxConcurrent { get; set; } = DefaultMaxConcurrent;

        /// <summary>Receives the group's progress at most every <see cref="ProgressInterval"/>, on every end, and a final report.</summary>
        public IProgress<ApifyWaitGroupProgress>? Progress { get; set; }

        public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Receives each job's log lines (the job id, the line) while waiting, on any thread; null: logs are not read.</summary>
        public Action<string, string>? LogLine { get; set; }

        /// <summary>The shortest time between two polls of one job (see <see cref="ApifyWaitOptions.MinPollInterval"/>).</summary>
        public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromSeconds(1);
    }
}
