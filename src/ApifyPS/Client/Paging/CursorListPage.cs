namespace ApifyPS.Client
{
    /// <summary>A page of a list paged by cursor (a queue's requests, the API's ListOfRequests): <c>nextCursor</c> names the next page.</summary>
    public sealed class CursorListPage<T>
    {
        public T[]? Items { get; set; }

        public long Limit { get; set; }

        public string? Cursor { get; set; }

        public string? NextCursor { get; set; }
    }
}
