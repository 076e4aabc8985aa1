using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ApifyPS.Tests.Support;

/// <summary>A real PowerShell runspace in this process with the ApifyPS cmdlets imported and pointed at a server.</summary>
public sealed class HostedPwsh : IDisposable
{
    private readonly Runspace _runspace;

    public HostedPwsh(EmulatorProcess server, string? token = null)
    {
        var iss = InitialSessionState.CreateDefault2();
        // Do not set iss.ExecutionPolicy: it throws PlatformNotSupportedException on Linux.
        iss.ImportPSModule(new[] { typeof(ApifyPS.Cmdlets.ApifyCmdlet).Assembly.Location });
        iss.EnvironmentVariables.Add(new SessionStateVariableEntry("APIFY_TOKEN", token ?? server.Token, ""));
        iss.EnvironmentVariables.Add(new SessionStateVariableEntry("APIFY_CLIENT_BASE_URL", server.BaseUri.ToString(), ""));
        _runspace = RunspaceFactory.CreateRunspace(iss);
        _runspace.Open();
        // Environment variables are process-wide; set them for this process as the cmdlets read them from it.
        Environment.SetEnvironmentVariable("APIFY_TOKEN", token ?? server.Token);
        Environment.SetEnvironmentVariable("APIFY_CLIENT_BASE_URL", server.BaseUri.ToString());
    }

    public PowerShell Create()
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        return ps;
    }

    /// <summary>Runs a script and returns its output; errors written go to <paramref name="errors"/>.</summary>
    public List<PSObject> Invoke(string script, out List<ErrorRecord> errors)
    {
        using var ps = Create();
        ps.AddScript(script);
        var output = ps.Invoke().ToList();
        errors = ps.Streams.Error.ToList();
        return output;
    }

    public void Dispose() => _runspace.Dispose();
}
