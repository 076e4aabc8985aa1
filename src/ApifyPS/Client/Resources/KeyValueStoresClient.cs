using System.Runtime.CompilerServices;

namespace ApifyPS.Client
{
    /// <summary>Key-value stores: <c>/v2/key-value-stores</c> and a run's default store: keys and records.</summary>
    public sealed class KeyValueStoresClient : ApifyResourceClient, IStorageClient<ApifyKeyValueStore>
    {
        internal KeyValueStoresClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>
        /// The keys of a key-value store (<c>GET {store}/keys</c>), paged by key by the paging engine, each carrying the
        /// store's id so it can be passed on to get its record.
        /// </summary>
        public async IAsyncEnumerable<ApifyKeyValueStoreKey> ListKeysAsync(string storeId, KeyPageRequest paging, string? prefix = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var query = new ApifyQuery().Add("prefix", string.IsNullOrEmpty(prefix) ? null : prefix);
            await foreach (var key in Client.ListByKeyAsync<ApifyKeyValueStoreKey>(ApifyPaths.Keys(ApifyStorageRef.KeyValueStore(storeId)), query, paging,
                               storeId, cancellationToken).ConfigureAwait(false))
            {
                key.StoreId = storeId;
                yield return key;
            }
        }

        /// <summary>
        /// The keys of a run's default key-value store. Key objects carry their store's id (so they pipe into
        /// Get-ApifyRecord), so the run is read first when <paramref name="run"/> does not name its store.
        /// </summary>
        public async IAsyncEnumerable<ApifyKeyValueStoreKey> ListKeysOfRunAsync(string runId, ApifyRun? run, KeyPageRequest paging, string? prefix = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var storeId = run?.DefaultKeyValueStoreId;
            if (string.IsNullOrEmpty(storeId))
                storeId = (await Client.Runs.GetAsync(runId, 0, cancellationToken).ConfigureAwait(false)).DefaultKeyValueStoreId;
            if (string.IsNullOrEmpty(storeId))
                throw new ApifyApiException(null, ApifyErrorTypes.InvalidResponse, $"Run {runId} has no default key-value store.", "GET",
                    ApifyPaths.Run(runId).Value) { TargetId = runId };
            await foreach (var key in ListKeysAsync(storeId!, paging, prefix, cancellationToken).ConfigureAwait(false))
                yield return key;
        }

        /// <summary>
        /// One record (<c>GET {store}/records/{recordKey}</c>): its bytes and Content-Type as stored, read into memory
        /// (at most <see cref="ApifyClientOptions.MaxRecordBytes"/>; a larger one is refused and belongs in a file, see
        /// <see cref="SaveRecordAsync(ApifyStorageRef, string, string, bool, CancellationToken)"/>). A missing record
        /// is an <see cref="ApifyApiException"/> (record-not-found).
        /// </summary>
        public Task<ApifyActorOutput> GetRecordAsync(ApifyStorageRef store, string key, CancellationToken cancellationToken = default) =>
            Core.ExecuteAsync(RecordRequest(store, key, ApifyRequestPolicy.ReadRecord), async (response, token) =>
            {
                using var body = await ResponseBody.ReadAllAsync(response,
                    Core.RecordCap(ApifyBodyKind.Record, "a record", "Write it to a file instead: that is streamed to disk."), token).ConfigureAwait(false);
                return new ApifyActorOutput(body.ToArray(), response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
            }, cancellationToken);

        /// <summary>
        /// Writes one record to <paramref name="path"/> byte for byte, streamed (not held in memory, no size cap) into a
        /// temporary file beside it and renamed over the target once complete, so a failed download leaves no partial
        /// file (<see cref="OutFileWriter"/>). The request's timeout bounds the wait for the answer and then every pause
        /// between its bytes, not the whole download (<see cref="ApifyTimeoutTier.BetweenBytes"/>). A local problem (the
        /// folder is missing, <paramref name="noClobber"/> and the file exists, the disk is full) is an
        /// <see cref="ApifyOutFileException"/>, never retried; what can be known before the request is found before it,
        /// and then nothing is sent. Returns the record's Content-Type and size.
        /// </summary>
        public async Task<ApifyRecordFile> SaveRecordAsync(ApifyStorageRef store, string key, string path, bool noClobber,
            CancellationToken cancellationToken = default)
        {
            var request = RecordRequest(store, key, ApifyRequestPolicy.DownloadRecord);
            var timeoutBetweenBytes = Core.TimeoutOf(request);
            using var file = OutFileWriter.Create(path, noClobber);
            var (contentType, length) = await Core.ExecuteAsync(request, async (response, token) =>
            {
                var written = await file.WriteAsync(response, timeoutBetweenBytes, token).ConfigureAwait(false);
                return (response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream", written);
            }, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            file.Commit();
            return new ApifyRecordFile(file.Path, contentType, length);
        }

        /// <summary>
        /// <see cref="SaveRecordAsync(ApifyStorageRef, string, string, bool, CancellationToken)"/>, replacing an existing file.
        /// </summary>
        public Task<ApifyRecordFile> SaveRecordAsync(ApifyStorageRef store, string key, string path, CancellationToken cancellationToken = default) =>
            SaveRecordAsync(store, key, path, noClobber: false, cancellationToken);

        // Key-value stores as objects, records written and deleted (issue 15).

        /// <summary>The user's key-value stores (<c>GET /v2/key-value-stores</c>): the named ones, or all with <paramref name="unnamed"/>.</summary>
        public IAsyncEnumerable<ApifyKeyValueStore> ListAsync(bool unnamed, PageRequest paging, CancellationToken cancellationToken = default) =>
            Client.ListAsync<ApifyKeyValueStore>(ApifyPaths.KeyValueStores(), new ApifyQuery().AddFlag("unnamed", unnamed), paging, (string?)null, cancellationToken);

        /// <summary>One key-value store (<c>GET /v2/key-value-stores/{storeId}</c>): an id or username~name.</summary>
        public Task<ApifyKeyValueStore> GetAsync(string storeId, CancellationToken cancellationToken = default) =>
            Core.GetDataAsync<ApifyKeyValueStore>(new ApifyRequest(HttpMethod.Get, ApifyPaths.KeyValueStore(storeId), ApifyRequestPolicy.Read) { TargetId = storeId },
                cancellationToken);

        /// <summary>Creates a key-value store (<c>POST /v2/key-value-stores?name=</c>; see <see cref="StorageRequests.Create"/>).</summary>
        public Task<ApifyKeyValueStore> CreateAsync(string? name, CancellationToken cancellationToken = default) =>
            Core.GetDataAsync<ApifyKeyValueStore>(StorageRequests.Create(ApifyPaths.KeyValueStores(), name, "KeyValueStore"), cancellationToken);

        /// <summary>Renames a key-value store (<c>PUT /v2/key-value-stores/{storeId}</c>).</summary>
        public Task<ApifyKeyValueStore> UpdateAsync(string storeId, ApifyBody changes, CancellationToken cancellationToken = default) =>
            Core.GetDataAsync<ApifyKeyValueStore>(StorageRequests.Update(ApifyPaths.KeyValueStore(storeId), storeId, changes), cancellationToken);

        /// <summary>Deletes a key-value store with its records (<c>DELETE /v2/key-value-stores/{storeId}</c>, 204).</summary>
        public Task DeleteAsync(string storeId, CancellationToken cancellationToken = default) =>
            Client.SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.KeyValueStore(storeId), ApifyRequestPolicy.Write) { TargetId = storeId },
                cancellationToken);

        /// <summary>
        /// Writes a record (<c>PUT {store}/records/{recordKey}</c>) with <paramref name="contentType"/>: a keyed upsert,
        /// so it is repeated like any write; <paramref name="content"/> makes a fresh body for each attempt (a file is
        /// opened again and streamed, never read whole).
        /// </summary>
        public Task SetRecordAsync(ApifyStorageRef store, string key, Func<HttpContent> content, string contentType,
            CancellationToken cancellationToken = default)
        {
            if (content == null) throw new ArgumentNullException(nameof(content));
            var mediaType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            var request = new ApifyRequest(Put, ApifyPaths.Record(store, key), ApifyRequestPolicy.Write)
            {
                Content = () =>
                {
                    var body = content();
                    body.Headers.ContentType = mediaType;
                    return body;
                },
                TargetId = key,
            };
            return Client.SendAsync(request, cancellationToken);
        }

        /// <summary>Deletes a record (<c>DELETE {store}/records/{recordKey}</c>, 204).</summary>
        public Task DeleteRecordAsync(ApifyStorageRef store, string key, CancellationToken cancellationToken = default) =>
            Client.SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.Record(store, key), ApifyRequestPolicy.Write) { TargetId = key }, cancellationToken);

        private static ApifyRequest RecordRequest(ApifyStorageRef store, string key, ApifyRequestPolicy policy) =>
            new ApifyRequest(HttpMethod.Get, ApifyPaths.Record(store, key), policy) { TargetId = key };
    }
}
