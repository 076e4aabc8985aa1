namespace ApifyPS.Client
{
    /// <summary>One progress report of an <see cref="ApifyWaitGroup{T}"/>: how many of its waits have ended, and the latest job report.</summary>
    public sealed class ApifyWaitGroupProgress
    {
        public ApifyWaitGroupProgress(string kind, int finished, int total, TimeSpan elapsed, ApifyJobProgress? latest, bool completed)
        {
            Kind = kind;
            Finished = finished;
            Total = total;
            Elapsed = elapsed;
            Latest = latest;
            Completed = completed;
        }

        /// <summary>"build" or "run".</summary>
        public string Kind { get; }

        /// <summary>Waits ended so far (job terminal, gave up or failed).</summary>
        public int Finished { get; }

        /// <summary>Waits added so far.</summary>
        public int Total { get; }

        /// <summary>Since the group was made.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>The report of the job that reported last; null before any.</summary>
        public ApifyJobProgress? Latest { get; }

        /// <summary>True on the last report: every wait added has ended.</summary>
        public bool Completed { get; }
    }
}
