namespace ApifyPS.Client
{
    /// <summary>The <c>data</c> of a key-paged list: <c>items, count, limit, exclusiveStartKey, isTruncated, nextExclusiveStartKey</c>.</summary>
    public sealed class KeyListPage<T>
    {
        public T[]? Items { get; set; }
        public long Count { get; set; }
        public long Limit { get; set; }
        public string? ExclusiveStartKey { get; set; }
        public bool IsTruncated { get; set; }
        public string? NextExclusiveStartKey { get; set; }
    }
}
