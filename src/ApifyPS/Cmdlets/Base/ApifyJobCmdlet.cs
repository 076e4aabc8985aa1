using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// What the cmdlets that start, stop and wait for builds and runs share: turning the core's wait progress into
    /// Write-Progress (on the pipeline thread), and writing a job's end: the object always, then a non-terminating
    /// error when it ended FAILED / TIMED-OUT / ABORTED or the wait gave up, so -ErrorAction Stop fails a script
    /// while an interactive user still gets the object.
    /// </summary>
    public abstract class ApifyJobCmdlet : ApifyCmdlet
    {
        private readonly Dictionary<string, int> _activityIds = new Dictionary<string, int>(StringComparer.Ordinal);

        /// <summary>
        /// Wait options that report progress through Write-Progress; <paramref name="timeout"/> null waits until the end.
        /// With <paramref name="showLog"/> the job's log goes to the Information stream (tag ApifyLog) line by line while
        /// waiting (-ShowLog; -InformationAction Continue shows it).
        /// </summary>
        protected ApifyWaitOptions WaitOptions(TimeSpan? timeout, bool showLog = false) =>
            new ApifyWaitOptions
            {
                Timeout = timeout,
                Progress = new PostedProgress(this, timeout),
                LogLine = showLog ? line => Post(() => WriteInformation(line, LogTags)) : (Action<string>?)null,
            };

        private static readonly string[] LogTags = { "ApifyLog" };

        /// <summary>Writes the job, then the error its end calls for (if any).</summary>
        protected void WriteWaitResult<T>(string kind, ApifyWaitResult<T> result) where T : class, IApifyJob
        {
            WriteObject(result.Job);
            var error = ApifyJobException.FromWait(kind, result);
            if (error != null) WriteError(ToErrorRecord(error));
        }

        internal static ErrorRecord ToErrorRecord(ApifyJobException error)
        {
            var category = error.GaveUp ? ErrorCategory.OperationTimeout
                : error.Job.Status == ApifyJobStatus.TimedOut ? ErrorCategory.OperationTimeout
                : error.Job.Status == ApifyJobStatus.Aborted ? ErrorCategory.OperationStopped
                : ErrorCategory.InvalidResult;
            return new ErrorRecord(error, error.ErrorId, category, error.Job);
        }

        private int ActivityId(string id)
        {
            if (!_activityIds.TryGetValue(id, out var activityId))
                _activityIds[id] = activityId = 0x4150 + _activityIds.Count; // distinct per job within this command
            return activityId;
        }

        private void WriteJobProgress(ApifyJobProgress p, TimeSpan? timeout)
        {
            var elapsed = p.Elapsed.ToString(p.Elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
            var status = $"{p.Status ?? "waiting for the first answer"}, waited {elapsed}";
            if (!string.IsNullOrEmpty(p.StatusMessage)) status += ": " + p.StatusMessage;
            var record = new ProgressRecord(ActivityId(p.Id), $"Waiting for Apify {p.Kind} {p.Id}", status);
            if (timeout.HasValue) record.SecondsRemaining = (int)Math.Max(0, (timeout.Value - p.Elapsed).TotalSeconds);
            if (p.Completed) record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }

        /// <summary>Receives the core's reports on any thread and posts them to the pipeline thread.</summary>
        private sealed class PostedProgress : IProgress<ApifyJobProgress>
        {
            private readonly ApifyJobCmdlet _cmdlet;
            private readonly TimeSpan? _timeout;

            public PostedProgress(ApifyJobCmdlet cmdlet, TimeSpan? timeout)
            {
                _cmdlet = cmdlet;
                _timeout = timeout;
            }

            public void Report(ApifyJobProgress value) => _cmdlet.Post(() => _cmdlet.WriteJobProgress(value, _timeout));
        }
    }
}
