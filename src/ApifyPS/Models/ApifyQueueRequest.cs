using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// A request in a request queue (the API's Request), with the queue it is in, so it pipes into
    /// Remove-ApifyQueueRequest as itself.
    /// </summary>
    public sealed class ApifyQueueRequest : ApifyResource
    {
        /// <summary>The queue the request is in (filled in by the client: the API does not repeat it).</summary>
        [JsonIgnore]
        public string QueueId { get; set; } = "";

        /// <summary>The key the queue de-duplicates by.</summary>
        public string? UniqueKey { get; set; }

        public string? Url { get; set; }

        public string? Method { get; set; }

        public int? RetryCount { get; set; }

        public string? LoadedUrl { get; set; }

        public bool? NoRetry { get; set; }

        public DateTime? HandledAt { get; set; }

        /// <summary>Whatever the crawler keeps with the request, as JSON.</summary>
        public JsonElement? UserData { get; set; }

        public string[]? ErrorMessages { get; set; }

        /// <summary>The request's id under the name other cmdlets bind by.</summary>
        [JsonIgnore]
        public string RequestId => Id;

        public override string ToString() => Url ?? Id;
    }
}
