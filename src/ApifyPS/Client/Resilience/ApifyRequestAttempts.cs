using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Polly;
using Polly.Retry;

namespace ApifyPS.Client
{
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

        private bool SafeToRepeat => Request.Kind != ApifyRequestKind.Create;

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
                var check = Request.OutcomeCheck!;
                var job = check.IsJob;
                var what = last.Stage == ApifyFailureStage.Body || last.Stage == ApifyFailureStage.Unusable
                    ? job ? $"the server accepted the start ({(int?)last.StatusCode}) but its answer could not be read, so the job was most likely created"
                          : $"the server accepted the request ({(int?)last.StatusCode}) but its answer could not be read, so it most likely took effect"
                    : job ? "the start may have happened: the server did not confirm or refuse it"
                          : "the request may have taken effect (the start may have happened): the server did not confirm or refuse it";
                var message = $"{Request.Method.Method} {Request.PathAndQuery}: {what} ({last.Message}). " +
                              $"It was not sent again, so that the work cannot happen twice. Check {check.Describe()} before trying again.";
                return new ApifyApiException(last.StatusCode, ApifyErrorTypes.StartOutcomeUnknown,
                    ApifyErrorParser.Redact(message, token), last.Method, last.Path, last)
                {
                    TargetId = last.TargetId ?? Request.TargetId,
                    Attempts = Count,
                    OutcomeCheck = check,
                    RecommendedAction = job ? $"Check {check.Describe()} for the job before starting it again."
                                            : $"Check {check.Describe()} for what the request made before sending it again.",
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
                    Location = last.Location,
                    OversizedBody = last.OversizedBody,
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
