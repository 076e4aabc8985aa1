using System.Diagnostics;

namespace ApifyPS.Client
{
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
}
