namespace ApifyPS.Tests.Support;

/// <summary>
/// A server whose long polls are held at most 1 s and whose run-sync gives up after 3 s, so wait loops and 408s
/// happen in seconds.
/// </summary>
public sealed class FastWaitEmulatorFixture : IDisposable
{
    public const int MaxWaitSecs = 1;
    public const int RunSyncTimeoutSecs = 3;

    public EmulatorProcess Server { get; } =
        EmulatorProcess.Start("--max-wait-for-finish", MaxWaitSecs.ToString(), "--run-sync-timeout", RunSyncTimeoutSecs.ToString());

    public void Dispose() => Server.Dispose();
}
