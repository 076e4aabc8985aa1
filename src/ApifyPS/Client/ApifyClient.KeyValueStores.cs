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
            await foreach (var key in ListByKeyAsync<ApifyKeyValueStoreKey>(store.BasePath + "/keys", query, paging, storeId, cancellationToken)
                               .ConfigureAwait(false))
            {
                key.StoreId = storeId;
                yield return key;
            }
        }

        /// <summary>
        /// One record (<c>GET {store}/records/{recordKey}</c>): its bytes and Content-Type as stored. A missing record
        /// is an <see cref="ApifyApiException"/> (record-not-found).
        /// </summary>
        public Task<ApifyActorOutput> GetRecordAsync(ApifyStorageRef store, string key, CancellationToken cancellationToken = default) =>
            ExecuteAsync(RecordRequest(store, key), async (response, token) =>
            {
                var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                return new ApifyActorOutput(body, response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream");
            }, cancellationToken);

        /// <summary>
        /// Writes one record to <paramref name="path"/> byte for byte, streamed (not held in memory): into a temporary
        /// file next to it, renamed over the target once complete, so a failed download leaves no partial file.
        /// Returns the record's Content-Type and size.
        /// </summary>
        public Task<ApifyRecordFile> SaveRecordAsync(ApifyStorageRef store, string key, string path, CancellationToken cancellationToken = default) =>
            ExecuteAsync(RecordRequest(store, key), async (response, token) =>
            {
                var full = Path.GetFullPath(path);
                var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".part");
                try
                {
                    long length;
                    using (var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                    using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                    {
                        await source.CopyToAsync(target, 81920, token).ConfigureAwait(false);
                        length = target.Length;
                    }
                    if (File.Exists(full)) File.Replace(temp, full, null);
                    else File.Move(temp, full);
                    return new ApifyRecordFile(full, response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream", length);
                }
                finally
                {
                    if (File.Exists(temp)) File.Delete(temp);
                }
            }, cancellationToken);

        private static ApifyRequest RecordRequest(ApifyStorageRef store, string key)
        {
            if (string.IsNullOrEmpty(key)) throw new ArgumentException("A record key is required.", nameof(key));
            return new ApifyRequest(HttpMethod.Get, store.BasePath + "/records/" + ApifyRequest.Segment(key)) { TargetId = key };
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
