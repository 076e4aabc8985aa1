using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>One dispatch of a webhook (the API's WebhookDispatch): the event, its outcome and the HTTP calls made.</summary>
    public sealed class ApifyWebhookDispatch : ApifyResource
    {
        public string? UserId { get; set; }

        public string? WebhookId { get; set; }

        public DateTime? CreatedAt { get; set; }

        /// <summary>ACTIVE (still being delivered), SUCCEEDED or FAILED.</summary>
        public string Status { get; set; } = "";

        /// <summary>ACTOR.RUN.SUCCEEDED, TEST, ...</summary>
        public string? EventType { get; set; }

        public ApifyWebhookEventData? EventData { get; set; }

        public ApifyWebhookDispatchWebhook? Webhook { get; set; }

        public ApifyWebhookCall[]? Calls { get; set; }

        /// <summary>The HTTP status of the last call (null when none answered).</summary>
        [JsonIgnore]
        public int? ResponseStatus => Calls != null && Calls.Length > 0 ? Calls[Calls.Length - 1].ResponseStatus : null;

        /// <summary>Why the last call failed, if it did.</summary>
        [JsonIgnore]
        public string? ErrorMessage => Calls != null && Calls.Length > 0 ? Calls[Calls.Length - 1].ErrorMessage : null;

        /// <summary>The dispatch's id under the name other cmdlets bind by.</summary>
        [JsonIgnore]
        public string DispatchId => Id;
    }

    /// <summary>What the event was about: the Actor and the run or build (and task).</summary>
    public sealed class ApifyWebhookEventData
    {
        public string? ActorId { get; set; }
        public string? ActorRunId { get; set; }
        public string? ActorBuildId { get; set; }
        public string? ActorTaskId { get; set; }

        public override string ToString() => ActorRunId ?? ActorBuildId ?? ActorId ?? "";
    }

    /// <summary>The webhook a dispatch was made for, in short.</summary>
    public sealed class ApifyWebhookDispatchWebhook
    {
        public string? ActionType { get; set; }
        public ApifyWebhookCondition? Condition { get; set; }
        public string? RequestUrl { get; set; }
        public bool? IsAdHoc { get; set; }

        public override string ToString() => RequestUrl ?? ActionType ?? "";
    }

    /// <summary>One HTTP call of a dispatch.</summary>
    public sealed class ApifyWebhookCall
    {
        public DateTime? StartedAt { get; set; }
        public DateTime? FinishedAt { get; set; }
        public string? ErrorMessage { get; set; }
        public int? ResponseStatus { get; set; }
        public string? ResponseBody { get; set; }

        public override string ToString() => ResponseStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ErrorMessage ?? "";
    }
}
