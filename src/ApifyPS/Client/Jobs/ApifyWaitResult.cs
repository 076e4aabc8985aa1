using System.Diagnostics;

namespace ApifyPS.Client
{
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
}
