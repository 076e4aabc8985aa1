namespace ApifyPS.Emulator.State;

/// <summary>The API's timestamps have millisecond precision; so do the server's, so filters by time compare alike.</summary>
public static class Clock
{
    public static DateTime UtcNow()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}
