namespace ApifyPS.Client
{
    /// <summary>
    /// An offset-paged list in the API's envelope (<c>{"data":{"total","offset","limit","count","desc","items"}}</c>):
    /// builds, runs, Actors, webhooks, ... Each page is read whole into a pooled buffer inside its request
    /// (<see cref="ListPageBuffer{T}"/>); the first only as far as its first item, which goes out early.
    /// </summary>
    internal sealed class EnvelopeListSource<T> : OffsetPageSource<T>
    {
        private readonly ApifyRequestCore _core;
        private readonly ApifyPath _path;
        private readonly ApifyQuery? _query;
        private readonly bool _descending;
        private readonly string? _targetId;

        public EnvelopeListSource(ApifyRequestCore core, ApifyPath path, ApifyQuery? query, bool descending, string? targetId)
            : base(advanceByWindow: false)
        {
            _core = core;
            _path = path;
            _query = query;
            _descending = descending;
            _targetId = targetId;
        }

        public override async Task<IListPage<T>> FetchAsync(long offset, long? limit, bool first, CancellationToken cancellationToken)
        {
            var query = (_query ?? new ApifyQuery()).Clone()
                .Add("offset", offset > 0 ? offset : (long?)null)
                .Add("limit", limit)
                .AddFlag("desc", _descending);
            var request = new ApifyRequest(HttpMethod.Get, _path, ApifyRequestPolicy.Read, query) { TargetId = _targetId };
            var cap = _core.JsonCap(ApifyBodyKind.ListPage, "one page of a list", "Ask for fewer items per page.");
            return first
                ? await _core.ExecuteAsync(request, (response, token) => ListPageBuffer<T>.ReadFirstItemAsync(request, response, cap, token),
                    cancellationToken).ConfigureAwait(false)
                : await _core.ExecuteAsync(request, (response, token) => ListPageBuffer<T>.ReadParsedAsync(request, response, cap, token),
                    cancellationToken).ConfigureAwait(false);
        }
    }
}
