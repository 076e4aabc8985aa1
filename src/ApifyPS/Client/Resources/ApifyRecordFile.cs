namespace ApifyPS.Client
{
    /// <summary>A record written to a file: where, its Content-Type and how many bytes.</summary>
    public sealed class ApifyRecordFile
    {
        public ApifyRecordFile(string path, string contentType, long length)
        {
            Path = path;
            ContentType = contentType;
            Length = length;
        }

        public string Path { get; }
        public string ContentType { get; }
        public long Length { get; }
    }
}
