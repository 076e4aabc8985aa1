using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
        /// Streams an offset-paged list, at most one page ahead of the consumer. Advances by the items actually received;
        /// stops on an empty or short page or when -First is satisfied. Each page is read whole inside its request and
        /// deserialized in one call (see <see cref="ListPageBuffer{T}"/>); the first page's first item goes out first, on
        /// its own, so it comes out as soon as the page is in (the page's JSON is checked inside the request, so garbage is
        /// retried like any read; the rest of that page is deserialized right after).
        /// <para>
        /// Read-ahead (<see cref="ApifyClientOptions.ReadAheadAt"/>, by default a tenth of the page and at least <see
        /// cref="ApifyClientOptions.ReadAheadMinItems"/> = 50 items): from then on page N+1 is requested while the rest of
        /// page N is consumed, so the server's and the network's time overlaps with the consumer's. A page is read ahead
        /// only when it is certainly wanted as far as the client knows: not after a short or empty page, not past -First,
        /// not past the <c>total</c> the server announced (the lazy rule still fetches the page that proves the end). So a
        /// whole walk makes exactly the requests of a lazy one, and -First N never asks for more. Only a consumer that
        /// stops early on its own past the read-ahead point (<c>Select-Object -First 101</c> with 1000-item pages; never 50
        /// or fewer) can leave one page requested that it does not use; that request is cancelled the moment the consumer
        /// stops (the enumerator is disposed).
        /// </para>
        /// </summary>
        public IAsyncEnumerable<T> ListAsync<T>(ApifyPath path, ApifyQuery? query, PageRequest paging,
            CancellationToken cancellationToken = default) =>
            ListAsync<T>(path, query, paging, null, cancellationToken);

        /// <summary>
        /// <see cref="ListAsync{T}(string, ApifyQuery?, PageRequest, CancellationToken)"/> for a consumer that stops on
        /// its own at the first item for which <paramref name="endsWalk"/> is true, and true for every item after it
        /// (a time window passed): a page whose last item ends the walk is not read ahead of.
        /// </summary>
        internal async IAsyncEnumerable<T> ListAsync<T>(ApifyPath path, ApifyQuery? query, PageRequest paging, Func<T, bool>? endsWalk,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var offset = paging.Skip;
            var remaining = paging.First;
            var totalWanted = paging.OnTotal != null;
            if (remaining <= 0 && !totalWanted) yield break;
            var readAheadAt = Options.ReadAheadAt;
            var limit = PagePlanner.NextLimit(remaining <= 0 ? 1 : remaining, paging.PageSize);
            using var readAhead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pending = FetchPageAsync<T>(path, query, offset, limit, paging.Descending, first: true, cancellationToken);
            Task<ListPageBuffer<T>>? ahead = null;
            try
            {
                while (true)
                {
                    using var page = await pending.ConfigureAwait(false);
                    var from = 0;
                    if (!page.IsComplete)
                    {
                        // The first page: its first item goes out before the rest of the page is deserialized.
                        if (totalWanted && page.TotalKnown)
                        {
                            paging.OnTotal!(page.Total);
                            totalWanted = false;
                        }
                        if (page.HasFirstItem && !(remaining <= 0))
                        {
                            yield return FirstItemOf(page);
                            from = 1;
                        }
                        Complete(page);
                    }
                    if (totalWanted)
                    {
                        paging.OnTotal!(page.Total);
                        totalWanted = false;
                    }
                    var take = remaining.HasValue ? (int)Math.Min(page.Count, Math.Max(remaining.Value, 0)) : page.Count;
                    var nextRemaining = remaining - take;
                    var nextOffset = offset + page.Count;
                    var more = !(nextRemaining <= 0) && !PagePlanner.IsLastPage(page.Count, page.Limit, limit);
                    var nextLimit = PagePlanner.NextLimit(nextRemaining, paging.PageSize);
                    // total is a hint for reading ahead only (it can change while walking), never the stop rule.
                    var aheadAt = more && readAheadAt.HasValue && !(page.Total > 0 && nextOffset >= page.Total)
                        ? Math.Max((int)Math.Ceiling(take * Math.Max(0, Math.Min(1, readAheadAt.Value))), Math.Max(0, Options.ReadAheadMinItems))
                        : -1;
                    if (aheadAt >= 0 && endsWalk != null && take > 0 && endsWalk(page.Item(take - 1))) aheadAt = -1;
                    for (var i = from; i < take; i++)
                    {
                        if (i == aheadAt)
                            ahead = FetchPageAsync<T>(path, query, nextOffset, nextLimit, paging.Descending, first: false, readAhead.Token);
                        yield return page.Item(i);
                    }
                    if (!more) yield break;
                    remaining = nextRemaining;
                    offset = nextOffset;
                    limit = nextLimit;
                    pending = ahead ?? FetchPageAsync<T>(path, query, offset, limit, paging.Descending, first: false, cancellationToken);
                    ahead = null;
                }
            }
            finally
            {
                // The consumer stopped (or failed) with a page still requested ahead: cancel it now, and give its
                // buffer back should it complete anyway.
                if (ahead != null)
                {
                    readAhead.Cancel();
                    _ = ahead.ContinueWith(t =>
                    {
                        if (t.Status == TaskStatus.RanToCompletion) t.Result.Dispose();
                        else _ = t.Exception;
                    }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }

        /// <summary>The first page is read only as far as its first item when it arrives (that item is wanted at
        /// once); later pages are deserialized whole as they arrive, off the consumer's thread when read ahead.</summary>
        private Task<ListPageBuffer<T>> FetchPageAsync<T>(ApifyPath path, ApifyQuery? query, long offset, long? limit, bool descending,
            bool first, CancellationToken cancellationToken)
        {
            var q = (query ?? new ApifyQuery()).Clone()
                .Add("offset", offset > 0 ? offset : (long?)null)
                .Add("limit", limit)
                .AddFlag("desc", descending);
            var request = new ApifyRequest(HttpMethod.Get, path, q);
            var cap = JsonCap("one page of a list", "Ask for fewer items per page (-PageSize).");
            return first
                ? ExecuteAsync(request, (response, token) => ListPageBuffer<T>.ReadFirstItemAsync(request, response, cap, token), cancellationToken)
                : ExecuteAsync(request, (response, token) => ListPageBuffer<T>.ReadParsedAsync(request, response, cap, ApifyJson.TypeInfo<DataEnvelope<ListPage<T>>>(), token),
                    cancellationToken);
        }

        private T FirstItemOf<T>(ListPageBuffer<T> page)
        {
            try
            {
                return page.FirstItem(ApifyJson.TypeInfo<T>());
            }
            catch (JsonException ex)
            {
                throw Failure(page.Request, page.Status, ApifyErrorTypes.InvalidResponse,
                    $"{page.Request.Method.Method} {page.Request.PathAndQuery} answered {(int)page.Status} with an item that could not be read: {ex.Message}", ex);
            }
        }

        private void Complete<T>(ListPageBuffer<T> page)
        {
            try
            {
                page.Complete(ApifyJson.TypeInfo<DataEnvelope<ListPage<T>>>());
            }
            catch (JsonException ex)
            {
                throw Failure(page.Request, page.Status, ApifyErrorTypes.InvalidResponse,
                    $"{page.Request.Method.Method} {page.Request.PathAndQuery} answered {(int)page.Status} with JSON that could not be read: {ex.Message}", ex);
            }
        }

        /// <summary>
        /// Streams the items of an offset-paged job list that match <paramref name="filter"/>, for endpoints that
        /// cannot filter: pages are walked lazily at the caller's page size, -Skip/-First count matching items, and
        /// the walk stops as soon as the list (sorted by startedAt) is past the filter's time window.
        /// </summary>
        internal async IAsyncEnumerable<T> ListFilteredAsync<T>(ApifyPath path, ApifyQuery? query, PageRequest paging, ApifyJobFilter filter,
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
            await foreach (var item in ListAsync<T>(path, query, inner, item => filter.IsPastWindow(item, paging.Descending), cancellationToken).ConfigureAwait(false))
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
