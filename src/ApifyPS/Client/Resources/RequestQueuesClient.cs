using System.Runtime.CompilerServices;

namespace ApifyPS.Client
{
    /// <summary>Request queues: <c>/v2/request-queues</c> and their requests.</summary>
    public sealed class RequestQueuesClient : ApifyResourceClient, IStorageClient<ApifyRequestQueue>
    {
        /// <summary>The most requests one batch may hold (the API's limit).</summary>
        public const int MaxBatch = 25;

        /// <summary>Requests per page of the requests list (the API allows up to 10,000).</summary>
        public const int DefaultRequestPageSize = 1000;

        internal RequestQueuesClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>The user's request queues (<c>GET /v2/request-queues</c>): the named ones, or all with <paramref name="unnamed"/>.</summary>
        public IAsyncEnumerable<ApifyRequestQueue> ListAsync(bool unnamed, PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifyRequestQueue>(ApifyPaths.RequestQueues(), new ApifyQuery().AddFlag("unnamed", unnamed), paging, null, cancellationToken);

        /// <summary>One request queue (<c>GET /v2/request-queues/{queueId}</c>): an id or username~name.</summary>
        public Task<ApifyRequestQueue> GetAsync(string queueId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyRequestQueue>(new ApifyRequest(HttpMethod.Get, ApifyPaths.RequestQueue(queueId), ApifyRequestPolicy.Read) { TargetId = queueId },
                cancellationToken);

        /// <summary>Creates a request queue (<c>POST /v2/request-queues?name=</c>; see <see cref="StorageRequests.Create"/>).</summary>
        public Task<ApifyRequestQueue> CreateAsync(string? name, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyRequestQueue>(StorageRequests.Create(ApifyPaths.RequestQueues(), name, "RequestQueue"), cancellationToken);

        /// <summary>Renames a request queue (<c>PUT /v2/request-queues/{queueId}</c>).</summary>
        public Task<ApifyRequestQueue> UpdateAsync(string queueId, ApifyBody changes, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyRequestQueue>(StorageRequests.Update(ApifyPaths.RequestQueue(queueId), queueId, changes), cancellationToken);

        /// <summary>Deletes a request queue with its requests (<c>DELETE /v2/request-queues/{queueId}</c>, 204).</summary>
        public Task DeleteAsync(string queueId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.RequestQueue(queueId), ApifyRequestPolicy.Write) { TargetId = queueId }, cancellationToken);

        /// <summary>
        /// Adds up to <see cref="MaxBatch"/> requests in one call (<c>POST .../requests/batch</c>). Each has a
        /// <c>uniqueKey</c> (<see cref="UniqueKeyOf"/> of its URL when it has none): the queue adds a request only when no
        /// request with its key is there, so repeating the call adds nothing twice and it is retried like any write.
        /// Answers one result per request, in order: its id and whether it was already present; a request the queue
        /// refused for now (the API's unprocessedRequests) comes back marked <see cref="ApifyQueueRequestAdded.Unprocessed"/>.
        /// </summary>
        public async Task<IReadOnlyList<ApifyQueueRequestAdded>> AddRequestsAsync(string queueId, IReadOnlyList<ApifyBody> requests, bool forefront,
            CancellationToken cancellationToken = default)
        {
            if (requests == null) throw new ArgumentNullException(nameof(requests));
            if (requests.Count == 0) return Array.Empty<ApifyQueueRequestAdded>();
            if (requests.Count > MaxBatch) throw new ArgumentException($"A batch holds at most {MaxBatch} requests, not {requests.Count}.", nameof(requests));
            var bodies = requests.Select(WithUniqueKey).ToList();
            var content = new ApifyBodyList(bodies);
            var request = new ApifyRequest(HttpMethod.Post, ApifyPaths.QueueRequestsBatch(queueId), ApifyRequestPolicy.Write,
                new ApifyQuery().AddFlag("forefront", forefront))
            {
                Content = content.ToContent,
                TargetId = queueId,
            };
            var result = await GetDataAsync<ApifyQueueBatchResult>(request, cancellationToken).ConfigureAwait(false);
            // The answers by key, in the order the queue gave them (a key sent twice in one batch is answered twice).
            var byKey = new Dictionary<string, Queue<ApifyQueueRequestAdded>>(StringComparer.Ordinal);
            foreach (var processed in result.ProcessedRequests ?? Array.Empty<ApifyQueueRequestAdded>())
            {
                if (processed.UniqueKey == null) continue;
                if (!byKey.TryGetValue(processed.UniqueKey, out var answersOfKey)) byKey[processed.UniqueKey] = answersOfKey = new Queue<ApifyQueueRequestAdded>();
                answersOfKey.Enqueue(processed);
            }
            var lastOfKey = new Dictionary<string, ApifyQueueRequestAdded>(StringComparer.Ordinal);
            var answers = new List<ApifyQueueRequestAdded>(bodies.Count);
            foreach (var body in bodies)
            {
                var key = (string)body.Get("uniqueKey")!;
                var url = body.Get("url") as string;
                ApifyQueueRequestAdded? found = null;
                if (byKey.TryGetValue(key, out var queued) && queued.Count > 0) found = queued.Dequeue();
                else if (lastOfKey.TryGetValue(key, out var last)) found = last;
                if (found != null) lastOfKey[key] = found;
                var answer = found != null
                    ? new ApifyQueueRequestAdded
                    {
                        RequestId = found.RequestId, UniqueKey = key, WasAlreadyPresent = found.WasAlreadyPresent, WasAlreadyHandled = found.WasAlreadyHandled,
                    }
                    : new ApifyQueueRequestAdded { UniqueKey = key, Unprocessed = true };
                // A second request with the same key in one batch: the queue holds one, the second was present already.
                if (!answer.Unprocessed && answers.Any(a => a.UniqueKey == key && !a.Unprocessed)) answer.WasAlreadyPresent = true;
                answer.QueueId = queueId;
                answer.Url = url;
                answers.Add(answer);
            }
            return answers;
        }

        /// <summary>
        /// A queue's requests (<c>GET .../requests</c>), page by page by the API's cursor (<c>nextCursor</c>), each
        /// carrying its queue's id; <paramref name="skip"/> requests are read and dropped, at most <paramref name="first"/> come.
        /// </summary>
        public async IAsyncEnumerable<ApifyQueueRequest> ListRequestsAsync(string queueId, long skip = 0, long? first = null, int? pageSize = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            string? cursor = null;
            long seen = 0, given = 0;
            while (true)
            {
                var limit = pageSize ?? DefaultRequestPageSize;
                var query = new ApifyQuery().Add("limit", (long)limit).Add("cursor", cursor);
                var request = new ApifyRequest(HttpMethod.Get, ApifyPaths.QueueRequests(queueId), ApifyRequestPolicy.Read, query) { TargetId = queueId };
                var page = await GetDataAsync<CursorListPage<ApifyQueueRequest>>(request, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items ?? Array.Empty<ApifyQueueRequest>())
                {
                    if (seen++ < skip) continue;
                    if (first.HasValue && given >= first.Value) yield break;
                    item.QueueId = queueId;
                    given++;
                    yield return item;
                }
                if (first.HasValue && given >= first.Value) yield break;
                if (string.IsNullOrEmpty(page.NextCursor) || page.Items == null || page.Items.Length == 0) yield break;
                if (page.NextCursor == cursor)
                    throw Core.Failure(request, null, ApifyErrorTypes.InvalidResponse,
                        $"{request.Method.Method} {request.PathAndQuery} answered the same nextCursor it was asked for.", null);
                cursor = page.NextCursor;
            }
        }

        /// <summary>One request of a queue (<c>GET .../requests/{requestId}</c>).</summary>
        public async Task<ApifyQueueRequest> GetRequestAsync(string queueId, string requestId, CancellationToken cancellationToken = default)
        {
            var request = await GetDataAsync<ApifyQueueRequest>(
                new ApifyRequest(HttpMethod.Get, ApifyPaths.QueueRequest(queueId, requestId), ApifyRequestPolicy.Read) { TargetId = requestId },
                cancellationToken).ConfigureAwait(false);
            request.QueueId = queueId;
            return request;
        }

        /// <summary>Deletes a request from a queue (<c>DELETE .../requests/{requestId}</c>, 204).</summary>
        public Task DeleteRequestAsync(string queueId, string requestId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.QueueRequest(queueId, requestId), ApifyRequestPolicy.Write) { TargetId = requestId },
                cancellationToken);

        /// <summary>
        /// The key a queue de-duplicates a URL by when none is given, as the Apify SDKs make it: the URL with its
        /// scheme and host in lower case, without its fragment, its query parameters sorted and a trailing slash of the
        /// path dropped, so <c>https://Example.com/a/?b=1&amp;a=2#top</c> and <c>https://example.com/a?a=2&amp;b=1</c> are one request.
        /// </summary>
        public static string UniqueKeyOf(string url)
        {
            if (url == null) throw new ArgumentNullException(nameof(url));
            var trimmed = url.Trim();
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                return trimmed;
            var path = uri.AbsolutePath;
            if (path.Length > 1 && path.EndsWith("/", StringComparison.Ordinal)) path = path.TrimEnd('/');
            var query = uri.Query.TrimStart('?');
            var sorted = query.Length == 0 ? "" :
                "?" + string.Join("&", query.Split('&').Where(p => p.Length > 0 && !p.StartsWith("utm_", StringComparison.Ordinal)).OrderBy(p => p, StringComparer.Ordinal));
            if (sorted == "?") sorted = "";
            var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return uri.Scheme.ToLowerInvariant() + "://" + uri.Host.ToLowerInvariant() + port + (path == "/" ? "" : path) + sorted;
        }

        private static ApifyBody WithUniqueKey(ApifyBody body)
        {
            var url = body.Get("url") as string;
            if (string.IsNullOrEmpty(url)) throw new ArgumentException("A queue request needs a 'url'.");
            if (body.Get("uniqueKey") is string key && key.Length > 0) return body;
            var copy = new ApifyBody();
            foreach (var field in body) copy.Set(field.Key, field.Value);
            copy.Set("uniqueKey", UniqueKeyOf(url!));
            return copy;
        }
    }
}
