namespace ApifyPS.Models
{
    /// <summary>An entry of a schedule's log (GET /v2/schedules/{scheduleId}/log): each time it fired, and what failed.</summary>
    public sealed class ApifyScheduleLogEntry
    {
        /// <summary>The schedule the entry belongs to (set by the client; the API's entries do not say).</summary>
        public string? ScheduleId { get; set; }

        public string Message { get; set; } = "";

        /// <summary>INFO or ERROR.</summary>
        public string Level { get; set; } = "";

        public DateTime CreatedAt { get; set; }

        public override string ToString() => Message;
    }
}
