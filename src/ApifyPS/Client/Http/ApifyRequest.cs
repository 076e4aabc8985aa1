namespace ApifyPS.Client
{
    /// <summary>
    /// One logical API call: method, path (built by <see cref="ApifyPaths"/> through <see cref="ApifyPath"/>), query,
    /// and the endpoint's declared <see cref="ApifyRequestPolicy"/>. A request that creates or starts something also
    /// declares what to check if its outcome is unknown (<see cref="OutcomeCheck"/>). Content is a factory so that each
    /// attempt sends a fresh body.
    /// </summary>
    public sealed class ApifyRequest
    {
        private readonly ApifyPath _path;

        public ApifyRequest(HttpMethod method, ApifyPath path, ApifyRequestPolicy policy, ApifyQuery? query = null)
        {
            Method = method ?? throw new ArgumentNullException(nameof(method));
            _path = path ?? throw new ArgumentNullException(nameof(path));
            Policy = policy ?? throw new ArgumentNullException(nameof(policy));
            Query = query ?? new ApifyQuery();
        }

        /// <summary>A GET of a job held by the server up to <paramref name="waitSeconds"/> (<c>waitForFinish</c>); a plain read for 0.</summary>
        public static ApifyRequest LongPoll(ApifyPath path, int waitSeconds, string? targetId)
        {
            var wait = Math.Max(0, waitSeconds);
            return new ApifyRequest(HttpMethod.Get, path, wait > 0 ? ApifyRequestPolicy.LongPoll : ApifyRequestPolicy.Read,
                new ApifyQuery().Add("waitForFinish", wait > 0 ? wait : (long?)null))
            {
                LongPollSeconds = wait,
                TargetId = targetId,
            };
        }

        public HttpMethod Method { get; }

        /// <summary>The path as built: its escaped text and its rate resource.</summary>
        public ApifyPath ApiPath => _path;

        /// <summary>The path below the base URI, escaped, e.g. <c>/v2/actor-builds/abc</c>.</summary>
        public string Path => _path.Value;

        public ApifyQuery Query { get; }

        public ApifyRequestPolicy Policy { get; }

        public ApifyRequestKind Kind => Policy.Kind;

        public Func<HttpContent>? Content { get; set; }

        /// <summary>For <see cref="ApifyTimeoutTier.LongPoll"/>: how long the server holds the answer (the <c>waitForFinish</c> sent).</summary>
        public int LongPollSeconds { get; internal set; }

        /// <summary>The id the request is about; copied onto errors so the error record names it.</summary>
        public string? TargetId { get; set; }

        /// <summary>
        /// For a create or start: what to check before repeating it if its outcome is unknown. Required for
        /// <see cref="ApifyRequestKind.Create"/> (the client refuses to send one without it).
        /// </summary>
        public ApifyOutcomeCheck? OutcomeCheck { get; set; }

        /// <summary>
        /// Opt-in, for starts: when the platform refuses the start "for now" (<c>actor-memory-limit-exceeded</c>,
        /// <c>concurrent-runs-limit-exceeded</c>), keep trying with backoff for up to this long. Null (the default):
        /// such a refusal is an error at once.
        /// </summary>
        public TimeSpan? CapacityWait { get; set; }

        /// <summary>Path and query as sent (below the base URI): what verbose lines and errors show.</summary>
        public string PathAndQuery => Path + Query;

        /// <summary>The absolute URI sent: exactly the base URI followed by <see cref="PathAndQuery"/> (see <see cref="ApifyPath.ToUri"/>).</summary>
        public Uri UriOn(Uri baseUri) => _path.ToUri(baseUri, Query);

        public override string ToString() => Method.Method + " " + PathAndQuery;
    }
}
