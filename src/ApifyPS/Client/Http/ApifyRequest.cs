using System;
using System.Net.Http;

namespace ApifyPS.Client
{
    /// <summary>
    /// What kind of work a request does. It decides its timeout and whether it may be repeated after an ambiguous
    /// failure: reads may, starts (which create a build or run) may not.
    /// </summary>
    public enum ApifyRequestKind
    {
        /// <summary>A plain read; safe to repeat.</summary>
        Read,
        /// <summary>A read that the server holds open (<c>waitForFinish</c>); safe to repeat, longer timeout.</summary>
        LongPoll,
        /// <summary>Changes state but is idempotent (update, delete, abort).</summary>
        Write,
        /// <summary>Starts work on the platform (build, run, run-sync, metamorph); never repeated blindly.</summary>
        Start,
        /// <summary>A response read as it grows (a followed log); no timeout.</summary>
        Stream,
    }

    /// <summary>One logical API call. Content is a factory so that each attempt sends a fresh body.</summary>
    public sealed class ApifyRequest
    {
        private readonly ApifyPath _path;

        public ApifyRequest(HttpMethod method, ApifyPath path, ApifyQuery? query = null, ApifyRequestKind kind = ApifyRequestKind.Read)
        {
            Method = method;
            _path = path ?? throw new ArgumentNullException(nameof(path));
            Query = query ?? new ApifyQuery();
            Kind = kind;
        }

        public HttpMethod Method { get; }

        /// <summary>The path below the base URI, escaped, e.g. <c>/v2/actor-builds/abc</c> (built by <see cref="ApifyPath"/>).</summary>
        public string Path => _path.Value;

        public ApifyQuery Query { get; }

        public ApifyRequestKind Kind { get; }

        public Func<HttpContent>? Content { get; set; }

        /// <summary>Overrides the timeout chosen from <see cref="Kind"/> (e.g. a long poll's wait plus a margin).</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>
        /// For a body streamed somewhere other than memory (a record written to a file): the timeout bounds the wait for
        /// the answer's headers and then every pause between bytes of its body (read with
        /// <see cref="ResponseBody.CopyToAsync"/>), not the whole answer, so a large or slow download may take as long as
        /// it keeps coming.
        /// </summary>
        public bool TimeoutBetweenBytes { get; set; }

        /// <summary>The id the request is about; copied onto errors so the error record names it.</summary>
        public string? TargetId { get; set; }

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
