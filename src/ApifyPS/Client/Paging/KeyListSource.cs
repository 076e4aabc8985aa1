namespace ApifyPS.Client
{
    /// <summary>
    /// A list paged by key (key-value store keys): each page names the key to start after for the next one
    /// (<c>nextExclusiveStartKey</c>) and says whether there is one (<c>isTruncated</c>); the API cannot skip by count,
    /// so skipped items are read and dropped (<see cref="PageWalk{T}.SkipItems"/>). A server that does not advance is
    /// an error rather than an endless walk.
    /// </summary>
    internal sealed class KeyListSource<T> : PageSource<T, string?>
    {
        /// <summary>The largest <c>limit</c> the key lists accept (the OpenAPI document's maximum for them).</summary>
        public const int MaxKeyPageSize = 1000;

        private readonly ApifyRequestCore _core;
        private readonly ApifyPath _path;
        private readonly ApifyQuery? _query;
        private readonly string? _targetId;

        public KeyListSource(ApifyRequestCore core, ApifyPath path, ApifyQuery? query, string? targetId)
        {
            _core = core;
            _path = path;
            _query = query;
            _targetId = targetId;
        }

        public override long? MaxLimit => MaxKeyPageSize;

        public override async Task<IListPage<T>> FetchAsync(string? startKey, long? limit, bool first, CancellationToken cancellationToken)
        {
            var query = (_query ?? new ApifyQuery()).Clone().Add("exclusiveStartKey", startKey).Add("limit", limit);
            var request = new ApifyRequest(HttpMethod.Get, _path, ApifyRequestPolicy.Read, query) { TargetId = _targetId };
            var page = await _core.GetDataAsync<KeyListPage<T>>(request, cancellationToken).ConfigureAwait(false);
            return new KeyPage(request, page);
        }

        public override bool TryAdvance(IListPage<T> page, string? startKey, long? limit, out string? next)
        {
            var keys = (KeyPage)page;
            next = keys.Data.NextExclusiveStartKey;
            if (!keys.Data.IsTruncated || page.Count == 0 || string.IsNullOrEmpty(next)) return false;
            if (string.Equals(next, startKey, StringComparison.Ordinal))
                throw _core.Failure(keys.Request, null, ApifyErrorTypes.InvalidResponse,
                    $"{keys.Request.Method.Method} {keys.Request.PathAndQuery} answered the same nextExclusiveStartKey it was asked to start after.", null);
            return true;
        }

        private sealed class KeyPage : ArrayPage<T>
        {
            public KeyPage(ApifyRequest request, KeyListPage<T> data)
                : base(data.Items ?? Array.Empty<T>(), null, data.Limit > 0 ? data.Limit : (long?)null)
            {
                Request = request;
                Data = data;
            }

            public ApifyRequest Request { get; }

            public KeyListPage<T> Data { get; }
        }
    }
}
