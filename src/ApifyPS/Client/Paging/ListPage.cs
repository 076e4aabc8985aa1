namespace ApifyPS.Client
{
    /// <summary>The <c>data</c> of an offset-paged list: <c>total, offset, limit, count, desc, items</c>.</summary>
    public sealed class ListPage<T>
    {
        public long Total { get; set; }
        public long Offset { get; set; }
        public long Limit { get; set; }
        public long Count { get; set; }
        public bool Desc { get; set; }
        public T[]? Items { get; set; }
    }
}
