namespace ApifyPS.Client
{
    /// <summary>The API's UsageCycle: when a monthly usage cycle starts and ends.</summary>
    internal sealed class UsageCycleData
    {
        public DateTime? StartAt { get; set; }
        public DateTime? EndAt { get; set; }
    }
}
