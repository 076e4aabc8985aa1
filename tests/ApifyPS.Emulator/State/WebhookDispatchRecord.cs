namespace ApifyPS.Emulator.State;

/// <summary>
/// One dispatch of a webhook (the spec's WebhookDispatch): made when a job reaches a state the webhook listens for, or
/// by POST /v2/webhooks/{webhookId}/test; ACTIVE until its one call ends, then SUCCEEDED (a 2xx answer) or FAILED.
/// </summary>
public sealed class WebhookDispatchRecord
{
    public required string Id { get; init; }
    public required WebhookRecord Webhook { get; init; }
    public required string EventType { get; init; }
    public DateTime CreatedAt { get; init; } = Clock.UtcNow();
    public long Seq { get; init; }
    public string Status { get; set; } = "ACTIVE";
    /// <summary>eventData: actorId, actorRunId or actorBuildId, actorTaskId.</summary>
    public string? ActorId { get; init; }
    public string? ActorRunId { get; init; }
    public string? ActorBuildId { get; init; }
    public string? ActorTaskId { get; init; }
    /// <summary>The body that was (or is being) sent, for tests that read what went out.</summary>
    public string Payload { get; init; } = "";
    public List<WebhookCallRecord> Calls { get; } = new();
}

/// <summary>One HTTP call of a dispatch (the spec's calls[]).</summary>
public sealed class WebhookCallRecord
{
    public DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; set; }
    public string? ErrorMessage { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
}
