using System.Net.Http.Headers;

namespace ApifyPS.Client
{
    /// <summary>Datasets: <c>/v2/datasets</c> and a run's default dataset.</summary>
    public sealed class DatasetsClient : ApifyResourceClient, IStorageClient<ApifyDataset>
    {
        internal DatasetsClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>
        /// Streams a dataset's items (<c>GET {dataset}/items</c>) by the paging engine's rules (<see cref="PageWalker"/>),
        /// each built by <paramref name="readItem"/> straight from the page's bytes, so memory is a page or two however
        /// long the walk. -Skip is the first offset, -First the most items asked for in all (see <see cref="DatasetItemsSource{T}"/>).
        /// </summary>
        public IAsyncEnumerable<T> ListItemsAsync<T>(ApifyStorageRef dataset, ApifyDatasetItemOptions? options, PageRequest paging,
            JsonValueReader<T> readItem, CancellationToken cancellationToken = default)
        {
            if (dataset == null) throw new ArgumentNullException(nameof(dataset));
            if (readItem == null) throw new ArgumentNullException(nameof(readItem));
            var source = new DatasetItemsSource<T>(Core, dataset, options, paging.Descending, readItem);
            return PageWalker.WalkAsync(source, paging.Skip, PageWalk<T>.From(paging, Client.Options), cancellationToken);
        }

        // Datasets as objects, pushes and exports (issue 15).

        /// <summary>The formats the items endpoint exports and Export-ApifyDataset offers.</summary>
        public static readonly string[] ExportFormats = { "csv", "json", "jsonl", "xlsx", "xml", "html" };

        /// <summary>The user's datasets (<c>GET /v2/datasets</c>): the named ones, or all of them with <paramref name="unnamed"/>.</summary>
        public IAsyncEnumerable<ApifyDataset> ListAsync(bool unnamed, PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifyDataset>(ApifyPaths.Datasets(), new ApifyQuery().AddFlag("unnamed", unnamed), paging, null, cancellationToken);

        /// <summary>One dataset (<c>GET /v2/datasets/{datasetId}</c>): an id or username~name.</summary>
        public Task<ApifyDataset> GetAsync(string datasetId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyDataset>(new ApifyRequest(HttpMethod.Get, ApifyPaths.Dataset(datasetId), ApifyRequestPolicy.Read) { TargetId = datasetId },
                cancellationToken);

        /// <summary>
        /// Creates a dataset (<c>POST /v2/datasets?name=</c>). With a name the API answers the existing dataset of that
        /// name if there is one, so the request is a keyed upsert and repeated like any write; without one every call
        /// makes a new dataset, so it is a create, never repeated blindly.
        /// </summary>
        public Task<ApifyDataset> CreateAsync(string? name, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyDataset>(StorageRequests.Create(ApifyPaths.Datasets(), name, "Dataset"), cancellationToken);

        /// <summary>Renames a dataset (<c>PUT /v2/datasets/{datasetId}</c> <c>{"name"}</c>; null makes it unnamed).</summary>
        public Task<ApifyDataset> UpdateAsync(string datasetId, ApifyBody changes, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyDataset>(StorageRequests.Update(ApifyPaths.Dataset(datasetId), datasetId, changes), cancellationToken);

        /// <summary>Deletes a dataset with its items (<c>DELETE /v2/datasets/{datasetId}</c>, 204).</summary>
        public Task DeleteAsync(string datasetId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.Dataset(datasetId), ApifyRequestPolicy.Write) { TargetId = datasetId }, cancellationToken);

        /// <summary>
        /// Pushes one batch of items (<c>POST /v2/datasets/{datasetId}/items</c>) and empties it. A push adds items, so
        /// it is sent once: after a failure that does not say whether the items were stored it is not repeated, and
        /// the error says which items were surely stored (the <paramref name="storedBefore"/> before it), which may have
        /// been (this batch) and which were not sent. Returns the items pushed.
        /// </summary>
        public async Task<int> PushItemsAsync(string datasetId, DatasetItemBatch batch, long storedBefore, CancellationToken cancellationToken = default)
        {
            if (batch == null) throw new ArgumentNullException(nameof(batch));
            var count = batch.Count;
            if (count == 0) return 0;
            // Sent from the batch's own buffer (no copy of up to 5 MB per push), emptied once the push has ended.
            var body = batch.Body();
            var request = new ApifyRequest(HttpMethod.Post, ApifyPaths.DatasetItems(ApifyStorageRef.Dataset(datasetId)), ApifyRequestPolicy.Push)
            {
                Content = () => new ByteArrayContent(body.Array!, body.Offset, body.Count) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
                TargetId = datasetId,
                OutcomeCheck = ApifyOutcomeCheck.DatasetItems(datasetId),
            };
            try
            {
                await SendAsync(request, cancellationToken).ConfigureAwait(false);
                return count;
            }
            catch (ApifyApiException ex)
            {
                throw PushFailed(ex, datasetId, storedBefore, count);
            }
            finally
            {
                batch.Clear();
            }
        }

        private static ApifyApiException PushFailed(ApifyApiException ex, string datasetId, long storedBefore, int count)
        {
            var first = storedBefore + 1;
            var last = storedBefore + count;
            var range = count == 1 ? $"item {first}" : $"items {first}-{last}";
            var stored = storedBefore == 0 ? "No item of this pipeline was stored before it" :
                storedBefore == 1 ? "Item 1 of this pipeline was stored" : $"Items 1-{storedBefore} of this pipeline were stored";
            var unknown = ex.ErrorType == ApifyErrorTypes.StartOutcomeUnknown;
            var message = $"{ex.Message} {stored}; {range} (this push) {(unknown ? "may or may not have been stored" : "were not stored")}; " +
                          "later items were not sent.";
            return new ApifyApiException(ex.StatusCode, ex.ErrorType, message, ex.Method, ex.Path, ex)
            {
                TargetId = datasetId,
                Attempts = ex.Attempts,
                OutcomeCheck = ex.OutcomeCheck,
                RecommendedAction = unknown
                    ? $"Compare the dataset's item count with the {storedBefore} items stored before this push, then push {range} again only if they are missing."
                    : ex.RecommendedAction ?? $"Push {range} and the later ones again once the cause is fixed.",
                Stage = ex.Stage,
                RetryAfter = ex.RetryAfter,
            };
        }

        /// <summary>
        /// Exports a dataset in the server's own <paramref name="format"/> (<c>GET {dataset}/items?format=</c>, no limit:
        /// the API sends every item in one answer, so a CSV has one header and a JSON array stays one array) to
        /// <paramref name="path"/>, streamed at the speed of the download into a temporary file beside it that is
        /// renamed over the target once complete, so a failure leaves no partial file (<see cref="OutFileWriter"/>);
        /// an existing file is replaced only with <paramref name="overwrite"/>, and then checked before the request.
        /// Timed by the pauses between bytes, not the whole download. <paramref name="progress"/> hears the bytes written.
        /// </summary>
        public async Task<ApifyExportFile> ExportAsync(ApifyStorageRef dataset, string format, ApifyDatasetItemOptions? options, string path,
            bool overwrite, IProgress<ApifyExportProgress>? progress = null, bool descending = false, CancellationToken cancellationToken = default)
        {
            if (dataset == null) throw new ArgumentNullException(nameof(dataset));
            var normalized = (format ?? "").ToLowerInvariant();
            if (Array.IndexOf(ExportFormats, normalized) < 0)
                throw new ArgumentException($"'{format}' is not an export format; use one of {string.Join(", ", ExportFormats)}.", nameof(format));
            var query = (options?.AddTo(new ApifyQuery()) ?? new ApifyQuery()).Add("format", normalized).AddFlag("desc", descending);
            var request = new ApifyRequest(HttpMethod.Get, ApifyPaths.DatasetItems(dataset), ApifyRequestPolicy.Export, query) { TargetId = dataset.TargetId };
            var timeoutBetweenBytes = Core.TimeoutOf(request);
            using var file = OutFileWriter.Create(path, noClobber: !overwrite);
            var (length, total) = await Core.ExecuteAsync(request, async (response, token) =>
            {
                long? items = null;
                if (response.Headers.TryGetValues("X-Apify-Pagination-Total", out var values) &&
                    long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n))
                    items = n;
                var written = await file.WriteAsync(response, timeoutBetweenBytes, token,
                    progress == null ? (Action<long>?)null : bytes => progress.Report(new ApifyExportProgress(bytes, items, false))).ConfigureAwait(false);
                return (written, items);
            }, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            file.Commit();
            progress?.Report(new ApifyExportProgress(length, total, true));
            return new ApifyExportFile(file.Path, normalized, length, total);
        }
    }
}
