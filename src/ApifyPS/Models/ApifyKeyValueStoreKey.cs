using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// A key of a key-value store, as the keys list answers it, with the store it belongs to. Piped into
    /// Get-ApifyRecord it binds by property name (StoreId, Key): it gets that record.
    /// </summary>
    public sealed class ApifyKeyValueStoreKey
    {
        /// <summary>The store the key is in (filled in by the client: the list does not repeat it).</summary>
        [JsonIgnore]
        public string StoreId { get; set; } = "";

        public string Key { get; set; } = "";

        /// <summary>The record's size in bytes.</summary>
        public long Size { get; set; }

        /// <summary>A link to the record (signed when the store is not public).</summary>
        public string? RecordPublicUrl { get; set; }

        public override string ToString() => Key;
    }
}
