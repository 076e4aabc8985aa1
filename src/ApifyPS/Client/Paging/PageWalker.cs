using System.Runtime.CompilerServices;

namespace ApifyPS.Client
{
    /// <summary>
    /// The one paging engine: every list (offset lists, dataset items, key lists) is walked by <see cref="WalkAsync"/>,
    /// lazily, at most one page ahead of the consumer, by one rule.
    /// <para>
    /// <b>The stop rule</b> is the source's (<see cref="PageSource{T,TCursor}.TryAdvance"/>): an empty or short page, a
    /// key list that is not truncated; or -First satisfied. The list's <c>total</c> is never trusted for it (it can
    /// change while walking).
    /// </para>
    /// <para>
    /// <b>The read-ahead rule</b>: once the consumer has taken a share of page N (<see cref="ApifyClientOptions.ReadAheadAt"/>,
    /// a tenth) and at least <see cref="ApifyClientOptions.ReadAheadMinItems"/> (50) of its items, page N+1 is requested
    /// while the rest of page N is consumed, so the server's and the network's time overlaps with the consumer's. A page
    /// is read ahead only when it is certainly wanted as far as the client knows: not after a short or empty page, not
    /// past -First, not past the end the list announced (its <c>total</c>: the lazy rule still fetches the page that
    /// proves the end), not past a page whose last item ends the walk (<see cref="PageWalk{T}.EndsWalk"/>). So a whole
    /// walk makes exactly the requests of a lazy one, and -First N never asks for more. Only a consumer that stops early
    /// on its own past the read-ahead point (<c>Select-Object -First 101</c> with 1000-item pages; never 50 or fewer) can
    /// leave one page requested that it does not use; that request is cancelled the moment the consumer stops (the
    /// enumerator is disposed).
    /// </para>
    /// <para>
    /// The first page's first item goes out on its own as soon as the page is in, when the page can hand it out early
    /// (<see cref="IListPage{T}.HasEarlyItem"/>: the page's JSON was checked inside its request); the rest of that page
    /// is deserialized right after.
    /// </para>
    /// </summary>
    internal static class PageWalker
    {
        public static async IAsyncEnumerable<T> WalkAsync<T, TCursor>(PageSource<T, TCursor> source, TCursor start, PageWalk<T> walk,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var remaining = walk.First;
            var skip = Math.Max(0, walk.SkipItems);
            var totalWanted = walk.OnTotal != null;
            if (remaining <= 0 && !totalWanted) yield break;
            var pageSize = walk.PageSize ?? source.DefaultPageSize;
            var cursor = start;
            // Nothing wanted but the total: one minimal request.
            var limit = LimitOf(source, remaining <= 0 ? 1 : remaining, skip, pageSize);
            using var readAhead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pending = source.FetchAsync(cursor, limit, first: true, cancellationToken);
            Task<IListPage<T>>? ahead = null;
            try
            {
                while (true)
                {
                    using var page = await pending.ConfigureAwait(false);
                    if (totalWanted && page.Total.HasValue)
                    {
                        walk.OnTotal!(page.Total.Value);
                        totalWanted = false;
                    }
                    var from = 0;
                    if (page.HasEarlyItem && !(remaining <= 0) && skip == 0)
                    {
                        yield return page.EarlyItem();
                        from = 1;
                    }
                    page.Complete();
                    if (totalWanted && page.Total.HasValue)
                    {
                        walk.OnTotal!(page.Total.Value);
                        totalWanted = false;
                    }
                    var skipped = (int)Math.Min(skip, page.Count);
                    skip -= skipped;
                    var available = page.Count - skipped;
                    var take = remaining.HasValue ? (int)Math.Min(available, Math.Max(remaining.Value, 0)) : available;
                    var nextRemaining = remaining - take;
                    var more = source.TryAdvance(page, cursor, limit, out var next) && !(nextRemaining <= 0);
                    var nextLimit = LimitOf(source, nextRemaining, skip, pageSize);
                    var aheadAt = more && walk.ReadAheadAt.HasValue && !source.EndAnnounced(page, next)
                        ? Math.Max((int)Math.Ceiling(take * Math.Max(0, Math.Min(1, walk.ReadAheadAt.Value))), Math.Max(0, walk.ReadAheadMinItems))
                        : -1;
                    if (aheadAt >= 0 && walk.EndsWalk != null && take > 0 && walk.EndsWalk(page.Item(skipped + take - 1))) aheadAt = -1;
                    for (var i = from; i < take; i++)
                    {
                        if (i == aheadAt) ahead = source.FetchAsync(next, nextLimit, first: false, readAhead.Token);
                        yield return page.Item(skipped + i);
                    }
                    if (!more) yield break;
                    remaining = nextRemaining;
                    cursor = next;
                    limit = nextLimit;
                    pending = ahead ?? source.FetchAsync(cursor, limit, first: false, cancellationToken);
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

        /// <summary>
        /// Streams the items of a job list that match <paramref name="filter"/>, for endpoints that cannot filter: pages
        /// are walked lazily at the caller's page size, -Skip/-First count matching items, and the walk stops as soon as
        /// the list (sorted by startedAt) is past the filter's time window.
        /// </summary>
        public static async IAsyncEnumerable<T> WalkFilteredAsync<T>(PageSource<T, long> source, PageRequest paging, ApifyClientOptions options,
            ApifyJobFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default) where T : ApifyPS.Models.IApifyJob
        {
            var wanted = paging.First;
            var walk = PageWalk<T>.From(new PageRequest
            {
                PageSize = paging.PageSize,
                Descending = paging.Descending,
                OnTotal = paging.OnTotal,
                // Nothing wanted but the total: one minimal request, as without a filter.
                First = wanted <= 0 ? 0 : (long?)null,
            }, options, item => filter.IsPastWindow(item, paging.Descending));
            long skipped = 0, yielded = 0;
            await foreach (var item in WalkAsync(source, 0L, walk, cancellationToken).ConfigureAwait(false))
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

        /// <summary>The <c>limit</c> of the next request: what is still wanted (and still to be skipped), at most the page size and the endpoint's maximum.</summary>
        private static long? LimitOf<T, TCursor>(PageSource<T, TCursor> source, long? remaining, long skip, int? pageSize)
        {
            var limit = PagePlanner.NextLimit(remaining.HasValue ? remaining + skip : null, pageSize);
            return limit > source.MaxLimit ? source.MaxLimit : limit;
        }
    }
}
