namespace ApifyPS.Client
{
    /// <summary>The webhook event types the API knows (its WebhookEventType), for validation and Tab completion.</summary>
    public static class ApifyWebhookEventTypes
    {
        public static readonly IReadOnlyList<string> All = new[]
        {
            "ACTOR.RUN.SUCCEEDED", "ACTOR.RUN.FAILED", "ACTOR.RUN.TIMED_OUT", "ACTOR.RUN.ABORTED", "ACTOR.RUN.CREATED", "ACTOR.RUN.RESURRECTED",
            "ACTOR.BUILD.SUCCEEDED", "ACTOR.BUILD.FAILED", "ACTOR.BUILD.TIMED_OUT", "ACTOR.BUILD.ABORTED", "ACTOR.BUILD.CREATED",
        };

        /// <summary>
        /// The API's spelling of <paramref name="value"/> (case-insensitive; TIMED-OUT is taken for TIMED_OUT), or null when
        /// it is none of them. TEST is the API's own, for test dispatches: it cannot be subscribed to.
        /// </summary>
        public static string? Normalize(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var wanted = value!.Trim().Replace("TIMED-OUT", "TIMED_OUT").Replace("timed-out", "timed_out");
            return All.FirstOrDefault(t => string.Equals(t, wanted, StringComparison.OrdinalIgnoreCase));
        }
    }
}
