namespace ApifyPS.Tests.Support;

/// <summary>One server for a test class (xunit IClassFixture); tests seed Actors with distinct names.</summary>
public sealed class EmulatorFixture : IDisposable
{
    public EmulatorProcess Server { get; } = EmulatorProcess.Start();

    public void Dispose() => Server.Dispose();
}
