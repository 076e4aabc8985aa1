namespace ApifyPS.Models
{
    /// <summary>A storage's usage as the API counts it (the spec's DatasetStats, KeyValueStoreStats, RequestQueueStats).</summary>
    public sealed class ApifyStorageStats
    {
        public long? ReadCount { get; set; }

        public long? WriteCount { get; set; }

        public long? DeleteCount { get; set; }

        /// <summary>Bytes stored (a storage's own answer).</summary>
        public long? StorageBytes { get; set; }

        /// <summary>Bytes uncompressed (what dataset lists answer instead of StorageBytes).</summary>
        public long? InflatedBytes { get; set; }

        public override string ToString() => (StorageBytes ?? InflatedBytes ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes";
    }
}
