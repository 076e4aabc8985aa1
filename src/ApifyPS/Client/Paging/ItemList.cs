namespace ApifyPS.Client
{
    /// <summary>The <c>data</c> of an unpaged list: <c>total, items</c> (versions, environment variables).</summary>
    public sealed class ItemList<T>
    {
        public long Total { get; set; }
        public List<T>? Items { get; set; }
    }
}
