namespace ApifyPS.Client
{
    /// <summary>How far an export is: bytes written so far, and the items the server said it sends (when it said).</summary>
    public sealed class ApifyExportProgress
    {
        public ApifyExportProgress(long bytes, long? items, bool completed)
        {
            Bytes = bytes;
            Items = items;
            Completed = completed;
        }

        public long Bytes { get; }

        public long? Items { get; }

        public bool Completed { get; }
    }
}
