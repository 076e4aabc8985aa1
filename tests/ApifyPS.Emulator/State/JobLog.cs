namespace ApifyPS.Emulator.State;

/// <summary>
/// A build's or run's log: lines (each prefixed with its UTC time, as the platform writes them) that grow while the
/// job runs, and a signal for readers that follow it (<c>stream=1</c>) to wake up on. Complete once the job is
/// terminal and its last lines are written. Not thread-safe: callers hold <see cref="EmulatorStore.Sync"/>.
/// </summary>
public sealed class JobLog
{
    private TaskCompletionSource _changed = NewSignal();

    public List<string> Lines { get; } = new();

    /// <summary>True once nothing more will be written.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Completes at the next change (a line written, or the log completed).</summary>
    public Task Changed => _changed.Task;

    public void Append(string text) => Append(Clock.UtcNow(), text);

    public void Append(DateTime at, string text)
    {
        if (IsComplete) return;
        foreach (var line in text.Split('\n')) Lines.Add(Http.ApiResponse.Format(at) + " " + line);
        Signal();
    }

    public void Complete()
    {
        if (IsComplete) return;
        IsComplete = true;
        Signal();
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
