using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// What datasets, key-value stores and request queues share: a name (null for an unnamed storage), the owner, the
    /// run that made it (a run's default storage) and the times, so a retention cleanup can filter on them
    /// (<c>Where-Object ModifiedAt -lt (Get-Date).AddDays(-30)</c>).
    /// </summary>
    public abstract class ApifyStorage : ApifyResource
    {
        public string? Name { get; set; }

        public string? UserId { get; set; }

        public string? Username { get; set; }

        public DateTime? CreatedAt { get; set; }

        public DateTime? ModifiedAt { get; set; }

        public DateTime? AccessedAt { get; set; }

        /// <summary>The Actor of the run that made it (a run's default storage), if any.</summary>
        [JsonPropertyName("actId")]
        public string? ActorId { get; set; }

        /// <summary>The run that made it, if any.</summary>
        [JsonPropertyName("actRunId")]
        public string? RunId { get; set; }

        /// <summary>Who may read it: RESTRICTED, ANYONE_WITH_ID_CAN_READ, ANYONE_WITH_NAME_CAN_READ, FOLLOW_USER_SETTING.</summary>
        public string? GeneralAccess { get; set; }

        public string? ConsoleUrl { get; set; }

        public ApifyStorageStats? Stats { get; set; }

        /// <summary>Bytes stored, as the API counts them (null when it did not say).</summary>
        [JsonIgnore]
        public long? StorageBytes => Stats?.StorageBytes ?? Stats?.InflatedBytes;

        /// <summary>The name, or the id for an unnamed storage.</summary>
        public override string ToString() => Name ?? Id;
    }
}
