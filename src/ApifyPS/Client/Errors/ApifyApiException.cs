using System.Net;

namespace ApifyPS.Client
{
    /// <summary>
    /// A request that failed: answered by the Apify API with an error (its <c>{"error":{"type","message"}}</c>
    /// envelope) or without a usable answer at all (no connection, a timeout, a broken body). It names the request as
    /// it was sent (<see cref="Method"/>, <see cref="Path"/>). The message never holds the token: the client redacts it.
    /// </summary>
    public class ApifyApiException : ApifyException
    {
        public ApifyApiException(HttpStatusCode? statusCode, string errorType, string message, string method, string path,
            Exception? inner = null)
            : base(errorType, message, inner)
        {
            StatusCode = statusCode;
            Method = method;
            Path = path;
        }

        /// <summary>The HTTP status, or null when no answer arrived (connection failure, timeout).</summary>
        public HttpStatusCode? StatusCode { get; }

        public string Method { get; }

        /// <summary>Path and query of the request, relative to the base URI (never with a token).</summary>
        public string Path { get; }

        /// <summary>How many times the request was sent before this error was given up on (1 when it was not retried).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>
        /// For a create or start whose outcome is unknown (<see cref="ApifyErrorTypes.StartOutcomeUnknown"/>): what to
        /// look at before trying again, as data (the cmdlet layer renders it as a command).
        /// </summary>
        public ApifyOutcomeCheck? OutcomeCheck { get; internal set; }

        /// <summary>What the answer was when it was too large to read into memory (an invalid-response error); null otherwise.</summary>
        public ApifyBodyKind? OversizedBody { get; internal set; }

        /// <summary>Where a redirect (3xx, not followed) pointed, resolved against the URI sent; null otherwise.</summary>
        public Uri? Location { get; internal set; }

        /// <summary>The server's Retry-After, when the answer carried one.</summary>
        internal TimeSpan? RetryAfter { get; set; }

        /// <summary>How far the attempt got before it failed: decides whether repeating it is safe.</summary>
        internal ApifyFailureStage Stage { get; set; }
    }
}
