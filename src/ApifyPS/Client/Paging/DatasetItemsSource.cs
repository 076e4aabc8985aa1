using System.Globalization;
using System.Net.Http.Headers;

namespace ApifyPS.Client
{
    /// <summary>
    /// A dataset's items (<c>GET {dataset}/items</c>): a bare JSON array with its paging in the X-Apify-Pagination-*
    /// headers. The endpoint has no limit of its own (without one it sends the whole dataset), so a page size is always
    /// sent. Each page is read into a pooled buffer inside its request and its items built by the caller's
    /// <see cref="JsonValueReader{T}"/> straight from the bytes. With <c>clean</c> the server drops empty items from
    /// inside a page's window, so the walk advances by the window and stops at the dataset's total.
    /// </summary>
    internal sealed class DatasetItemsSource<T> : OffsetPageSource<T>
    {
        /// <summary>
        /// Items per request when the caller sets no page size: the API's list maximum, so memory stays at one page
        /// however large the dataset.
        /// </summary>
        public const int DefaultItemsPageSize = 1000;

        private readonly ApifyRequestCore _core;
        private readonly ApifyStorageRef _dataset;
        private readonly ApifyDatasetItemOptions? _options;
        private readonly bool _descending;
        private readonly JsonValueReader<T> _readItem;

        public DatasetItemsSource(ApifyRequestCore core, ApifyStorageRef dataset, ApifyDatasetItemOptions? options, bool descending,
            JsonValueReader<T> readItem)
            : base(advanceByWindow: options?.Clean == true)
        {
            _core = core;
            _dataset = dataset;
            _options = options;
            _descending = descending;
            _readItem = readItem;
        }

        public override int? DefaultPageSize => DefaultItemsPageSize;

        public override Task<IListPage<T>> FetchAsync(long offset, long? limit, bool first, CancellationToken cancellationToken)
        {
            var query = (_options?.AddTo(new ApifyQuery()) ?? new ApifyQuery())
                .Add("offset", offset > 0 ? offset : (long?)null)
                .Add("limit", limit)
                .AddFlag("desc", _descending);
            var request = new ApifyRequest(HttpMethod.Get, ApifyPaths.DatasetItems(_dataset), ApifyRequestPolicy.Read, query) { TargetId = _dataset.TargetId };
            return _core.ExecuteAsync(request, (response, token) => ReadPageAsync(request, response, token), cancellationToken);
        }

        private async Task<IListPage<T>> ReadPageAsync(ApifyRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var media = response.Content.Headers.ContentType?.MediaType;
            if (media != null && !ContentTypes.IsJson(media))
                throw _core.Failure(request, response.StatusCode, ApifyErrorTypes.InvalidResponse,
                    $"{request.Method.Method} {request.PathAndQuery} answered {media} instead of a JSON array of items.", null);
            // The page's own pooled buffer: given back as soon as its items are built (a page read ahead and then
            // cancelled never shares one).
            using var buffer = new JsonPageBuffer();
            await buffer.FillAsync(response, _core.JsonCap(ApifyBodyKind.DatasetItemsPage, "one page of dataset items", "Ask for fewer items per page."), cancellationToken)
                .ConfigureAwait(false);
            var items = buffer.ReadArray(_readItem);
            var headers = response.Headers;
            return new ArrayPage<T>(items, PaginationHeader(headers, "Total"), PaginationHeader(headers, "Limit"));
        }

        /// <summary>An X-Apify-Pagination-* header as a number; null when absent or not a number.</summary>
        private static long? PaginationHeader(HttpResponseHeaders headers, string name) =>
            headers.TryGetValues("X-Apify-Pagination-" + name, out var values) &&
            long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : (long?)null;
    }
}
