using System.Globalization;

namespace ApifyPS.Client
{
    /// <summary>
    /// A job that did not end well: it finished FAILED, TIMED-OUT or ABORTED, or the wait for it gave up (-Timeout)
    /// while it goes on. <see cref="ErrorId"/> is stable per case (ApifyBuildFailed, ApifyRunTimedOut,
    /// ApifyRunWaitTimeout, ...), so scripts can tell the platform's TIMED-OUT from their own patience running out.
    /// </summary>
    public sealed class ApifyJobException : ApifyException
    {
        private ApifyJobException(string message, string errorId, string kind, IApifyJob job, bool gaveUp)
            : base(ApifyErrorTypes.JobEndedBadly, message)
        {
            ErrorId = errorId;
            Kind = kind;
            Job = job;
            TargetId = job.Id;
            GaveUp = gaveUp;
        }

        public string ErrorId { get; }

        /// <summary>"build" or "run".</summary>
        public string Kind { get; }

        public IApifyJob Job { get; }

        /// <summary>True when the wait gave up; the job is still going.</summary>
        public bool GaveUp { get; }

        /// <summary>The error for how a wait ended, or null when the job SUCCEEDED.</summary>
        public static ApifyJobException? FromWait<T>(string kind, ApifyWaitResult<T> result) where T : class, IApifyJob
        {
            if (result.GaveUp)
            {
                var job = result.Job;
                return new ApifyJobException(
                    $"Gave up waiting for {kind} {job.Id} after {Seconds(result.Elapsed)} (the -Timeout); it is {job.Status} and keeps going." +
                    StatusNote(job),
                    Prefix(kind) + "WaitTimeout", kind, job, gaveUp: true);
            }
            return FromStatus(kind, result.Job);
        }

        /// <summary>The error for a terminal job, or null when it SUCCEEDED (or is not terminal).</summary>
        public static ApifyJobException? FromStatus(string kind, IApifyJob job)
        {
            string suffix;
            switch (job.Status)
            {
                case ApifyJobStatus.Failed: suffix = "Failed"; break;
                case ApifyJobStatus.TimedOut: suffix = "TimedOut"; break;
                case ApifyJobStatus.Aborted: suffix = "Aborted"; break;
                default: return null;
            }
            var took = job.FinishedAt.HasValue ? $" after {Seconds(job.FinishedAt.Value - job.StartedAt)}" : "";
            return new ApifyJobException($"The {kind} {job.Id} ended {job.Status}{took}." + StatusNote(job), Prefix(kind) + suffix, kind, job, gaveUp: false);
        }

        private static string Prefix(string kind) => kind == "build" ? "ApifyBuild" : "ApifyRun";

        private static string StatusNote(IApifyJob job) => string.IsNullOrEmpty(job.StatusMessage) ? "" : $" Status message: {job.StatusMessage}";

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
    }
}
