namespace ApifyPS.Client
{
    /// <summary>What a batch add answers (the API's BatchAddResult).</summary>
    public sealed class ApifyQueueBatchResult
    {
        public ApifyQueueRequestAdded[]? ProcessedRequests { get; set; }

        /// <summary>Requests the queue refused for now (their uniqueKey and url).</summary>
        public ApifyQueueRequestAdded[]? UnprocessedRequests { get; set; }
    }
}
