using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;

namespace ApifyPS.Client
{
    /// <summary>What part of a key-paged list the caller wants (the key-value store keys).</summary>
    public sealed class KeyPageRequest
    {
        /// <summary>Start after this key (the API's <c>exclusiveStartKey</c>); null from the first key.</summary>
        public string? ExclusiveStartKey { get; set; }

        /// <summary>Items to skip at the start. The API cannot skip by count, so they are read and dropped.</summary>
        public long Skip { get; set; }

        /// <summary>At most this many items in all; null for all of them.</summary>
        public long? First { get; set; }

        /// <summary>Items per request; null lets the server choose (its default, which is also its maximum).</summary>
        public int? PageSize { get; set; }
    }

    /// <summary>The <c>data</c> of a key-paged list: <c>items, count, limit, exclusiveStartKey, isTruncated, nextExclusiveStartKey</c>.</summary>
    public sealed class KeyListPage<T>
    {
        public T[]? Items { get; set; }
        public long Count { get; set; }
        public long Limit { get; set; }
        public string? ExclusiveStartKey { get; set; }
        public bool IsTruncated { get; set; }
        public string? NextExclusiveStartKey { get; set; }
    }

    public sealed partial class ApifyClient
    {
        /// <summary>The largest <c>limit</c> the key lists accept (the OpenAPI document's maximum for them).</summary>
        public const int MaxKeyPageSize = 1000;

        /// <summary>
        /// Streams a key-paged list lazily (the API's other paging, used by key-value store keys): each page names the
        /// key to start after for the next one (<c>nextExclusiveStartKey</c>) and says whether there is one
        /// (<c>isTruncated</c>). Page N+1 is requested only when the consumer asks past page N; a server that does not
        /// advance is an error rather than an endless walk.
        /// </summary>
        public async IAsyncEnumerable<T> ListByKeyAsync<T>(ApifyPath path, ApifyQuery? query, KeyPageRequest paging, string? targetId = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var startKey = string.IsNullOrEmpty(paging.ExclusiveStartKey) ? null : paging.ExclusiveStartKey;
            var skip = paging.Skip;
            var remaining = paging.First;
            while (true)
            {
                if (remaining <= 0) yield break;
                var limit = PagePlanner.NextLimit(remaining.HasValue ? remaining + skip : null, paging.PageSize);
                if (limit > MaxKeyPageSize) limit = MaxKeyPageSize;
                var q = (query ?? new ApifyQuery()).Clone().Add("exclusiveStartKey", startKey).Add("limit", limit);
                var request = new ApifyRequest(HttpMethod.Get, path, q) { TargetId = targetId };
                var page = await GetDataAsync<KeyListPage<T>>(request, cancellationToken).ConfigureAwait(false);
                var items = page.Items ?? Array.Empty<T>();
                foreach (var item in items)
                {
                    if (skip > 0)
                    {
                        skip--;
                        continue;
                    }
                    yield return item;
                    if (remaining.HasValue && --remaining <= 0) yield break;
                }
                if (!page.IsTruncated || items.Length == 0 || string.IsNullOrEmpty(page.NextExclusiveStartKey)) yield break;
                if (string.Equals(page.NextExclusiveStartKey, startKey, StringComparison.Ordinal))
                    throw Failure(request, null, ApifyErrorTypes.InvalidResponse,
                        $"{request.Method.Method} {request.PathAndQuery} answered the same nextExclusiveStartKey it was asked to start after.", null);
                startKey = page.NextExclusiveStartKey;
            }
        }
    }
}
