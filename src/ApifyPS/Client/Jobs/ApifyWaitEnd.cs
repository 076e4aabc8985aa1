namespace ApifyPS.Client
{
    /// <summary>
    /// How one wait of an <see cref="ApifyWaitGroup{T}"/> ended: its result (the job terminal, or the wait gave up at
    /// the timeout), or the failure that ended it (an <see cref="ApifyException"/> for a request that failed).
    /// </summary>
    public sealed class ApifyWaitEnd<T> where T : class, IApifyJob
    {
        public ApifyWaitEnd(string id, ApifyWaitResult<T>? result, Exception? failure)
        {
            Id = id;
            Result = result;
            Failure = failure;
        }

        /// <summary>The job id the wait was for.</summary>
        public string Id { get; }

        /// <summary>The end of the wait; null when it failed.</summary>
        public ApifyWaitResult<T>? Result { get; }

        /// <summary>What ended the wait when it failed; null otherwise.</summary>
        public Exception? Failure { get; }

        /// <summary>True when the job itself ended (any terminal status), not the wait.</summary>
        public bool JobEnded => Result != null && !Result.GaveUp;
    }
}
