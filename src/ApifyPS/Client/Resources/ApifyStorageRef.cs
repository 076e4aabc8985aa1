namespace ApifyPS.Client
{
    /// <summary>
    /// A dataset or key-value store, named by its own id (or <c>username~name</c>) or as a run's default storage
    /// through the API's run shortcuts (<c>/v2/actor-runs/{runId}/dataset</c>, <c>.../key-value-store</c>), which save
    /// looking the run up first.
    /// </summary>
    public sealed class ApifyStorageRef
    {
        private ApifyStorageRef(ApifyPath basePath, string targetId, string description)
        {
            BasePath = basePath;
            TargetId = targetId;
            Description = description;
        }

        /// <summary>The path the storage's endpoints hang off, e.g. <c>/v2/datasets/abc</c>.</summary>
        public ApifyPath BasePath { get; }

        /// <summary>The id errors name: the storage's or the run's.</summary>
        public string TargetId { get; }

        /// <summary>For messages: "dataset abc", "the default dataset of run xyz".</summary>
        public string Description { get; }

        public static ApifyStorageRef Dataset(string datasetId) =>
            new ApifyStorageRef(ApifyPaths.Dataset(datasetId), datasetId, $"dataset {datasetId}");

        public static ApifyStorageRef RunDataset(string runId) =>
            new ApifyStorageRef(ApifyPaths.RunDataset(runId), runId, $"the default dataset of run {runId}");

        public static ApifyStorageRef KeyValueStore(string storeId) =>
            new ApifyStorageRef(ApifyPaths.KeyValueStore(storeId), storeId, $"key-value store {storeId}");

        public static ApifyStorageRef RunKeyValueStore(string runId) =>
            new ApifyStorageRef(ApifyPaths.RunKeyValueStore(runId), runId, $"the default key-value store of run {runId}");

        public override string ToString() => Description;
    }
}
