using System.Text.Json;

namespace ApifyPS.Emulator.State;

/// <summary>A schedule (the API's Schedule schema): a cron expression in a time zone and the actions it starts.</summary>
public sealed class ScheduleRecord
{
    public required string Id { get; init; }
    public required UserRecord Owner { get; init; }
    public required string Name { get; set; }
    public required string CronExpression { get; set; }
    public string Timezone { get; set; } = "UTC";
    public bool IsEnabled { get; set; } = true;
    public bool IsExclusive { get; set; }
    public string? Description { get; set; }
    public string? Title { get; set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public DateTime ModifiedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastRunAt { get; set; }
    public long Seq { get; init; }
    public List<ScheduleActionRecord> Actions { get; set; } = new();
    public List<ScheduleLogRecord> Log { get; } = new();
}

/// <summary>One action: RUN_ACTOR (actorId, runInput {body, contentType}, runOptions) or RUN_ACTOR_TASK (actorTaskId, input).</summary>
public sealed class ScheduleActionRecord
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? ActorId { get; init; }
    public string? ActorTaskId { get; init; }
    public string? RunInputBody { get; init; }
    public string? RunInputContentType { get; init; }
    public JsonElement? RunOptions { get; init; }
    public JsonElement? Input { get; init; }
}

/// <summary>An entry of a schedule's log (ScheduleInvoked).</summary>
public sealed record ScheduleLogRecord(string Message, string Level, DateTime CreatedAt);
