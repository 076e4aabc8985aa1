namespace ApifyPS.Client
{
    /// <summary>What a name look-up reads of a task or a schedule: its name and its owner's username.</summary>
    internal sealed class NamedRecordData
    {
        public string? Name { get; set; }
        public string? Username { get; set; }
    }
}
