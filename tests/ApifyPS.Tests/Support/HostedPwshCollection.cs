using Xunit;

namespace ApifyPS.Tests.Support;

/// <summary>
/// Tests that host pwsh in this process: the cmdlets read the process environment and the session connection is
/// process-wide, so one hosted runspace at a time (the collection's classes run one after another).
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostedPwshCollection
{
    public const string Name = "HostedPwsh";
}
