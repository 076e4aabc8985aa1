namespace ApifyPS.Emulator.State;

/// <summary>
/// An Actor's build history made up on the fly when listed, never stored: for streaming benchmarks (a million
/// builds cost the server no memory) and for tests that need a slow page. Build i (0-based, oldest first) started
/// <c>FirstStartedAt + i</c> seconds and has a deterministic id, so every page reads the same on every request.
/// Seeded with <c>POST /__emulator/seed {"actor", "generatedBuilds": N [, "generatedDelayMs", "generatedDelayFromOffset"]}</c>.
/// </summary>
public sealed class GeneratedBuilds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public required ActorRecord Actor { get; init; }
    public required int Count { get; init; }
    public required DateTime FirstStartedAt { get; init; }
    public required string VersionNumber { get; init; }
    public string? BuildTag { get; init; }
    public string[]? Statuses { get; init; }

    /// <summary>Each page whose offset is at least <see cref="DelayFromOffset"/> is answered this late (0: at once).</summary>
    public int DelayMs { get; init; }
    public int DelayFromOffset { get; init; }

    /// <summary>Waits as configured for a page at <paramref name="offset"/>; ends early when the client goes away.</summary>
    public Task DelayAsync(int offset, CancellationToken aborted) =>
        DelayMs > 0 && offset >= DelayFromOffset ? Task.Delay(DelayMs, aborted) : Task.CompletedTask;

    public List<BuildRecord> Page(int offset, int limit, bool desc)
    {
        var page = new List<BuildRecord>(Math.Max(0, Math.Min(limit, Count - offset)));
        for (var i = offset; i < Count && page.Count < limit; i++)
            page.Add(At(desc ? Count - 1 - i : i));
        return page;
    }

    public BuildRecord At(int index)
    {
        var started = FirstStartedAt.AddSeconds(index);
        return new BuildRecord
        {
            Id = IdOf(index), Actor = Actor, StartedAt = started, FinishedAt = started.AddMilliseconds(800 + index % 200),
            Status = Statuses is { Length: > 0 } ? Statuses[index % Statuses.Length] : "SUCCEEDED", Seq = index,
            VersionNumber = VersionNumber, BuildTag = BuildTag, BuildNumber = $"{VersionNumber}.{index + 1}",
            UsageTotalUsd = 0.002, Origin = "API",
        };
    }

    /// <summary>17 characters like Apify's ids: the Actor id's first 6, then the index in base 62.</summary>
    private string IdOf(int index)
    {
        Span<char> id = stackalloc char[17];
        Actor.Id.AsSpan(0, 6).CopyTo(id);
        long n = index;
        for (var i = 16; i >= 6; i--)
        {
            id[i] = Alphabet[(int)(n % Alphabet.Length)];
            n /= Alphabet.Length;
        }
        return new string(id);
    }
}
