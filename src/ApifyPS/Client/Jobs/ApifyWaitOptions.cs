using System.Diagnostics;

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
}
