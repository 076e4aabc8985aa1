namespace ApifyPS.Client
{
    /// <summary>
    /// Error types: the API's own (the <c>type</c> of its error envelope) that ApifyPS acts on, and the ones ApifyPS
    /// itself produces. They become the FullyQualifiedErrorId of error records, so scripts can rely on them.
    /// </summary>
    public static class ApifyErrorTypes
    {
        // The API's types ApifyPS looks at.

        /// <summary>The API: no such object (404), or an object of another user.</summary>
        public const string RecordNotFound = "record-not-found";

        /// <summary>The API: a synchronous run ended other than SUCCEEDED (its message names the run id).</summary>
        public const string RunFailed = "run-failed";

        /// <summary>The API: a synchronous run went on longer than the endpoint waits (408); the run goes on.</summary>
        public const string RunTimeoutExceeded = "run-timeout-exceeded";

        /// <summary>The API: the token is wrong or revoked (401).</summary>
        public const string InvalidToken = "invalid-token";

        // ApifyPS's own types.

        /// <summary>A job ended FAILED, TIMED-OUT or ABORTED, or a wait gave up (see <see cref="ApifyJobException.ErrorId"/>).</summary>
        public const string JobEndedBadly = "job-ended-badly";

        /// <summary>A file (Get-ApifyRecord -OutFile) could not be written.</summary>
        public const string OutFileNotWritten = "out-file-not-written";

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
