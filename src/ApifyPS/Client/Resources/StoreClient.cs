namespace ApifyPS.Client
{
    /// <summary>The Apify Store: public Actors of every user, searched and filtered by the server, paged lazily.</summary>
    public sealed class StoreClient : ApifyResourceClient
    {
        internal StoreClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>The Store's Actors that match (<c>GET /v2/store</c>), walked by the one paging engine.</summary>
        public IAsyncEnumerable<ApifyStoreActor> SearchAsync(ApifyStoreSearch search, PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifyStoreActor>(ApifyPaths.Store(), (search ?? new ApifyStoreSearch()).AddTo(new ApifyQuery()), paging, null, cancellationToken);
    }
}
