using System.Globalization;
using System.Management.Automation;
using System.Runtime.ExceptionServices;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// What Wait-ApifyBuild and Wait-ApifyRun share: jobs by id or from the pipeline, all waited for at once by the
    /// core's <see cref="ApifyWaitGroup{T}"/> (each a server long poll), each final job written as soon as it ends, in
    /// the order they end (with its error when it ended badly); -Any writes only the first job to end; -Timeout bounds
    /// the whole command; one progress bar counts the jobs finished. Waits start as input arrives (ProcessRecord),
    /// jobs that ended meanwhile are written then, and EndProcessing waits for the rest. Everything is written from
    /// the pipeline thread. A derived cmdlet declares <see cref="Id"/> (its alias and path segment) and its wait call.
    /// </summary>
    public abstract class JobWaitCmdlet<TJob> : ApifyObjectCmdlet where TJob : ApifyResource, IApifyJob
    {
        protected const string IdSet = "ById";
        private const int ProgressActivityId = 0x4157;
        private static readonly string[] LogTags = { "ApifyLog" };
        private ApifyWaitGroup<TJob>? _group;
        private string? _firstId;
        private bool _anyWritten;

        /// <summary>Job ids (declared by the derived cmdlet).</summary>
        public abstract string[] Id { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        [Parameter]
        public SwitchParameter ShowLog { get; set; }

        [Parameter]
        public SwitchParameter Any { get; set; }

        /// <summary>"build" or "run".</summary>
        protected abstract string Kind { get; }

        protected abstract Task<ApifyWaitResult<TJob>> WaitAsync(string id, ApifyWaitOptions options, CancellationToken cancellationToken);

        private TimeSpan? Bound => MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : (TimeSpan?)null;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // -Timeout bounds the whole command, from here: each job gets what is left of it when its wait starts.
            _group = new ApifyWaitGroup<TJob>(WaitAsync, new ApifyWaitGroupOptions
            {
                Kind = Kind,
                Timeout = Bound,
                Progress = new PostedGroupProgress(this),
                LogLine = ShowLog ? (id, line) => Post(() => WriteInformation(line, new[] { LogTags[0], id })) : (Action<string, string>?)null,
            }, CancellationToken);
        }

        protected override void ProcessRecord()
        {
            if (_anyWritten) return; // -Any: a job has ended; the rest of the input is not waited for
            try
            {
                if (ParameterSetName == IdSet) Add(Id);
                else if (InputObject is TJob job) Add(new[] { job.Id });
                else WriteUnsupportedInput(InputObject!, "a " + Kind);
                DrainPosted();
                while (!_anyWritten && _group!.TryTake(out var end))
                {
                    DrainPosted(); // the job's last progress and log lines were posted before its end: they go first
                    WriteEnd(end);
                }
            }
            catch
            {
                // A stop downstream (Select-Object -First), -ErrorAction Stop: the other waits end now, not later.
                _group?.Dispose();
                throw;
            }
        }

        protected override void EndProcessing()
        {
            var group = _group!;
            try
            {
                while (!_anyWritten && group.Pending > 0)
                {
                    var end = Await(group.NextAsync());
                    if (end != null) WriteEnd(end);
                }
                if (group.Count > 0)
                    WriteGroupProgress(new ApifyWaitGroupProgress(Kind, group.Finished, group.Count, TimeSpan.Zero, null, true), completed: true);
            }
            finally
            {
                group.Dispose();
            }
        }

        private void Add(string[] ids)
        {
            if (ids.Length == 0) return;
            _ = Client; // resolves the connection here, on the pipeline thread: "not connected" is terminating
            _firstId ??= ids[0];
            _group!.AddRange(ids);
        }

        /// <summary>One wait's end: the job (and its error when it ended badly), or the failure of the wait for it.</summary>
        private void WriteEnd(ApifyWaitEnd<TJob> end)
        {
            if (end.Failure is ApifyException failure)
            {
                WriteError(ErrorRecordFor(failure, end.Id));
                return;
            }
            if (end.Failure != null) ExceptionDispatchInfo.Capture(end.Failure).Throw();
            if (Any && end.JobEnded)
            {
                _anyWritten = true;
                _group!.Cancel();
            }
            WriteWaitResult(Kind, end.Result!);
        }

        private void WriteGroupProgress(ApifyWaitGroupProgress p, bool completed)
        {
            var single = p.Total == 1;
            var activity = single ? $"Waiting for Apify {Kind} {_firstId}" : $"Waiting for Apify {Kind}s";
            var status = $"{p.Finished} of {p.Total} finished";
            if (!completed)
            {
                status += ", waited " + p.Elapsed.ToString(p.Elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
                var latest = p.Latest;
                if (single && latest?.Status != null)
                {
                    status += "; " + latest.Status;
                    if (!string.IsNullOrEmpty(latest.StatusMessage)) status += ": " + latest.StatusMessage;
                }
            }
            var record = new ProgressRecord(ProgressActivityId, activity, status)
            {
                PercentComplete = p.Total == 0 ? 0 : Math.Min(100, p.Finished * 100 / p.Total),
            };
            if (!completed && Bound is TimeSpan bound) record.SecondsRemaining = (int)Math.Max(0, (bound - p.Elapsed).TotalSeconds);
            if (completed) record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }

        /// <summary>Receives the group's reports on any thread and posts them to the pipeline thread.</summary>
        private sealed class PostedGroupProgress : IProgress<ApifyWaitGroupProgress>
        {
            private readonly JobWaitCmdlet<TJob> _cmdlet;

            public PostedGroupProgress(JobWaitCmdlet<TJob> cmdlet) => _cmdlet = cmdlet;

            public void Report(ApifyWaitGroupProgress value) => _cmdlet.Post(() => _cmdlet.WriteGroupProgress(value, completed: false));
        }
    }
}
