namespace ApifyPS.Models
{
    /// <summary>The statuses of Actor jobs (builds and runs), as the API spells them.</summary>
    public static class ApifyJobStatus
    {
        public const string Ready = "READY";
        public const string Running = "RUNNING";
        public const string Succeeded = "SUCCEEDED";
        public const string Failed = "FAILED";
        public const string TimingOut = "TIMING-OUT";
        public const string TimedOut = "TIMED-OUT";
        public const string Aborting = "ABORTING";
        public const string Aborted = "ABORTED";

        public static readonly string[] All = { Ready, Running, Succeeded, Failed, TimingOut, TimedOut, Aborting, Aborted };

        /// <summary>SUCCEEDED, FAILED, TIMED-OUT and ABORTED never change again.</summary>
        public static bool IsTerminal(string? status) =>
            string.Equals(status, Succeeded, StringComparison.Ordinal) ||
            string.Equals(status, Failed, StringComparison.Ordinal) ||
            string.Equals(status, TimedOut, StringComparison.Ordinal) ||
            string.Equals(status, Aborted, StringComparison.Ordinal);
    }
}
