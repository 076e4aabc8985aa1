using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>
/// The lifecycle cmdlets in a hosted runspace: Ctrl+C (PowerShell.Stop) ends a wait at once without touching the
/// job, Write-Progress while waiting, and a failed job's error under -ErrorAction Stop. The server holds long polls
/// the full 60 s here, so a stop that ends quickly cannot be the server answering.
/// </summary>
[Collection(HostedPwshCollection.Name)]
public class LifecycleHostedTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private EmulatorProcess.SeedResult Seed(object? extra = null) =>
        _server.Seed("h" + Guid.NewGuid().ToString("N")[..10], 1, 0, extra);

    [Theory]
    [InlineData("Wait-ApifyRun -Id {0}")]
    [InlineData("Start-ApifyRun -Actor {1} -Wait")]
    public async Task Ctrl_C_ends_a_wait_promptly_and_leaves_the_run_running(string script)
    {
        var seed = Seed(new { runDurationMs = 600_000 });
        var client = new ApifyClient(_server.Connection());
        var run = await client.Runs.StartAsync(seed.Actor, null);
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript(string.Format(script, run.Id, seed.Actor));
        _server.ClearRequests();
        var invocation = ps.BeginInvoke();
        // Stop once the wait is in a long poll the server holds for 60 s.
        await WaitUntil(() => _server.Requests().Any(r => r.Method == "GET" && r.Path.StartsWith("/v2/actor-runs/") && r.Query.Contains("waitForFinish=60")));
        var stopping = Task.Run(ps.Stop);
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(15))));
        await stopping;
        Assert.True(invocation.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        // Ctrl+C never aborts the remote job.
        Assert.DoesNotContain(_server.Requests(), r => r.Path.EndsWith("/abort"));
        foreach (var listed in await client.Runs.ListAsync(seed.Actor, new PageRequest()).CollectAsync())
        {
            Assert.Contains((await client.Runs.GetAsync(listed.Id)).Status, new[] { "READY", "RUNNING" });
            await client.Runs.AbortAsync(listed.Id);
        }
    }

    [Fact]
    public void Waiting_writes_progress_with_id_and_status_and_completes_it()
    {
        var seed = Seed(new { runDurationMs = 2500 });
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Start-ApifyRun -Actor {seed.Actor} -Wait");
        var output = ps.Invoke();
        var run = Assert.IsType<ApifyRun>(Assert.Single(output).BaseObject);
        Assert.Equal("SUCCEEDED", run.Status);
        var progress = ps.Streams.Progress.ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Contains(run.Id, p.Activity));
        Assert.Contains(progress, p => p.StatusDescription.StartsWith("RUNNING", StringComparison.Ordinal) || p.StatusDescription.StartsWith("READY", StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.StartsWith("SUCCEEDED", progress[^1].StatusDescription);
        Assert.Empty(ps.Streams.Error);
    }

    [Fact]
    public void A_failed_build_writes_the_build_and_an_error_that_stops_a_script()
    {
        var seed = Seed(new { buildOutcome = "FAILED", buildDurationMs = 200 });
        using var pwsh = new HostedPwsh(_server);
        var output = pwsh.Invoke($"Start-ApifyBuild -Actor {seed.Actor} -Wait", out var errors);
        var build = Assert.IsType<ApifyBuild>(Assert.Single(output).BaseObject);
        Assert.Equal("FAILED", build.Status);
        var error = Assert.Single(errors);
        Assert.StartsWith("ApifyBuildFailed,", error.FullyQualifiedErrorId);
        Assert.Same(build, error.TargetObject);

        using var ps = pwsh.Create();
        ps.AddScript($"Start-ApifyBuild -Actor {seed.Actor} -Wait -ErrorAction Stop; 'not reached'");
        var thrown = Assert.Throws<ActionPreferenceStopException>(() => ps.Invoke());
        Assert.StartsWith("ApifyBuildFailed,", thrown.ErrorRecord.FullyQualifiedErrorId);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 30 s.");
            await Task.Delay(50);
        }
    }
}
