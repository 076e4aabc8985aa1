namespace ApifyPS.Client
{
    /// <summary>A page of a queue's requests (the API's ListOfRequests): paged by cursor.</summary>
    public sealed class ApifyQueueRequestPage
    {
        public ApifyQueueRequest[]? Items { get; set; }

        public long Limit { get; set; }

        public string? Cursor { get; set; }

        public string? NextCursor { get; set; }
    }
}
