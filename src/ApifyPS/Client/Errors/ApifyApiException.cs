using System;
using System.Net;

namespace ApifyPS.Client
{
    /// <summary>
    /// An error answered by the Apify API (its <c>{"error":{"type","message"}}</c> envelope) or a failure to get a
    /// usable answer at all. <see cref="ErrorType"/> is Apify's machine-readable type (e.g. <c>record-not-found</c>);
    /// cmdlets turn it into the FullyQualifiedErrorId. The message never holds the token: the client redacts it.
    /// </summary>
    public class ApifyApiException : Exception
    {
        public ApifyApiException(HttpStatusCode? statusCode, string errorType, string message, string method, string path,
            Exception? inner = null)
            : base(message, inner)
        {
            StatusCode = statusCode;
            ErrorType = errorType;
            Method = method;
            Path = path;
        }

        /// <summary>The HTTP status, or null when no answer arrived (connection failure, timeout).</summary>
        public HttpStatusCode? StatusCode { get; }

        /// <summary>Apify's error type, or one of ApifyPS's own (<see cref="ApifyErrorTypes"/>).</summary>
        public string ErrorType { get; }

        public string Method { get; }

        /// <summary>Path and query of the request, relative to the base URI (never with a token).</summary>
        public string Path { get; }

        /// <summary>The id of the object the request was about, when the caller knows it (for the error record's target).</summary>
        public string? TargetId { get; set; }

        /// <summary>How many times the request was sent before this error was given up on (1 when it was not retried).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>What the user should do next, when ApifyPS knows (e.g. how to check whether a start happened).</summary>
        public string? RecommendedAction { get; internal set; }

        /// <summary>Where a redirect (3xx, not followed) pointed, resolved against the URI sent; null otherwise.</summary>
        public Uri? Location { get; internal set; }

        /// <summary>The server's Retry-After, when the answer carried one.</summary>
        internal TimeSpan? RetryAfter { get; set; }

        /// <summary>How far the attempt got before it failed: decides whether repeating it is safe.</summary>
        internal ApifyFailureStage Stage { get; set; }
    }

    /// <summary>Where an attempt failed. Whether a start may be repeated depends on it.</summary>
    internal enum ApifyFailureStage
    {
        /// <summary>Not classified (an error of the client itself).</summary>
        Unknown,
        /// <summary>The connection could not be made: the request provably never reached the server.</summary>
        NotSent,
        /// <summary>Sent (or possibly sent), then the connection broke before any answer.</summary>
        NoAnswer,
        /// <summary>No complete answer within the request's timeout.</summary>
        Timeout,
        /// <summary>The server answered with an error status.</summary>
        Answered,
        /// <summary>The server answered with success, but the body broke off (fewer bytes than announced, a reset mid-body).</summary>
        Body,
        /// <summary>
        /// The server answered with success and the body arrived whole (the HTTP answer was complete), but it is not the
        /// JSON expected: an HTML page, JSON of another shape or that stops short, absurd nesting. Asking again most
        /// likely gets the same, so it is asked once more at most.
        /// </summary>
        Unusable,
        /// <summary>The server answered with success, but with more than may be read into memory: the same would come again.</summary>
        TooLarge,
    }

    /// <summary>Error types ApifyPS itself produces, next to the ones the API sends.</summary>
    public static class ApifyErrorTypes
    {
        public const string InvalidResponse = "invalid-response";
        public const string ConnectionFailed = "connection-failed";
        public const string RequestTimeout = "request-timeout";
        public const string NotConnected = "not-connected";

        /// <summary>A value that cannot be the path segment it was given for (empty, '.', '..', '/' ...): nothing was sent.</summary>
        public const string InvalidPathSegment = "invalid-path-segment";

        /// <summary>A plain http:// base URI to a host that is not this machine, without the user's say-so: nothing was sent.</summary>
        public const string UnencryptedAuthentication = "unencrypted-authentication";

        /// <summary>The server answered with a redirect (3xx); the API never redirects, so it is not followed.</summary>
        public const string RedirectNotFollowed = "redirect-not-followed";

        /// <summary>A stored profile or the Apify CLI's login file exists but cannot be read (not JSON, no token, another OS's protection).</summary>
        public const string CredentialUnreadable = "credential-unreadable";

        /// <summary>No stored profile of that name.</summary>
        public const string ProfileNotFound = "profile-not-found";

        /// <summary>A SecretManagement vault was asked for, but the module is missing or the vault failed.</summary>
        public const string SecretVaultUnavailable = "secret-vault-unavailable";

        /// <summary>The credential could not be written (permissions, disk full, another process).</summary>
        public const string CredentialNotSaved = "credential-not-saved";

        /// <summary>A start failed in a way that does not tell whether the server acted on it; it is not repeated.</summary>
        public const string StartOutcomeUnknown = "start-outcome-unknown";

        /// <summary>The API's answer when a client sends too many requests (HTTP 429).</summary>
        public const string RateLimitExceeded = "rate-limit-exceeded";

        /// <summary>Starts the platform refuses for now: they succeed once other runs finish (opt-in wait-and-retry).</summary>
        public const string ActorMemoryLimitExceeded = "actor-memory-limit-exceeded";
        public const string ConcurrentRunsLimitExceeded = "concurrent-runs-limit-exceeded";

        /// <summary>A non-2xx answer without Apify's error envelope (e.g. an HTML page from a proxy).</summary>
        public static string ForStatus(int status) => "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
