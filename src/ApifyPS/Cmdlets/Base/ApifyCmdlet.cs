using System.Globalization;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Net;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// What every ApifyPS cmdlet shares: the client for this invocation, cancellation (a token source made in
    /// BeginProcessing and cancelled by Ctrl+C in StopProcessing, passed to every request and wait), a bridge that
    /// runs the core's async work while delivering its verbose/progress messages on the pipeline thread, and the one
    /// mapping of failures to error records: <see cref="TryAwait{T}"/>, <see cref="WriteAwaited{T}"/> and
    /// <see cref="WriteStream{T}"/> run a call into the core and write its failure as a non-terminating error for
    /// the target, so a cmdlet has no try/catch of its own for API errors.
    /// </summary>
    public abstract class ApifyCmdlet : PSCmdlet, IDisposable
    {
        private readonly ConcurrentQueue<Action> _pending = new ConcurrentQueue<Action>();
        // No spinning: waits are for the network (milliseconds), and a spinning pipeline thread takes the CPU that
        // the rest of the client, or a server on the same machine, needs to end the wait.
        private readonly ManualResetEventSlim _signal = new ManualResetEventSlim(false, spinCount: 0);
        private CancellationTokenSource _cancellation = new CancellationTokenSource();
        private ApifyClient? _client;

        /// <summary>Cancelled when the user presses Ctrl+C (or the pipeline is stopped).</summary>
        protected CancellationToken CancellationToken => _cancellation.Token;

        /// <summary>The client for this invocation, made on first use from the resolved connection.</summary>
        protected ApifyClient Client => _client ??= CreateClient();

        /// <summary>
        /// -Profile: the stored profile this call uses, for this call only, ahead of the session and $env:APIFY_TOKEN
        /// (the connection cmdlets declare their own -Profile, the profile they store, show or remove).
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(ApifyProfileCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Profile { get; set; }

        protected override void BeginProcessing()
        {
            if (_cancellation.IsCancellationRequested)
            {
                _cancellation.Dispose();
                _cancellation = new CancellationTokenSource();
            }
            DebugWithoutInquiry.Apply(this);
        }

        protected override void StopProcessing()
        {
            _cancellation.Cancel();
            _signal.Set();
        }

        public void Dispose()
        {
            // A pipeline that failed elsewhere ends without StopProcessing: what this invocation still runs ends too.
            try { _cancellation.Cancel(); } catch (ObjectDisposedException) { }
            _cancellation.Dispose();
            _signal.Dispose();
            GC.SuppressFinalize(this);
        }

        private ApifyClient CreateClient()
        {
            ApifyConnection connection;
            var sources = CurrentSources();
            try
            {
                connection = ResolveConnection(sources);
            }
            catch (ApifyException ex)
            {
                WriteCredentialWarnings(sources);
                ThrowTerminatingError(ApifyErrorRecords.For(ex, null));
                throw; // not reached
            }
            WriteCredentialWarnings(sources);
            return ClientFor(connection);
        }

        /// <summary>Warns about the credential files others can open that the resolver used, each once per session.</summary>
        protected void WriteCredentialWarnings(ConnectionSources sources)
        {
            foreach (var warning in sources.TakeWarnings()) WriteWarning(warning.Message);
        }

        /// <summary>A client for a given connection (Connect-Apify's candidate, a stored profile), with this invocation's options.</summary>
        protected ApifyClient ClientFor(ApifyConnection connection) => new ApifyClient(connection, ClientOptions());

        /// <summary>The options of this invocation's clients: verbose lines delivered on the pipeline thread.</summary>
        protected ApifyClientOptions ClientOptions() => new ApifyClientOptions
        {
            Verbose = line => Post(() => WriteVerbose(line)),
            Debug = DebugWithoutInquiry.IsWanted(this) ? line => Post(() => WriteDebug(line)) : (Action<string>?)null,
        };

        /// <summary>
        /// The connection requests use: -Profile's stored profile when given, else see <see cref="ConnectionResolver"/>
        /// for the order of sources.
        /// </summary>
        protected virtual ApifyConnection ResolveConnection(ConnectionSources sources) =>
            Profile != null ? ConnectionResolver.ResolveProfile(sources, Profile) : ConnectionResolver.Resolve(sources);

        /// <summary>Where connections come from: this process's session, environment and the user's files and vaults.</summary>
        protected ConnectionSources CurrentSources() => ApifyPS.Client.ConnectionSources.ForCurrentUser(new PowerShellSecretVault());

        /// <summary>Queues work for the pipeline thread (WriteVerbose, WriteProgress, ...); it runs inside the next Await.</summary>
        protected void Post(Action action)
        {
            _pending.Enqueue(action);
            try { _signal.Set(); } catch (ObjectDisposedException) { }
        }

        /// <summary>Runs what the core has posted so far (progress, verbose lines), without waiting for anything.</summary>
        protected void DrainPosted() => Drain();

        /// <summary>Writes an object from any thread: queued and written on the pipeline thread inside the next Await.</summary>
        internal void PostOutput(object value) => Post(() => WriteObject(value));

        /// <summary>
        /// Waits for the core's task on the pipeline thread, delivering posted messages meanwhile. Ctrl+C ends the
        /// wait at once with PipelineStoppedException, even if the task has not finished yet.
        /// </summary>
        protected T Await<T>(Task<T> task)
        {
            if (!task.IsCompleted) WakeWhenDone(task);
            while (true)
            {
                _signal.Reset();
                Drain();
                if (task.IsCompleted) break;
                if (_cancellation.IsCancellationRequested)
                {
                    Observe(task);
                    throw new PipelineStoppedException();
                }
                _signal.Wait();
            }
            Drain();
            if (task.IsCanceled && _cancellation.IsCancellationRequested) throw new PipelineStoppedException();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected void Await(Task task) => Await(AsUnit(task));

        /// <summary>
        /// Enumerates the core's async stream on the pipeline thread, one item at a time (lazily). Items that are
        /// ready are taken without a thread switch. When the consumer stops (Select-Object -First, Ctrl+C, an
        /// error), the enumerator is disposed at once, which cancels whatever it has requested ahead.
        /// </summary>
        protected IEnumerable<T> Stream<T>(IAsyncEnumerable<T> source)
        {
            var enumerator = source.GetAsyncEnumerator(CancellationToken);
            Task<bool>? waiting = null;
            try
            {
                while (true)
                {
                    var next = enumerator.MoveNextAsync();
                    bool hasItem;
                    if (next.IsCompleted)
                    {
                        // Finished before we looked (a fast answer while this thread was descheduled): what it posted
                        // (verbose lines, the total count) must still be written, and before the item.
                        try { hasItem = next.GetAwaiter().GetResult(); }
                        finally { Drain(); }
                    }
                    else
                    {
                        waiting = next.AsTask();
                        hasItem = Await(waiting);
                        waiting = null;
                    }
                    if (!hasItem) yield break;
                    yield return enumerator.Current;
                }
            }
            finally
            {
                if (waiting != null && !waiting.IsCompleted)
                {
                    // Stopped (Ctrl+C) while a step was still running: an async enumerator cannot be disposed
                    // mid-step, so dispose it as soon as the (cancelled) step ends.
                    waiting.ContinueWith((_, state) => DisposeQuietly((IAsyncEnumerator<T>)state!), enumerator,
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
                else
                {
                    DisposeQuietly(enumerator);
                }
            }
        }

        /// <summary>
        /// Runs one call into the core (given this invocation's cancellation token) and waits for it. An ApifyPS failure
        /// is written as a non-terminating error for <paramref name="target"/> and gives false; nothing else is caught.
        /// The call is made inside, so a value refused while its request is built is mapped the same way.
        /// </summary>
        protected bool TryAwait<T>(Func<CancellationToken, Task<T>> call, object? target, out T result)
        {
            try
            {
                result = Await(call(CancellationToken));
                return true;
            }
            catch (ApifyException ex)
            {
                WriteError(ErrorRecordFor(ex, target));
                result = default!;
                return false;
            }
        }

        /// <summary><see cref="TryAwait{T}"/> for a call without a result.</summary>
        protected bool TryAwait(Func<CancellationToken, Task> call, object? target) =>
            TryAwait(token => AsUnit(call(token)), target, out _);

        /// <summary><see cref="TryAwait{T}"/>, then writes the result to the pipeline.</summary>
        protected void WriteAwaited<T>(Func<CancellationToken, Task<T>> call, object? target)
        {
            if (TryAwait(call, target, out var result)) WriteObject(result);
        }

        /// <summary>
        /// Writes every item of a core stream (lazily, <see cref="Stream{T}"/>); a failure at any page ends it with a
        /// non-terminating error for <paramref name="target"/>.
        /// </summary>
        protected void WriteStream<T>(Func<CancellationToken, IAsyncEnumerable<T>> list, object? target)
        {
            try
            {
                foreach (var item in Stream(list(CancellationToken))) WriteObject(item);
            }
            catch (ApifyException ex)
            {
                WriteError(ErrorRecordFor(ex, target));
            }
        }

        /// <summary>Writes an ApifyPS failure as a non-terminating error.</summary>
        protected void WriteApifyError(ApifyException ex, object? target = null) => WriteError(ErrorRecordFor(ex, target));

        /// <summary>The one error for an ApifyPS object this cmdlet cannot use as -InputObject (non-terminating; nothing is sent).</summary>
        protected void WriteUnsupportedInput(ApifyPS.Models.ApifyResource input, string accepted) =>
            WriteError(ApifyErrorRecords.UnsupportedInput(MyInvocation.MyCommand.Name, input, accepted));

        private static void DisposeQuietly<T>(IAsyncEnumerator<T> enumerator)
        {
            ValueTask disposal;
            try
            {
                disposal = enumerator.DisposeAsync();
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is InvalidOperationException)
            {
                return;
            }
            if (disposal.IsCompletedSuccessfully) disposal.GetAwaiter().GetResult();
            else Observe(disposal.AsTask());
        }

        /// <summary>
        /// Runs <paramref name="build"/>, which names a request's target (a storage, a path) from the parameters or an
        /// input object. A value that cannot be a path segment (say, an id of a piped object) is written as a
        /// non-terminating error that says where it came from, and gives null: nothing is sent for this record.
        /// </summary>
        protected T? PathTarget<T>(Func<T?> build) where T : class
        {
            try
            {
                return build();
            }
            catch (ApifyPathException ex)
            {
                WriteApifyError(ex);
                return null;
            }
        }

        /// <summary>
        /// <see cref="ApifyErrorRecords.For"/>, and for a value the core refused as a path segment (<see cref="ApifyPathException"/>)
        /// the parameter it came from: the parameter bound to that value, else -InputObject (a value of the object
        /// given), else the API's answer. Values given directly are refused while binding (<see cref="ValidatePathSegmentAttribute"/>);
        /// this names the ones a cmdlet took from an object or an answer.
        /// </summary>
        protected ErrorRecord ErrorRecordFor(ApifyException ex, object? target)
        {
            if (!(ex is ApifyPathException refused)) return ApifyErrorRecords.For(ex, target);
            var bound = MyInvocation.BoundParameters;
            string? parameter = null;
            foreach (var pair in bound)
            {
                if (pair.Key == "InputObject" || refused.Value == null) continue;
                foreach (var value in ValidatePathSegmentAttribute.ValuesOf(pair.Value))
                    if (string.Equals(value, refused.Value, StringComparison.Ordinal)) parameter ??= pair.Key;
            }
            string message;
            if (parameter != null)
                message = $"-{parameter}: {refused.Message}";
            else if (bound.TryGetValue("InputObject", out var input) && input != null)
            {
                var item = input is PSObject pso ? pso.BaseObject : input;
                var named = item is ApifyPS.Models.ApifyResource resource ? $"{resource.GetType().Name} '{PathSegment.Show(resource.Id)}'" : item.GetType().Name;
                message = $"-InputObject ({named}): {refused.Message}";
            }
            else
                message = $"{refused.Message} The value came from the API's answer.";
            var record = new ErrorRecord(refused, refused.ErrorType, ErrorCategory.InvalidArgument, target ?? refused.Value);
            record.ErrorDetails = new ErrorDetails(message);
            return record;
        }

        // Jobs: what the cmdlets that start, stop and wait for builds and runs share. The core's wait progress becomes
        // Write-Progress (on the pipeline thread); a job's end is written as the object always, then a non-terminating
        // error when it ended FAILED / TIMED-OUT / ABORTED or the wait gave up, so -ErrorAction Stop fails a script while
        // an interactive user still gets the object.

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
            if (error != null) WriteError(ApifyErrorRecords.For(error, null));
        }

        /// <summary>
        /// The end of a start: the started job as it is, or (<paramref name="wait"/>, a <paramref name="timeoutSeconds"/>
        /// or <paramref name="showLog"/>) the job once the wait for it ends, with its error (<see cref="WriteWaitResult{T}"/>).
        /// </summary>
        protected void WriteStartedOrWaited<T>(string kind, T started, bool wait, int? timeoutSeconds, bool showLog, object? target,
            Func<ApifyWaitOptions, CancellationToken, Task<ApifyWaitResult<T>>> waitFor) where T : class, IApifyJob
        {
            var timeout = timeoutSeconds.HasValue ? TimeSpan.FromSeconds(timeoutSeconds.Value) : (TimeSpan?)null;
            if (!wait && timeout == null && !showLog)
            {
                WriteObject(started);
                return;
            }
            if (TryAwait(token => waitFor(WaitOptions(timeout, showLog), token), target, out var result)) WriteWaitResult(kind, result);
        }

        /// <summary>
        /// The Actor a start is for: -Actor (<paramref name="byActor"/>), or a piped Actor (its id, or username~name);
        /// null, with the error written, for another object.
        /// </summary>
        protected string? ActorOf(bool byActor, string actor, ApifyResource? input, string accepted = "an Actor")
        {
            if (byActor) return actor;
            if (input is ApifyActor a) return a.Id.Length > 0 ? a.Id : a.FullName;
            if (input is ApifyStoreActor found) return found.Id.Length > 0 ? found.Id : found.FullName;
            WriteUnsupportedInput(input!, accepted);
            return null;
        }

        /// <summary>The value of an int parameter when it was given, else null.</summary>
        protected int? Given(string parameter, int value) => MyInvocation.BoundParameters.ContainsKey(parameter) ? value : (int?)null;

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
            private readonly ApifyCmdlet _cmdlet;
            private readonly TimeSpan? _timeout;

            public PostedProgress(ApifyCmdlet cmdlet, TimeSpan? timeout)
            {
                _cmdlet = cmdlet;
                _timeout = timeout;
            }

            public void Report(ApifyJobProgress value) => _cmdlet.Post(() => _cmdlet.WriteJobProgress(value, _timeout));
        }

        private void WakeWhenDone(Task task) =>
            task.ContinueWith((_, state) =>
            {
                try { ((ManualResetEventSlim)state!).Set(); } catch (ObjectDisposedException) { }
            }, _signal, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        private void Drain()
        {
            while (_pending.TryDequeue(out var action)) action();
        }

        private static void Observe(Task task) =>
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        private static async Task<bool> AsUnit(Task task)
        {
            await task.ConfigureAwait(false);
            return true;
        }
    }
}
