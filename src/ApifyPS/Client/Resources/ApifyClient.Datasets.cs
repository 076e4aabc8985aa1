using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace ApifyPS.Client
{
    /// <summary>What the items endpoint does to each item: pick or drop fields, drop hidden fields and empty items.</summary>
    public sealed class ApifyDatasetItemOptions
    {
        /// <summary>Only these fields, in this order (the API's <c>fields</c>).</summary>
        public IList<string>? Fields { get; set; }

        /// <summary>Without these fields (the API's <c>omit</c>).</summary>
        public IList<string>? Omit { get; set; }

        /// <summary>Without fields starting with # and without empty items (the API's <c>clean</c>).</summary>
        public bool Clean { get; set; }

        internal ApifyQuery AddTo(ApifyQuery query) =>
            query.Add("fields", Join(Fields)).Add("omit", Join(Omit)).AddFlag("clean", Clean);

        private static string? Join(IList<string>? names) => names == null || names.Count == 0 ? null : string.Join(",", names);
    }

    /// <summary>One page of dataset items and what the X-Apify-Pagination-* headers said about it.</summary>
    internal sealed class DatasetItemsPage<T>
    {
        public DatasetItemsPage(List<T> items, long? total, long? offset, long? limit)
        {
            Items = items;
            Total = total;
            Offset = offset;
            Limit = limit;
        }

        public List<T> Items { get; }
        public long? Total { get; }
        public long? Offset { get; }
        public long? Limit { get; }
    }

    public sealed partial class ApifyClient
    {
        /// <summary>
        /// Items per request when the caller sets no page size. The items endpoint has no limit of its own (without one
        /// it sends the whole dataset), so the client always asks for a page: memory stays at one page however large
        /// the dataset.
        /// </summary>
        public const int DefaultDatasetPageSize = 1000;

        /// <summary>
        /// Streams a dataset's items (<c>GET {dataset}/items</c>, a bare JSON array with its paging in the
        /// X-Apify-Pagination-* headers), one page ahead at most, by the rule of <see cref="ListAsync{T}(string, ApifyQuery?, PageRequest, CancellationToken)"/>:
        /// page N+1 is requested once the consumer has taken a tenth of page N (and at least 50 items), only when a lazy
        /// walk would fetch it too, and cancelled when the consumer stops. -Skip is the first offset, -First the most
        /// items asked for in all. Each page is read into a pooled buffer inside its request and its items built by
        /// <paramref name="readItem"/> straight from the bytes, so memory is a page or two however long the walk.
        /// Without <see cref="ApifyDatasetItemOptions.Clean"/> the walk advances by the items received and stops on a
        /// short page; with it the server may drop empty items from inside a page's window, so the walk advances by the
        /// window and stops at the dataset's total.
        /// </summary>
        public async IAsyncEnumerable<T> ListDatasetItemsAsync<T>(ApifyStorageRef dataset, ApifyDatasetItemOptions? options,
            PageRequest paging, JsonValueReader<T> readItem, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (dataset == null) throw new ArgumentNullException(nameof(dataset));
            if (readItem == null) throw new ArgumentNullException(nameof(readItem));
            var path = dataset.BasePath.Add("items");
            var filtered = options?.Clean == true;
            var pageSize = paging.PageSize ?? DefaultDatasetPageSize;
            var offset = paging.Skip;
            var remaining = paging.First;
            var totalWanted = paging.OnTotal != null;
            if (remaining <= 0 && !totalWanted) yield break;
            var limit = PagePlanner.NextLimit(remaining <= 0 ? 1 : remaining, pageSize)!.Value;
            var readAheadAt = Options.ReadAheadAt;
            using var readAhead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pending = FetchItemsPageAsync(dataset, path, options, offset, limit, paging.Descending, readItem, cancellationToken);
            Task<DatasetItemsPage<T>>? ahead = null;
            try
            {
                while (true)
                {
                    var page = await pending.ConfigureAwait(false);
                    if (totalWanted)
                    {
                        if (page.Total.HasValue) paging.OnTotal!(page.Total.Value);
                        totalWanted = false;
                    }
                    var count = page.Items.Count;
                    var take = remaining.HasValue ? (int)Math.Min(count, Math.Max(remaining.Value, 0)) : count;
                    var nextRemaining = remaining - take;
                    // The server may answer a smaller limit than asked (a larger one is never assumed).
                    var window = page.Limit is long answered && answered > 0 ? Math.Min(answered, limit) : limit;
                    long nextOffset;
                    bool more;
                    if (filtered)
                    {
                        nextOffset = offset + Math.Max(window, count);
                        more = page.Total.HasValue ? nextOffset < page.Total.Value : count > 0;
                    }
                    else
                    {
                        nextOffset = offset + count;
                        more = !PagePlanner.IsLastPage(count, window, limit);
                    }
                    more = more && !(nextRemaining <= 0);
                    var nextLimit = PagePlanner.NextLimit(nextRemaining, pageSize)!.Value;
                    var aheadAt = more && readAheadAt.HasValue && !(page.Total > 0 && nextOffset >= page.Total)
                        ? Math.Max((int)Math.Ceiling(take * Math.Max(0, Math.Min(1, readAheadAt.Value))), Math.Max(0, Options.ReadAheadMinItems))
                        : -1;
                    for (var i = 0; i < take; i++)
                    {
                        if (i == aheadAt)
                            ahead = FetchItemsPageAsync(dataset, path, options, nextOffset, nextLimit, paging.Descending, readItem, readAhead.Token);
                        yield return page.Items[i];
                    }
                    if (!more) yield break;
                    offset = nextOffset;
                    remaining = nextRemaining;
                    limit = nextLimit;
                    pending = ahead ?? FetchItemsPageAsync(dataset, path, options, offset, limit, paging.Descending, readItem, cancellationToken);
                    ahead = null;
                }
            }
            finally
            {
                // The consumer stopped (or failed) with a page requested ahead: cancel it now.
                if (ahead != null)
                {
                    readAhead.Cancel();
                    _ = ahead.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
            }
        }

        private Task<DatasetItemsPage<T>> FetchItemsPageAsync<T>(ApifyStorageRef dataset, ApifyPath path, ApifyDatasetItemOptions? options,
            long offset, long limit, bool descending, JsonValueReader<T> readItem, CancellationToken cancellationToken)
        {
            var query = (options?.AddTo(new ApifyQuery()) ?? new ApifyQuery())
                .Add("offset", offset > 0 ? offset : (long?)null)
                .Add("limit", limit)
                .AddFlag("desc", descending);
            var request = new ApifyRequest(HttpMethod.Get, path, query) { TargetId = dataset.TargetId };
            return ExecuteAsync(request, (response, token) => ReadItemsPageAsync(request, response, readItem, token), cancellationToken);
        }

        private async Task<DatasetItemsPage<T>> ReadItemsPageAsync<T>(ApifyRequest request, HttpResponseMessage response,
            JsonValueReader<T> readItem, CancellationToken cancellationToken)
        {
            var media = response.Content.Headers.ContentType?.MediaType;
            if (media != null && !ContentTypes.IsJson(media))
                throw Failure(request, response.StatusCode, ApifyErrorTypes.InvalidResponse,
                    $"{request.Method.Method} {request.PathAndQuery} answered {media} instead of a JSON array of items.", null);
            // The page's own pooled buffer: given back as soon as its items are built (a page read ahead and then
            // cancelled never shares one).
            using var buffer = new JsonPageBuffer();
            await buffer.FillAsync(response, JsonCap("one page of dataset items", "Ask for fewer items per page (-PageSize)."),
                cancellationToken).ConfigureAwait(false);
            var items = buffer.ReadArray(readItem);
            var headers = response.Headers;
            return new DatasetItemsPage<T>(items, PaginationHeader(headers, "Total"), PaginationHeader(headers, "Offset"),
                PaginationHeader(headers, "Limit"));
        }

        /// <summary>An X-Apify-Pagination-* header as a number; null when absent or not a number.</summary>
        private static long? PaginationHeader(HttpResponseHeaders headers, string name) =>
            headers.TryGetValues("X-Apify-Pagination-" + name, out var values) &&
            long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : (long?)null;
    }
}
