using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace ApifyPS.Client
{
    /// <summary>
    /// The one Polly pipeline every request runs in (built once per process), and the rules it applies:
    /// <list type="bullet">
    /// <item>Requests safe to repeat (Read, LongPoll, Write, and a Stream until its body is being read) are retried
    /// on 429, 500, 502, 503, 504, connection failures and resets, timeouts, and bodies that broke off; a success
    /// whose whole body is not the JSON expected (<see cref="ApifyFailureStage.Unusable"/>) is tried once more only.</item>
    /// <item>A Start is repeated only when the server provably did not act on it: a 429, or a connection that could
    /// not be made. Any other failure after sending leaves its outcome unknown: it is not repeated and becomes
    /// <see cref="ApifyErrorTypes.StartOutcomeUnknown"/>, saying how to check.</item>
    /// <item>Opt-in (<see cref="ApifyRequest.CapacityWait"/>): a start refused "for now" is tried again until the
    /// wait runs out; those tries do not count against MaxRetries.</item>
    /// <item>The wait before retry n is the API's backoff (<see cref="ApifyRetryPolicy.Backoff"/>); Retry-After wins.</item>
    /// </list>
    /// What varies per request (the policy, the attempt log) travels in the Polly context as an
    /// <see cref="ApifyRequestAttempts"/>.
    /// </summary>
    internal static class ApifyResilience
    {
        internal static readonly ResiliencePropertyKey<ApifyRequestAttempts> AttemptsKey =
            new ResiliencePropertyKey<ApifyRequestAttempts>("ApifyPS.Attempts");

        public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // The real bound is the policy's MaxRetries, checked per request in ShouldHandle.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Context.Properties.TryGetValue(AttemptsKey, out var attempts) && attempts.ShouldRetry(args.Outcome.Exception)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Context.Properties.TryGetValue(AttemptsKey, out var attempts) ? attempts.NextDelay : (TimeSpan?)null),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(AttemptsKey, out var attempts)) attempts.LogRetry(args.RetryDelay);
                    return default;
                },
            })
            .Build();

        /// <summary>Whether a connection failure happened before anything was sent (refused, unknown host, unreachable).</summary>
        public static bool NeverSent(Exception exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.NetworkDown:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
                if (e is WebException web &&
                    (web.Status == WebExceptionStatus.ConnectFailure || web.Status == WebExceptionStatus.NameResolutionFailure ||
                     web.Status == WebExceptionStatus.ProxyNameResolutionFailure))
                    return true;
                if (e is HttpRequestException http && HttpRequestErrorOf(http) is string error &&
                    (error == "NameResolutionError" || error == "ConnectionError"))
                    return true;
            }
            return false;
        }

        private static readonly PropertyInfo? s_httpRequestError = typeof(HttpRequestException).GetProperty("HttpRequestError");

        /// <summary>.NET 8+ classifies HttpRequestException (HttpRequestError); read it where the runtime has it.</summary>
        private static string? HttpRequestErrorOf(HttpRequestException exception) =>
            s_httpRequestError?.GetValue(exception)?.ToString();

        /// <summary>How to see whether a start whose outcome is unknown happened, in the user's terms.</summary>
        public static string StartCheckHint(ApifyRequest request)
        {
            var s = request.Path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            string Seg(int i) => Uri.UnescapeDataString(s[i]);
            if (s.Length >= 4 && (s[1] == "actors" || s[1] == "acts"))
            {
                if (s[3] == "builds")
                    return $"Get-ApifyBuild -Actor '{Seg(2)}' -Descending -First 5";
                if (s.Length >= 6 && s[3] == "runs" && s[5] == "metamorph")
                    return $"Get-ApifyRun -Id '{Seg(4)}'";
                if (s[3] == "runs" || s[3].StartsWith("run-sync", StringComparison.Ordinal))
                    return $"Get-ApifyRun -Actor '{Seg(2)}' -Descending -First 5";
            }
            if (s.Length >= 4 && s[1] == "actor-runs" && s[3] == "metamorph")
                return $"Get-ApifyRun -Id '{Seg(2)}'";
            if (s.Length >= 4 && s[1] == "actor-tasks")
                return $"the newest runs of task '{Seg(2)}' (GET /v2/actor-tasks/{s[2]}/runs?desc=1, or Apify Console)";
            return "Apify Console";
        }
    }

    /// <summary>
    /// One logical request's attempts: what the policy allows, what happened so far, and the verbose line of each
    /// attempt ("GET /v2/... -> 503 Service Unavailable in 4 ms (attempt 1 of 9); retrying in 734 ms").
    /// </summary>
    internal sealed class ApifyRequestAttempts
    {
        [ThreadStatic] private static Random? t_random;

        private readonly Action<string> _log;
        private DateTime? _capacityDeadline;
        private int _capacityRetries;
        private int _unusableAnswers;
        private string _lastOutcome = "";
        private bool _lastLogged;

        public ApifyRequestAttempts(ApifyRequest request, ApifyRetryPolicy policy, Action<string> log)
        {
            Request = request;
            Policy = policy;
            _log = log;
        }

        public ApifyRequest Request { get; }

        public ApifyRetryPolicy Policy { get; }

        /// <summary>Attempts made so far (1 during the first).</summary>
        public int Count { get; private set; }

        /// <summary>Set once a Stream's body is being handed to its reader: from then on it is not repeated.</summary>
        public bool BodyHandedOver { get; set; }

        /// <summary>The start failed after it may have reached the server: not repeated, reported as such.</summary>
        public bool StartOutcomeUnknown { get; private set; }

        /// <summary>The wait the retry about to happen uses (set by ShouldRetry).</summary>
        public TimeSpan? NextDelay { get; private set; }

        private int MaxAttempts => Policy.MaxRetries + 1;

        private bool SafeToRepeat => Request.Kind != ApifyRequestKind.Start;

        public int BeginAttempt()
        {
            _lastLogged = false;
            return ++Count;
        }

        /// <summary>Logs an attempt that got a usable answer.</summary>
        public void LogSuccess(string outcome, long elapsedMs, TimeSpan paced)
        {
            _lastOutcome = Describe(outcome, elapsedMs, paced);
            _log(_lastOutcome);
            _lastLogged = true;
        }

        /// <summary>Remembers how an attempt failed; logged with the decision (retry and its wait, or giving up).</summary>
        public void RecordFailure(string outcome, long elapsedMs, TimeSpan paced)
        {
            _lastOutcome = Describe(outcome, elapsedMs, paced);
            _lastLogged = false;
        }

        public void LogRetry(TimeSpan delay)
        {
            var why = NextDelayReason == null ? "" : " (" + NextDelayReason + ")";
            _log($"{_lastOutcome}; retrying in {delay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms{why}");
            _lastLogged = true;
        }

        private string? NextDelayReason { get; set; }

        /// <summary>The retry decision for the outcome of the attempt that just ended; sets <see cref="NextDelay"/>.</summary>
        public bool ShouldRetry(Exception? exception)
        {
            NextDelay = null;
            NextDelayReason = null;
            if (exception == null || exception is OperationCanceledException || !(exception is ApifyApiException error)) return false;

            switch (error.Stage)
            {
                case ApifyFailureStage.Answered:
                    var status = error.StatusCode.HasValue ? (int)error.StatusCode.Value : 0;
                    if (Request.CapacityWait.HasValue && IsCapacityRefusal(error.ErrorType))
                        return RetryForCapacity(error);
                    if (status == 429) return RetryWithBackoff(error);
                    if (status == 500 || status == 502 || status == 503 || status == 504)
                        return SafeToRepeat ? RetryWithBackoff(error) : Unknown();
                    return false;
                case ApifyFailureStage.NotSent:
                    return RetryWithBackoff(error);
                case ApifyFailureStage.NoAnswer:
                case ApifyFailureStage.Timeout:
                    return SafeToRepeat ? RetryWithBackoff(error) : Unknown();
                case ApifyFailureStage.Body:
                    if (Request.Kind == ApifyRequestKind.Stream && BodyHandedOver) return false;
                    return SafeToRepeat ? RetryWithBackoff(error) : Unknown();
                case ApifyFailureStage.Unusable:
                    if (Request.Kind == ApifyRequestKind.Stream && BodyHandedOver) return false;
                    if (!SafeToRepeat) return Unknown();
                    // A captive portal's page or a wrong shape comes back the same: one more try, not the whole policy.
                    return ++_unusableAnswers == 1 && RetryWithBackoff(error);
                default:
                    return false;
            }
        }

        private bool Unknown()
        {
            StartOutcomeUnknown = true;
            return false;
        }

        private bool RetryWithBackoff(ApifyApiException error)
        {
            var retriesSoFar = Count - _capacityRetries - 1;
            if (retriesSoFar >= Policy.MaxRetries) return false;
            if (error.RetryAfter is TimeSpan retryAfter)
            {
                NextDelay = retryAfter;
                NextDelayReason = "Retry-After";
            }
            else
            {
                NextDelay = Policy.Backoff(retriesSoFar + 1, Random);
            }
            return true;
        }

        private bool RetryForCapacity(ApifyApiException error)
        {
            var now = DateTime.UtcNow;
            _capacityDeadline ??= now + Request.CapacityWait!.Value;
            var delay = error.RetryAfter ?? Policy.Backoff(_capacityRetries + 1, Random);
            if (now + delay >= _capacityDeadline.Value) return false; // the next try would come too late
            _capacityRetries++;
            NextDelay = delay;
            NextDelayReason = $"{error.ErrorType}: waiting for capacity until " +
                              _capacityDeadline.Value.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            return true;
        }

        public static bool IsCapacityRefusal(string? errorType) =>
            errorType == ApifyErrorTypes.ActorMemoryLimitExceeded || errorType == ApifyErrorTypes.ConcurrentRunsLimitExceeded;

        /// <summary>
        /// The error the caller gets once no more attempts are made: the last one's, with how many attempts there
        /// were, or, for a start whose outcome is unknown, an error that says so and how to check.
        /// </summary>
        public ApifyApiException Final(ApifyApiException last, string? token)
        {
            if (!_lastLogged)
            {
                var suffix = StartOutcomeUnknown ? "; not repeated: the start may have happened"
                    : Count > 1 ? $"; giving up after {Count} attempts" : "";
                _log(_lastOutcome + suffix);
                _lastLogged = true;
            }
            if (StartOutcomeUnknown)
            {
                var check = ApifyResilience.StartCheckHint(Request);
                // Starts of jobs say so; other requests of kind Start (creating an Actor, a version) read as "the request".
                var job = check != "Apify Console";
                var what = last.Stage == ApifyFailureStage.Body || last.Stage == ApifyFailureStage.Unusable
                    ? job ? $"the server accepted the start ({(int?)last.StatusCode}) but its answer could not be read, so the job was most likely created"
                          : $"the server accepted the request ({(int?)last.StatusCode}) but its answer could not be read, so it most likely took effect"
                    : job ? "the start may have happened: the server did not confirm or refuse it"
                          : "the request may have taken effect (the start may have happened): the server did not confirm or refuse it";
                var message = $"{Request.Method.Method} {Request.PathAndQuery}: {what} ({last.Message}). " +
                              $"It was not sent again, so that the work cannot happen twice. Check with {check} before trying again.";
                return new ApifyApiException(last.StatusCode, ApifyErrorTypes.StartOutcomeUnknown,
                    ApifyErrorParser.Redact(message, token), last.Method, last.Path, last)
                {
                    TargetId = last.TargetId ?? Request.TargetId,
                    Attempts = Count,
                    RecommendedAction = job ? $"Check with {check} whether the job was created before starting it again."
                                            : $"Check in {check} whether the request took effect before sending it again.",
                    Stage = last.Stage,
                };
            }
            if (Count > 1)
            {
                var retried = new ApifyApiException(last.StatusCode, last.ErrorType,
                    $"{last.Message} (gave up after {Count} attempts)", last.Method, last.Path, last.InnerException)
                {
                    TargetId = last.TargetId ?? Request.TargetId,
                    Attempts = Count,
                    RecommendedAction = last.RecommendedAction,
                    RetryAfter = last.RetryAfter,
                    Stage = last.Stage,
                };
                return retried;
            }
            if (last.TargetId == null) last.TargetId = Request.TargetId;
            return last;
        }

        private string Describe(string outcome, long elapsedMs, TimeSpan paced)
        {
            var of = _capacityRetries > 0 || Request.CapacityWait.HasValue
                ? $"attempt {Count.ToString(CultureInfo.InvariantCulture)}"
                : $"attempt {Count.ToString(CultureInfo.InvariantCulture)} of {MaxAttempts.ToString(CultureInfo.InvariantCulture)}";
            var pacedText = paced.TotalMilliseconds >= 1
                ? $", after {paced.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms pacing for the rate limit"
                : "";
            return $"{Request.Method.Method} {Request.PathAndQuery} -> {outcome} in {elapsedMs.ToString(CultureInfo.InvariantCulture)} ms ({of}{pacedText})";
        }

        private static Random Random => t_random ??= new Random(Guid.NewGuid().GetHashCode());
    }
}
