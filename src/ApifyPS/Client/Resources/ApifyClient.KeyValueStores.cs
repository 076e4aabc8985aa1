using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ApifyPS.Models;

namespace ApifyPS.Client
{
    public sealed partial class ApifyClient
    {
        /// <summary>
        /// The keys of a key-value store (<c>GET /v2/key-value-stores/{storeId}/keys</c>), paged by key and streamed
        /// lazily, each carrying the store's id so it can be passed on to get its record.
        /// </summary>
        public async IAsyncEnumerable<ApifyKeyValueStoreKey> ListKeysAsync(string storeId, KeyPageRequest paging, string? prefix = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var store = ApifyStorageRef.KeyValueStore(storeId);
            var query = new ApifyQuery().Add("prefix", string.IsNullOrEmpty(prefix) ? null : prefix);
            await foreach (var key in ListByKeyAsync<ApifyKeyValueStoreKey>(store.BasePath.Add("keys"), query, paging, storeId, cancellationToken)
                               .ConfigureAwait(false))
            {
                key.StoreId = storeId;
                yield return key;
            }
        }

        /// <summary>
        /// One record (<c>GET {store}/records/{recordKey}</c>): its bytes and Content-Type as stored, read into memory
        /// (at most <see cref="ApifyClientOptions.MaxRecordBytes"/>; a larger one is refused and belongs in a file, see
        /// <see cref="SaveRecordAsync(ApifyStorageRef, string, string, bool, CancellationToken)"/>). A missing record
        /// is an <see cref="ApifyApiException"/> (record-not-found).
        /// </summary>
        public Task<ApifyActorOutput> GetRecordAsync(ApifyStorageRef store, string key, CancellationToken cancellationToken = default) =>
            ExecuteAsync(RecordRequest(store, key), async (response, token) =>
            {
                using var body = await ResponseBody.ReadAllAsync(response,
                    RecordCap("a record", "Write it to a file instead: Get-ApifyRecord -OutFile streams it to disk."), token).ConfigureAwait(false);
                return new ApifyActorOutput(body.ToArray(), response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
            }, cancellationToken);

        /// <summary>
        /// Writes one record to <paramref name="path"/> byte for byte, streamed (not held in memory, no size cap) into a
        /// temporary file beside it and renamed over the target once complete, so a failed download leaves no partial
        /// file (<see cref="OutFileWriter"/>). The request's timeout bounds the wait for the answer and then every pause
        /// between its bytes, not the whole download. A local problem (the folder is missing, <paramref name="noClobber"/>
        /// and the file exists, the disk is full) is an <see cref="ApifyOutFileException"/>, never retried; what can be
        /// known before the request is found before it, and then nothing is sent. Returns the record's Content-Type and size.
        /// </summary>
        public async Task<ApifyRecordFile> SaveRecordAsync(ApifyStorageRef store, string key, string path, bool noClobber,
            CancellationToken cancellationToken = default)
        {
            var request = RecordRequest(store, key);
            request.TimeoutBetweenBytes = true;
            var timeoutBetweenBytes = TimeoutOf(request);
            using var file = OutFileWriter.Create(path, noClobber);
            var (contentType, length) = await ExecuteAsync(request, async (response, token) =>
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

        private static ApifyRequest RecordRequest(ApifyStorageRef store, string key)
        {
            return new ApifyRequest(HttpMethod.Get, store.BasePath.Add("records").Add(PathSegment.RecordKey, key)) { TargetId = key };
        }
    }

    /// <summary>A record written to a file: where, its Content-Type and how many bytes.</summary>
    public sealed class ApifyRecordFile
    {
        public ApifyRecordFile(string path, string contentType, long length)
        {
            Path = path;
            ContentType = contentType;
            Length = length;
        }

        public string Path { get; }
        public string ContentType { get; }
        public long Length { get; }
    }
}
