namespace ApifyPS.DesktopHarness
{
    /// <summary>A key-value store record as read: its Content-Type and its text.</summary>
    internal sealed class RecordInfo
    {
        public RecordInfo(string? contentType, string text)
        {
            ContentType = contentType;
            Text = text;
        }

        public string? ContentType { get; }
        public string Text { get; }
    }
}
