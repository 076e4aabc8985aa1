using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// What adding a request to a queue did (the API's AddedRequest): the request's id, and whether one with its
    /// uniqueKey was there already (then nothing was added).
    /// </summary>
    public sealed class ApifyQueueRequestAdded
    {
        /// <summary>The queue (filled in by the client).</summary>
        [JsonIgnore]
        public string QueueId { get; set; } = "";

        public string RequestId { get; set; } = "";

        public string? UniqueKey { get; set; }

        /// <summary>The URL sent (filled in by the client: the API answers the uniqueKey only).</summary>
        [JsonIgnore]
        public string? Url { get; set; }

        /// <summary>A request with this uniqueKey was in the queue already: it was not added again.</summary>
        public bool WasAlreadyPresent { get; set; }

        public bool WasAlreadyHandled { get; set; }

        /// <summary>Refused by the queue for now (the API's unprocessedRequests): not added.</summary>
        [JsonIgnore]
        public bool Unprocessed { get; set; }

        public override string ToString() => Url ?? UniqueKey ?? RequestId;
    }
}
