namespace ApifyPS.Client
{
    /// <summary>
    /// What every resource client shares: the request core and the one paging engine. A resource client is a small
    /// class of endpoint methods, each building its request from <see cref="ApifyPaths"/> with the endpoint's declared
    /// <see cref="ApifyRequestPolicy"/> (docs/design.md, "Adding an endpoint").
    /// </summary>
    public abstract class ApifyResourceClient
    {
        private protected static readonly HttpMethod Put = new HttpMethod("PUT");

        private protected ApifyResourceClient(ApifyClient client)
        {
            Client = client ?? throw new ArgumentNullException(nameof(client));
        }

        private protected ApifyClient Client { get; }

        private protected ApifyRequestCore Core => Client.Core;

        /// <summary>The <c>data</c> of a JSON answer.</summary>
        private protected Task<T> GetDataAsync<T>(ApifyRequest request, CancellationToken cancellationToken) =>
            Core.GetDataAsync<T>(request, cancellationToken);

        /// <summary>A request whose answer has no body we need.</summary>
        private protected Task SendAsync(ApifyRequest request, CancellationToken cancellationToken) =>
            Client.SendAsync(request, cancellationToken);

        /// <summary>An offset-paged list in the API's envelope, walked by <see cref="PageWalker"/>.</summary>
        private protected IAsyncEnumerable<T> ListAsync<T>(ApifyPath path, ApifyQuery? query, PageRequest paging, string? targetId,
            CancellationToken cancellationToken) =>
            Client.ListAsync<T>(path, query, paging, targetId, cancellationToken);
    }
}
