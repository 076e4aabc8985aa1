namespace ApifyPS.Client
{
    /// <summary>A page whose items are already built (dataset items, key lists): nothing to complete, nothing early.</summary>
    internal class ArrayPage<T> : IListPage<T>
    {
        private readonly IReadOnlyList<T> _items;

        public ArrayPage(IReadOnlyList<T> items, long? total, long? limit)
        {
            _items = items;
            Total = total;
            Limit = limit;
        }

        public int Count => _items.Count;

        public T Item(int index) => _items[index];

        public long? Total { get; }

        public long? Limit { get; }

        public bool HasEarlyItem => false;

        public T EarlyItem() => throw new System.InvalidOperationException("The page has no early item.");

        public void Complete()
        {
        }

        public void Dispose()
        {
        }
    }
}
