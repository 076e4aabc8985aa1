namespace ApifyPS.Client
{
    /// <summary>Where a page of a list walked by Invoke-ApifyRestMethod -All starts: an offset, or the key to start after.</summary>
    internal readonly struct RestCursor
    {
        public RestCursor(long offset, string? key)
        {
            Offset = offset;
            Key = key;
        }

        public long Offset { get; }

        public string? Key { get; }
    }
}
