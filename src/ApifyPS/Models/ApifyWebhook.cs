using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// A webhook: the API's WebhookShort as the lists return it, or its full Webhook (Get-ApifyWebhook -Id, New-,
    /// Set-ApifyWebhook) with the templates and the description too.
    /// </summary>
    public sealed class ApifyWebhook : ApifyResource
    {
        public DateTime? CreatedAt { get; set; }

        public DateTime? ModifiedAt { get; set; }

        public string? UserId { get; set; }

        public bool? IsAdHoc { get; set; }

        public bool? IsApifyIntegration { get; set; }

        public bool? IsEnabled { get; set; }

        /// <summary>e.g. HTTP_REQUEST.</summary>
        public string? ActionType { get; set; }

        public bool? ShouldInterpolateStrings { get; set; }

        /// <summary>e.g. ACTOR.RUN.SUCCEEDED, ACTOR.RUN.FAILED.</summary>
        public string[]? EventTypes { get; set; }

        public ApifyWebhookCondition? Condition { get; set; }

        public bool? IgnoreSslErrors { get; set; }

        public bool? DoNotRetry { get; set; }

        public string? RequestUrl { get; set; }

        public ApifyWebhookDispatchInfo? LastDispatch { get; set; }

        public ApifyWebhookStats? Stats { get; set; }

        /// <summary>The JSON template of the payload (null: the API's default payload). Full form only.</summary>
        public string? PayloadTemplate { get; set; }

        /// <summary>The JSON template of extra request headers. Full form only.</summary>
        public string? HeadersTemplate { get; set; }

        public string? Description { get; set; }

        /// <summary>The Actor whose events trigger it (from its condition), if any.</summary>
        [JsonIgnore]
        public string? ActorId => Condition?.ActorId;

        /// <summary>The Actor task whose events trigger it (from its condition), if any.</summary>
        [JsonIgnore]
        public string? ActorTaskId => Condition?.ActorTaskId;

        /// <summary>The webhook's id under the name other cmdlets bind by.</summary>
        [JsonIgnore]
        public string WebhookId => Id;
    }

    public sealed class ApifyWebhookCondition
    {
        public string? ActorId { get; set; }
        public string? ActorTaskId { get; set; }
        public string? ActorRunId { get; set; }

        public override string ToString() =>
            ActorRunId != null ? "run " + ActorRunId : ActorTaskId != null ? "task " + ActorTaskId : ActorId != null ? "Actor " + ActorId : "";
    }

    public sealed class ApifyWebhookDispatchInfo
    {
        /// <summary>ACTIVE, SUCCEEDED or FAILED.</summary>
        public string? Status { get; set; }
        public DateTime? FinishedAt { get; set; }
        public DateTime? RemovedAt { get; set; }

        public override string ToString() => Status ?? "";
    }

    public sealed class ApifyWebhookStats
    {
        public long? TotalDispatches { get; set; }

        public override string ToString() => (TotalDispatches ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
