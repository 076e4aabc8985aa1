using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>
/// The results cmdlets in a hosted runspace: Get-ApifyLog -Follow shows lines as they are written, ends with the
/// job, ends at once on Ctrl+C (PowerShell.Stop) or when the pipeline wants no more, and -ShowLog writes the log to
/// the Information stream before the job. Runs are 10 minutes long here unless stopped, so an early end cannot be
/// the server's doing.
/// </summary>
[Collection(HostedPwshCollection.Name)]
public class ResultsHostedTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private EmulatorProcess.SeedResult Seed(object extra) => _server.Seed("h" + Guid.NewGuid().ToString("N")[..10], 1, 0, extra);

    private async Task<ApifyRun> LongRun()
    {
        var seed = Seed(new { runDurationMs = 600_000, logIntervalMs = 50 });
        return await new ApifyClient(_server.Connection()).Runs.StartAsync(seed.Actor, null);
    }

    [Fact]
    public async Task Ctrl_C_ends_Get_ApifyLog_Follow_at_once_and_leaves_the_run_running()
    {
        var run = await LongRun();
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Get-ApifyLog -RunId {run.Id} -Follow");
        var output = new PSDataCollection<PSObject>();
        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        await WaitUntil(() => Snapshot(output).Count(o => o.ToString().Contains("Processed")) >= 2);
        var stopping = Task.Run(ps.Stop);
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(15))));
        await stopping;
        Assert.True(invocation.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        var client = new ApifyClient(_server.Connection());
        Assert.Equal("RUNNING", (await client.Runs.GetAsync(run.Id)).Status);
        await client.Runs.AbortAsync(run.Id);
    }

    [Fact]
    public async Task Follow_shows_lines_written_after_it_started_and_ends_with_the_job()
    {
        var run = await LongRun();
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Get-ApifyRun -Id {run.Id} | Get-ApifyLog -Follow");
        var output = new PSDataCollection<PSObject>();
        var invocation = ps.BeginInvoke<PSObject, PSObject>(null, output);
        await WaitUntil(() => output.Count > 0);
        // Abort the run now: its last lines are written after -Follow started, and the job's end ends -Follow.
        await new ApifyClient(_server.Connection()).Runs.AbortAsync(run.Id);
        await WaitUntil(() => invocation.IsCompleted);
        ps.EndInvoke(invocation);
        Assert.Empty(ps.Streams.Error);
        var lines = Snapshot(output).Select(o => Assert.IsType<string>(o.BaseObject)).ToList();
        Assert.EndsWith("ACTOR: Starting Docker container.", lines[2]);
        Assert.EndsWith("ACTOR: The run was aborted.", lines[^1]);
    }

    [Fact]
    public async Task Follow_ends_when_the_pipeline_wants_no_more_lines()
    {
        var run = await LongRun();
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Get-ApifyLog -Id {run.Id} -Follow | Select-Object -First 7");
        var invocation = ps.BeginInvoke();
        await WaitUntil(() => invocation.IsCompleted);
        Assert.Equal(7, ps.EndInvoke(invocation).Count);
        await new ApifyClient(_server.Connection()).Runs.AbortAsync(run.Id);
    }

    [Fact]
    public void ShowLog_writes_the_log_to_the_Information_stream_before_the_run()
    {
        var seed = Seed(new { runDurationMs = 1500, logIntervalMs = 100 });
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Start-ApifyRun -Actor {seed.Actor} -ShowLog");
        var output = ps.Invoke();
        var run = Assert.IsType<ApifyRun>(Assert.Single(output).BaseObject);
        Assert.Equal("SUCCEEDED", run.Status);
        var info = ps.Streams.Information.ToList();
        Assert.All(info, record => Assert.Contains("ApifyLog", record.Tags));
        Assert.EndsWith("ACTOR: Pulling Docker image of build 0.0.1 from registry.", info[0].MessageData.ToString());
        Assert.EndsWith("ACTOR: The Actor process exited with code 0.", info[^1].MessageData.ToString());
        Assert.Contains(info, record => record.MessageData.ToString()!.Contains("Processed"));
        Assert.Empty(ps.Streams.Error);
    }

    [Fact]
    public void ShowLog_on_a_failing_build_shows_why_it_failed()
    {
        var seed = Seed(new { buildOutcome = "FAILED", buildDurationMs = 300, logIntervalMs = 50 });
        using var pwsh = new HostedPwsh(_server);
        var output = pwsh.Invoke($"Start-ApifyBuild -Actor {seed.Actor} -ShowLog -InformationVariable log; $log", out var errors);
        Assert.Equal("FAILED", Assert.IsType<ApifyBuild>(output[0].BaseObject).Status);
        var lines = output.Skip(1).Select(o => o.ToString()).ToList();
        Assert.Contains(lines, l => l.Contains("npm ERR! code ERESOLVE"));
        Assert.EndsWith("ACTOR: Build failed.", lines[^1]);
        Assert.StartsWith("ApifyBuildFailed,", Assert.Single(errors).FullyQualifiedErrorId);
    }

    /// <summary>What the collection holds now (enumerating an open PSDataCollection would wait for it to be completed).</summary>
    private static List<PSObject> Snapshot(PSDataCollection<PSObject> output) =>
        Enumerable.Range(0, output.Count).Select(i => output[i]).ToList();

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 30 s.");
            await Task.Delay(20);
        }
    }
}
