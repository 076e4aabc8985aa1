namespace ApifyPS.Client
{
    /// <summary>The three kinds of storage.</summary>
    public enum ApifyStorageKind
    {
        Dataset,
        KeyValueStore,
        RequestQueue,
    }
}
