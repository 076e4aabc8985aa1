namespace ApifyPS.Client
{
    /// <summary>A dataset exported to a file: where, in which format, how many bytes, and the dataset's item count then.</summary>
    public sealed class ApifyExportFile
    {
        public ApifyExportFile(string path, string format, long length, long? totalItems)
        {
            Path = path;
            Format = format;
            Length = length;
            TotalItems = totalItems;
        }

        public string Path { get; }

        public string Format { get; }

        public long Length { get; }

        /// <summary>The dataset's item count as the server answered it (X-Apify-Pagination-Total), if it did.</summary>
        public long? TotalItems { get; }
    }
}
