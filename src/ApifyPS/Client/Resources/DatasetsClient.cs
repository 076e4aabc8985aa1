namespace ApifyPS.Client
{
    /// <summary>Datasets: <c>/v2/datasets</c> and a run's default dataset.</summary>
    public sealed class DatasetsClient : ApifyResourceClient
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
    }
}
