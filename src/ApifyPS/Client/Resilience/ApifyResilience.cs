using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
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
    }
}
