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
        /// Streams a dataset's items lazily (<c>GET {dataset}/items</c>, a bare JSON array with its paging in the
        /// X-Apify-Pagination-* headers): page N+1 is requested only when the consumer asks past page N; -Skip is the
        /// first offset, -First the most items asked for in all. Each item is built by <paramref name="readItem"/>
        /// straight from the page's bytes. Without <see cref="ApifyDatasetItemOptions.Clean"/> the walk advances by
        /// the items received and stops on a short page; with it the server may drop empty items from a page, so the
        /// walk advances by the page's window and stops at the dataset's total.
        /// </summary>
        public async IAsyncEnumerable<T> ListDatasetItemsAsync<T>(ApifyStorageRef dataset, ApifyDatasetItemOptions? options,
            PageRequest paging, JsonValueReader<T> readItem, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (dataset == null) throw new ArgumentNullException(nameof(dataset));
            if (readItem == null) throw new ArgumentNullException(nameof(readItem));
            var path = dataset.BasePath + "/items";
            var filtered = options?.Clean == true;
            var offset = paging.Skip;
            var remaining = paging.First;
            var totalWanted = paging.OnTotal != null;
            using var buffer = new JsonPageBuffer();
            while (true)
            {
                if (remaining <= 0 && !totalWanted) yield break;
                var limit = PagePlanner.NextLimit(remaining <= 0 ? 1 : remaining, paging.PageSize ?? DefaultDatasetPageSize)!.Value;
                var query = (options?.AddTo(new ApifyQuery()) ?? new ApifyQuery())
                    .Add("offset", offset > 0 ? offset : (long?)null)
                    .Add("limit", limit)
                    .AddFlag("desc", paging.Descending);
                var request = new ApifyRequest(HttpMethod.Get, path, query) { TargetId = dataset.TargetId };
                var page = await ExecuteAsync(request, (response, token) => ReadItemsPageAsync(request, response, buffer, readItem, token),
                    cancellationToken).ConfigureAwait(false);
                if (totalWanted)
                {
                    if (page.Total.HasValue) paging.OnTotal!(page.Total.Value);
                    totalWanted = false;
                }
                var take = remaining.HasValue ? (int)Math.Min(page.Items.Count, Math.Max(remaining.Value, 0)) : page.Items.Count;
                for (var i = 0; i < take; i++) yield return page.Items[i];
                if (remaining.HasValue)
                {
                    remaining -= take;
                    if (remaining <= 0) yield break;
                }
                // The server may answer a smaller limit than asked (never a larger one is assumed).
                var window = page.Limit is long answered && answered > 0 ? Math.Min(answered, limit) : limit;
                if (filtered)
                {
                    offset += Math.Max(window, page.Items.Count);
                    if (page.Total.HasValue ? offset >= page.Total.Value : page.Items.Count == 0) yield break;
                }
                else
                {
                    offset += page.Items.Count;
                    if (PagePlanner.IsLastPage(page.Items.Count, window, limit)) yield break;
                }
            }
        }

        private async Task<DatasetItemsPage<T>> ReadItemsPageAsync<T>(ApifyRequest request, HttpResponseMessage response, JsonPageBuffer buffer,
            JsonValueReader<T> readItem, CancellationToken cancellationToken)
        {
            var media = response.Content.Headers.ContentType?.MediaType;
            if (media != null && !ContentTypes.IsJson(media))
                throw Failure(request, response.StatusCode, ApifyErrorTypes.InvalidResponse,
                    $"{request.Method.Method} {request.PathAndQuery} answered {media} instead of a JSON array of items.", null);
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                await buffer.FillAsync(stream, cancellationToken).ConfigureAwait(false);
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
