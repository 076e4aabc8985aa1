namespace ApifyPS.Client
{
    /// <summary>What part of a key-paged list the caller wants (the key-value store keys).</summary>
    public sealed class KeyPageRequest
    {
        /// <summary>Start after this key (the API's <c>exclusiveStartKey</c>); null from the first key.</summary>
        public string? ExclusiveStartKey { get; set; }

        /// <summary>Items to skip at the start. The API cannot skip by count, so they are read and dropped.</summary>
        public long Skip { get; set; }

        /// <summary>At most this many items in all; null for all of them.</summary>
        public long? First { get; set; }

        /// <summary>Items per request; null lets the server choose (its default, which is also its maximum).</summary>
        public int? PageSize { get; set; }
    }
}
