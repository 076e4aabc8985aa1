namespace ApifyPS.DesktopHarness
{
    /// <summary>A build or run as the harness sees it (plain data, none of the core's types).</summary>
    internal sealed class JobInfo
    {
        public JobInfo(string id, string status, string? actorId, string? buildNumber, string? defaultDatasetId, string? defaultKeyValueStoreId)
        {
            Id = id;
            Status = status;
            ActorId = actorId;
            BuildNumber = buildNumber;
            DefaultDatasetId = defaultDatasetId;
            DefaultKeyValueStoreId = defaultKeyValueStoreId;
        }

        public string Id { get; }
        public string Status { get; }
        public string? ActorId { get; }
        public string? BuildNumber { get; }
        public string? DefaultDatasetId { get; }
        public string? DefaultKeyValueStoreId { get; }

        public override string ToString() => $"{Id} ({Status})";
    }
}
