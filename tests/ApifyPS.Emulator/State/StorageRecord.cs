namespace ApifyPS.Emulator.State;

/// <summary>
/// What datasets, key-value stores and request queues share: an id, an owner, an optional name (unique per owner and
/// kind), the run that made it (a run's default storage) and the times the API reports. Not thread-safe: callers hold
/// <see cref="EmulatorStore.Sync"/>.
/// </summary>
public abstract class StorageRecord
{
    public required string Id { get; init; }
    public required UserRecord Owner { get; init; }
    public string? Name { get; set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public DateTime ModifiedAt { get; set; } = DateTime.UtcNow;
    public DateTime AccessedAt { get; set; } = DateTime.UtcNow;
    /// <summary>The run whose default storage this is (null for one made through the API).</summary>
    public RunRecord? Run { get; set; }
    /// <summary>Creation order; breaks ties between equal createdAt values in lists.</summary>
    public long Seq { get; init; }
    /// <summary>The API's generalAccess (RESTRICTED unless changed).</summary>
    public string GeneralAccess { get; set; } = "FOLLOW_USER_SETTING";
    public long ReadCount { get; set; }
    public long WriteCount { get; set; }

    public void Touch(bool write)
    {
        AccessedAt = DateTime.UtcNow;
        if (write)
        {
            ModifiedAt = AccessedAt;
            WriteCount++;
        }
        else ReadCount++;
    }
}
