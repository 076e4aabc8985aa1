using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>The cmdlets in a real PowerShell runspace hosted in this process.</summary>
[Collection(HostedPwshCollection.Name)] // the cmdlets read the process environment: one hosted runspace at a time
public class CmdletsHostedTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    [Fact]
    public void Select_first_3_stops_the_walk_after_one_request()
    {
        var seed = _server.Seed("hosted-first", 2500);
        using var pwsh = new HostedPwsh(_server);
        _server.ClearRequests();
        var output = pwsh.Invoke($"Get-ApifyBuild -Actor '{seed.Actor}' | Select-Object -First 3", out var errors);
        Assert.Empty(errors);
        Assert.Equal(3, output.Count);
        Assert.IsType<ApifyPS.Models.ApifyBuild>(output[0].BaseObject);
        Assert.Single(_server.Requests());
    }

    [Fact]
    public void Api_errors_become_error_records_with_the_apify_type()
    {
        using var pwsh = new HostedPwsh(_server);
        pwsh.Invoke("Get-ApifyBuild -Id NoSuchBuild", out var errors);
        var error = Assert.Single(errors);
        Assert.StartsWith("record-not-found,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }
}
