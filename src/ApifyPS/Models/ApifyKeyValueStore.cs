using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>A key-value store (the API's KeyValueStore).</summary>
    public sealed class ApifyKeyValueStore : ApifyStorage
    {
        public string? KeysPublicUrl { get; set; }

        public string? RecordsPublicUrl { get; set; }

        /// <summary>The store's id under the name record cmdlets bind by (Get-ApifyRecordKey, Get-ApifyRecord).</summary>
        [JsonIgnore]
        public string StoreId => Id;
    }
}
