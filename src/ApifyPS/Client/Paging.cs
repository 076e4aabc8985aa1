using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ApifyPS.Models;

namespace ApifyPS.Client
{
    /// <summary>What part of an offset-paged list the caller wants (PowerShell's -Skip/-First, -PageSize, -Descending).</summary>
    public sealed class PageRequest
    {
        /// <summary>Items to skip at the start: sent as the first request's <c>offset</c>.</summary>
        public long Skip { get; set; }

        /// <summary>At most this many items in all; null for all of them.</summary>
        public long? First { get; set; }

        /// <summary>Items per request; null lets the server choose (its default, which is also its maximum).</summary>
        public int? PageSize { get; set; }

        public bool Descending { get; set; }

        /// <summary>Called once with the server's <c>total</c> from the first page (for -IncludeTotalCount).</summary>
        public Action<long>? OnTotal { get; set; }
    }

    /// <summary>The arithmetic of walking an offset-paged list, kept apart so it is tested on its own.</summary>
    public static class PagePlanner
    {
        /// <summary>
        /// The <c>limit</c> to ask for: no more than is still wanted, no more than the page size; null (let the server
        /// choose) when neither bounds it. 1000 is never assumed: the server says what its limit is.
        /// </summary>
        public static long? NextLimit(long? remaining, int? pageSize)
        {
            if (remaining.HasValue && pageSize.HasValue) return Math.Min(remaining.Value, pageSize.Value);
            if (remaining.HasValue) return remaining.Value;
            if (pageSize.HasValue) return pageSize.Value;
            return null;
        }

        /// <summary>
        /// True when no further page can hold items: an empty page, or a short one (fewer items than the limit the
        /// server answered with, or, when it answered none, than was asked for). <c>total</c> is not trusted for
        /// this: it can change while walking.
        /// </summary>
        public static bool IsLastPage(long count, long answeredLimit, long? requestedLimit)
        {
            if (count == 0) return true;
            var limit = answeredLimit > 0 ? answeredLimit : requestedLimit ?? 0;
            return limit > 0 && count < limit;
        }
    }

    public sealed partial class ApifyClient
    {
        /// <summary>
        /// Streams an offset-paged list lazily: page N+1 is requested only when the consumer asks past page N.
        /// Advances by the items actually received; stops on an empty or short page or when -First is satisfied.
        /// </summary>
        public async IAsyncEnumerable<T> ListAsync<T>(string path, ApifyQuery? query, PageRequest paging,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var offset = paging.Skip;
            var remaining = paging.First;
            var totalWanted = paging.OnTotal != null;
            while (true)
            {
                if (remaining <= 0 && !totalWanted) yield break;
                var limit = PagePlanner.NextLimit(remaining <= 0 ? 1 : remaining, paging.PageSize);
                var q = (query ?? new ApifyQuery()).Clone()
                    .Add("offset", offset > 0 ? offset : (long?)null)
                    .Add("limit", limit)
                    .AddFlag("desc", paging.Descending);
                var page = await GetDataAsync<ListPage<T>>(new ApifyRequest(HttpMethod.Get, path, q), cancellationToken).ConfigureAwait(false);
                if (totalWanted)
                {
                    paging.OnTotal!(page.Total);
                    totalWanted = false;
                }
                var items = page.Items ?? Array.Empty<T>();
                var take = remaining.HasValue ? (int)Math.Min(items.Length, Math.Max(remaining.Value, 0)) : items.Length;
                for (var i = 0; i < take; i++) yield return items[i];
                if (remaining.HasValue)
                {
                    remaining -= take;
                    if (remaining <= 0) yield break;
                }
                offset += items.Length;
                if (PagePlanner.IsLastPage(items.Length, page.Limit, limit)) yield break;
            }
        }

        /// <summary>
        /// Streams the items of an offset-paged job list that match <paramref name="filter"/>, for endpoints that
        /// cannot filter: pages are walked lazily at the caller's page size, -Skip/-First count matching items, and
        /// the walk stops as soon as the list (sorted by startedAt) is past the filter's time window.
        /// </summary>
        internal async IAsyncEnumerable<T> ListFilteredAsync<T>(string path, ApifyQuery? query, PageRequest paging, ApifyJobFilter filter,
            [EnumeratorCancellation] CancellationToken cancellationToken = default) where T : IApifyJob
        {
            var wanted = paging.First;
            var inner = new PageRequest
            {
                PageSize = paging.PageSize,
                Descending = paging.Descending,
                OnTotal = paging.OnTotal,
                // Nothing wanted but the total: one minimal request, as without a filter.
                First = wanted <= 0 ? 0 : (long?)null,
            };
            long skipped = 0, yielded = 0;
            await foreach (var item in ListAsync<T>(path, query, inner, cancellationToken).ConfigureAwait(false))
            {
                if (filter.IsPastWindow(item, paging.Descending)) yield break;
                if (!filter.Matches(item)) continue;
                if (skipped < paging.Skip)
                {
                    skipped++;
                    continue;
                }
                yield return item;
                if (wanted.HasValue && ++yielded >= wanted.Value) yield break;
            }
        }
    }
}
