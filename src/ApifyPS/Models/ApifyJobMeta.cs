namespace ApifyPS.Models
{
    /// <summary>The <c>meta</c> of a build or run: who started it and how.</summary>
    public sealed class ApifyJobMeta
    {
        /// <summary>DEVELOPMENT, WEB, API, SCHEDULER, TEST, WEBHOOK, ACTOR, CLI, STANDBY.</summary>
        public string? Origin { get; set; }
        public string? ClientIp { get; set; }
        public string? UserAgent { get; set; }
        public string? ScheduleId { get; set; }
        public DateTime? ScheduledAt { get; set; }

        public override string ToString() => Origin ?? "";
    }
}
