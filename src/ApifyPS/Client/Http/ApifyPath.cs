using System.Text.RegularExpressions;

namespace ApifyPS.Client
{
    /// <summary>
    /// A path below the API's base URI, escaped, built only from the API's fixed parts (<c>actors</c>,
    /// <c>env-vars</c>) and <see cref="PathSegment"/> values, so it is always exactly the segments it was built from:
    /// <c>ApifyPath.V2.Add("actors").Add(PathSegment.ActorId, id)</c>. Every request's path is one; a value that cannot
    /// be its segment is refused while the path is built, before any request. Immutable.
    /// </summary>
    public sealed class ApifyPath
    {
        private static readonly Regex s_fixedPart = new Regex(@"^[a-z][a-z0-9-]*(\.[a-z]+)?$", RegexOptions.CultureInvariant);

        private readonly int _depth;

        private ApifyPath(string value, int depth, string rateResource)
        {
            Value = value;
            _depth = depth;
            RateResource = rateResource;
        }

        /// <summary>The API's root: <c>/v2</c>.</summary>
        public static ApifyPath V2 { get; } = new ApifyPath("/v2", 0, "");

        /// <summary>
        /// The resource the API's rate limit counts this path against (<see cref="ApifyRateLimiter"/>): its first two
        /// parts below <c>/v2</c> (<c>actor-runs/{id}</c>, <c>actors/{id}</c>, <c>actor-builds</c>), unless a path
        /// declares a finer resource of its own (<see cref="AsRateResource"/>: records, queue requests).
        /// </summary>
        public string RateResource { get; }

        /// <summary>This path so far is a rate-limited resource of its own (the API limits records and queue requests apart).</summary>
        public ApifyPath AsRateResource() => new ApifyPath(Value, _depth, Value.Substring(V2.Value.Length + 1));

        private ApifyPath Append(string escaped)
        {
            var value = Value + "/" + escaped;
            var depth = _depth + 1;
            return new ApifyPath(value, depth, depth <= 2 ? value.Substring(V2.Value.Length + 1) : RateResource);
        }

        /// <summary>The escaped path, starting with '/': <c>/v2/actors/janedoe~my-actor</c>.</summary>
        public string Value { get; }

        /// <summary>A fixed part of the API's paths (lowercase letters, digits and '-', e.g. <c>run-sync</c>, <c>openapi.json</c>).</summary>
        public ApifyPath Add(string fixedPart)
        {
            if (fixedPart == null || !s_fixedPart.IsMatch(fixedPart))
                throw new ArgumentException($"'{fixedPart}' is not a fixed part of an API path; values go through a PathSegment.", nameof(fixedPart));
            return Append(fixedPart);
        }

        /// <summary>A value (an id, a name, a key) as one segment; an <see cref="ApifyPathException"/> when it cannot be one.</summary>
        public ApifyPath Add(PathSegment segment, string? value)
        {
            if (segment == null) throw new ArgumentNullException(nameof(segment));
            return Append(segment.Escape(value));
        }

        /// <summary>
        /// The absolute URI of this path and <paramref name="query"/> on <paramref name="baseUri"/>, composed as text
        /// and checked to be exactly that text once parsed: no resolution against the base, no dot-segment removal, no
        /// unescaping, so what is sent is what was built (and what is logged). Anything else is refused.
        /// </summary>
        public Uri ToUri(Uri baseUri, ApifyQuery? query)
        {
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            var root = baseUri.AbsoluteUri;
            if (!root.EndsWith("/", StringComparison.Ordinal) || !string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
                throw new ArgumentException($"The base URI '{baseUri}' must end with '/' and have no query or fragment.", nameof(baseUri));
            var built = root + Value.Substring(1) + (query?.ToString() ?? "");
            if (!Uri.TryCreate(built, UriKind.Absolute, out var uri) || !string.Equals(uri.AbsoluteUri, built, StringComparison.Ordinal))
                throw new ApifyConnectionException(ApifyErrorTypes.InvalidPathSegment,
                    $"The request URI {built} would not be sent as built{(uri == null ? "" : $" (but as {uri.AbsoluteUri})")}; nothing was sent.");
            return uri;
        }

        public override string ToString() => Value;
    }
}
