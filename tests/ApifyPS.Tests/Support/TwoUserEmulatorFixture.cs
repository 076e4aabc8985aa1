namespace ApifyPS.Tests.Support;

/// <summary>A local server with a second user (--extra-user), for checking tokens and telling accounts apart.</summary>
public sealed class TwoUserEmulatorFixture : IDisposable
{
    public const string OtherToken = "xunit_other_user_token_5f3c";

    public EmulatorProcess Server { get; } = EmulatorProcess.Start("--username", "janedoe", "--extra-user", "bob:" + OtherToken);

    public void Dispose() => Server.Dispose();
}
