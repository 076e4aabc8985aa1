namespace ApifyPS.Client
{
    /// <summary>What the three storage clients (datasets, key-value stores, request queues) have alike: a list of the
    /// user's storages (named, or all with unnamed), one by id or username~name, a partial update.</summary>
    public interface IStorageClient<TStorage> where TStorage : ApifyStorage
    {
        IAsyncEnumerable<TStorage> ListAsync(bool unnamed, PageRequest paging, CancellationToken cancellationToken = default);

        Task<TStorage> GetAsync(string storageId, CancellationToken cancellationToken = default);

        Task<TStorage> UpdateAsync(string storageId, ApifyBody changes, CancellationToken cancellationToken = default);
    }
}
