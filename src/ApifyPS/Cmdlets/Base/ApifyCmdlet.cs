using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ApifyPS.Client;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// What every ApifyPS cmdlet shares: the client for this invocation, cancellation (a token source made in
    /// BeginProcessing and cancelled by Ctrl+C in StopProcessing, passed to every request and wait), a bridge that
    /// runs the core's async work while delivering its verbose/progress messages on the pipeline thread, and the one
    /// mapping of API errors to error records.
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

        protected override void BeginProcessing()
        {
            if (_cancellation.IsCancellationRequested)
            {
                _cancellation.Dispose();
                _cancellation = new CancellationTokenSource();
            }
        }

        protected override void StopProcessing()
        {
            _cancellation.Cancel();
            _signal.Set();
        }

        public void Dispose()
        {
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
            catch (ApifyApiException ex)
            {
                WriteCredentialWarnings(sources);
                ThrowTerminatingError(ToErrorRecord(ex, null));
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
        };

        /// <summary>The connection requests use; see <see cref="ConnectionResolver"/> for the order of sources.</summary>
        protected virtual ApifyConnection ResolveConnection(ConnectionSources sources) => ConnectionResolver.Resolve(sources);

        /// <summary>Where connections come from: this process's session, environment and the user's files and vaults.</summary>
        protected ConnectionSources CurrentSources() => ApifyPS.Client.ConnectionSources.ForCurrentUser(new PowerShellSecretVault());

        /// <summary>Queues work for the pipeline thread (WriteVerbose, WriteProgress, ...); it runs inside the next Await.</summary>
        protected void Post(Action action)
        {
            _pending.Enqueue(action);
            try { _signal.Set(); } catch (ObjectDisposedException) { }
        }

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

        /// <summary>A non-terminating error for an ApifyPS object this cmdlet cannot use as -InputObject.</summary>
        protected void WriteUnsupportedInput(ApifyPS.Models.ApifyResource input, string accepted) =>
            WriteError(new ErrorRecord(
                new ArgumentException($"{MyInvocation.MyCommand.Name} does not take {input.GetType().Name} objects; pass {accepted}."),
                "UnsupportedInputObject", ErrorCategory.InvalidArgument, input));
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

        /// <summary>Writes an API failure as a non-terminating error: FullyQualifiedErrorId is Apify's error type.</summary>
        protected void WriteApiError(ApifyApiException ex, object? target = null) => WriteError(ErrorRecordFor(ex, target));

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
                WriteApiError(ex);
                return null;
            }
        }

        /// <summary>
        /// <see cref="ToErrorRecord"/>, and for a value the core refused as a path segment (<see cref="ApifyPathException"/>)
        /// the parameter it came from: the parameter bound to that value, else -InputObject (a value of the object
        /// given), else the API's answer. Values given directly are refused while binding (<see cref="ValidatePathSegmentAttribute"/>);
        /// this names the ones a cmdlet took from an object or an answer.
        /// </summary>
        protected ErrorRecord ErrorRecordFor(ApifyApiException ex, object? target)
        {
            if (!(ex is ApifyPathException refused)) return ToErrorRecord(ex, target);
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

        /// <summary>
        /// The one mapping of API errors to PowerShell: Apify's <c>type</c> becomes the error id, the HTTP status the
        /// category, the object (or id) the request was about the target.
        /// </summary>
        protected internal static ErrorRecord ToErrorRecord(ApifyApiException ex, object? target)
        {
            var record = new ErrorRecord(ex, ex.ErrorType, CategoryOf(ex), target ?? ex.TargetId);
            if (ex.ErrorType == ApifyErrorTypes.NotConnected)
                record.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "Run Connect-Apify (once per user account: it stores the token), or set $env:APIFY_TOKEN to your Apify API token.",
                };
            else if (ex.RecommendedAction != null)
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.RecommendedAction };
            return record;
        }

        public static ErrorCategory CategoryOf(ApifyApiException ex)
        {
            if (ex.ErrorType == ApifyErrorTypes.NotConnected) return ErrorCategory.AuthenticationError;
            if (ex.ErrorType == ApifyErrorTypes.RequestTimeout) return ErrorCategory.OperationTimeout;
            if (ex.ErrorType == ApifyErrorTypes.InvalidResponse) return ErrorCategory.InvalidResult;
            if (ex.ErrorType == ApifyErrorTypes.CredentialUnreadable) return ErrorCategory.InvalidData;
            if (ex.ErrorType == ApifyErrorTypes.ProfileNotFound) return ErrorCategory.ObjectNotFound;
            if (ex.ErrorType == ApifyErrorTypes.SecretVaultUnavailable) return ErrorCategory.ResourceUnavailable;
            if (ex.ErrorType == ApifyErrorTypes.CredentialNotSaved) return ErrorCategory.WriteError;
            if (ex.ErrorType == ApifyErrorTypes.InvalidPathSegment) return ErrorCategory.InvalidArgument;
            if (ex.ErrorType == ApifyErrorTypes.UnencryptedAuthentication) return ErrorCategory.SecurityError;
            if (ex.ErrorType == ApifyErrorTypes.RedirectNotFollowed) return ErrorCategory.ProtocolError;
            if (ex.StatusCode == null) return ErrorCategory.ConnectionError;
            var code = (int)ex.StatusCode.Value;
            switch (code)
            {
                case 400: return ErrorCategory.InvalidArgument;
                case 401: return ErrorCategory.AuthenticationError;
                case 402:
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 408: return ErrorCategory.OperationTimeout;
                case 409: return ErrorCategory.ResourceExists;
                case 429: return ErrorCategory.LimitsExceeded;
            }
            return code >= 500 ? ErrorCategory.ConnectionError : ErrorCategory.InvalidOperation;
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
