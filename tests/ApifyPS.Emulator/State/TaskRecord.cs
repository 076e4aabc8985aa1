using System.Text.Json;

namespace ApifyPS.Emulator.State;

/// <summary>An Actor task: an Actor with a saved input and run options (the API's Task schema).</summary>
public sealed class TaskRecord
{
    public required string Id { get; init; }
    public required UserRecord Owner { get; init; }
    public required ActorRecord Actor { get; init; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public DateTime ModifiedAt { get; set; } = DateTime.UtcNow;
    /// <summary>Creation order; breaks ties between equal createdAt values in lists.</summary>
    public long Seq { get; init; }
    /// <summary>The TaskOptions object as last sent (build, timeoutSecs, memoryMbytes, maxItems, ...), or null.</summary>
    public JsonElement? Options { get; set; }
    /// <summary>The saved input (a JSON object), or null.</summary>
    public JsonElement? Input { get; set; }
    /// <summary>Runs started from the task.</summary>
    public JobList<RunRecord> Runs { get; } = new();
    /// <summary>Webhooks whose condition is this task.</summary>
    public List<WebhookRecord> Webhooks { get; } = new();
    public string FullName => Owner.Username + "~" + Name;
}
