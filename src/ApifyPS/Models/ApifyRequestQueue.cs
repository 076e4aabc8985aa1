using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>A request queue (the API's RequestQueue, or RequestQueueShort in lists).</summary>
    public sealed class ApifyRequestQueue : ApifyStorage
    {
        public long TotalRequestCount { get; set; }

        public long HandledRequestCount { get; set; }

        public long PendingRequestCount { get; set; }

        public bool? HadMultipleClients { get; set; }

        public DateTime? ExpireAt { get; set; }

        /// <summary>The queue's id under the name request cmdlets bind by (Get-ApifyQueueRequest, Add-ApifyQueueRequest).</summary>
        [JsonIgnore]
        public string QueueId => Id;
    }
}
