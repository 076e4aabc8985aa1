using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>
/// Wait-ApifyRun given many runs in a hosted runspace: all waited for at once and written in the order they finish,
/// -Any, a failure among many, one progress bar, and Ctrl+C (PowerShell.Stop) or -ErrorAction Stop ending every
/// wait. The server holds long polls the full 60 s, so a wait that ends early is the client ending it. Behaviour
/// only: nothing is timed but the deadlines that keep a broken build from hanging.
/// </summary>
[Collection(HostedPwshCollection.Name)]
public class WaitManyHostedTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private string Actor(object behaviour) => _server.Seed("m" + Guid.NewGuid().ToString("N")[..10], 1, 0, behaviour).Actor;

    private async Task<ApifyRun> Start(int runDurationMs, string outcome = "SUCCEEDED") =>
        await new ApifyClient(_server.Connection()).Runs.StartAsync(Actor(new { runDurationMs, runOutcome = outcome }), null);

    private int LongPollsOf(IEnumerable<ApifyRun> runs) =>
        _server.ActiveRequests().Count(r => runs.Any(run => r.Path == "/v2/actor-runs/" + run.Id));

    private async Task AbortAll(IEnumerable<ApifyRun> runs)
    {
        var client = new ApifyClient(_server.Connection());
        foreach (var run in runs) await client.Runs.AbortAsync(run.Id);
    }

    [Theory]
    [InlineData("Wait-ApifyRun -Id {0}")]
    [InlineData("{0} | Wait-ApifyRun")]
    [InlineData("{0} | Get-ApifyRun | Wait-ApifyRun")]
    public async Task Many_runs_are_written_in_the_order_they_finish(string script)
    {
        var runs = new[] { await Start(4500), await Start(600), await Start(2500) };
        using var pwsh = new HostedPwsh(_server);
        var output = pwsh.Invoke(string.Format(script, string.Join(",", runs.Select(r => $"'{r.Id}'"))), out var errors);
        Assert.Empty(errors);
        var written = output.Select(o => Assert.IsType<ApifyRun>(o.BaseObject)).ToList();
        Assert.Equal(new[] { runs[1].Id, runs[2].Id, runs[0].Id }, written.Select(r => r.Id));
        Assert.All(written, r => Assert.Equal("SUCCEEDED", r.Status));
    }

    [Fact]
    public async Task Any_writes_only_the_first_run_to_end_and_stops_waiting_for_the_others()
    {
        var running = new[] { await Start(600_000), await Start(600_000) };
        var quick = await Start(800, "FAILED");
        using var pwsh = new HostedPwsh(_server);
        _server.ClearRequests();
        var output = pwsh.Invoke($"Wait-ApifyRun -Id '{running[0].Id}', '{quick.Id}', '{running[1].Id}' -Any", out var errors);
        var first = Assert.IsType<ApifyRun>(Assert.Single(output).BaseObject);
        Assert.Equal(quick.Id, first.Id);
        Assert.Equal("FAILED", first.Status);
        // Its end is written as a single wait writes it: the run, then its error.
        var error = Assert.Single(errors);
        Assert.StartsWith("ApifyRunFailed,", error.FullyQualifiedErrorId);
        Assert.True(EmulatorProcess.WaitUntil(() => LongPollsOf(running) == 0, TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(_server.Requests(), r => r.Path.EndsWith("/abort"));
        var client = new ApifyClient(_server.Connection());
        foreach (var run in running) Assert.Equal("RUNNING", (await client.Runs.GetAsync(run.Id)).Status);
        await AbortAll(running);
    }

    [Fact]
    public async Task A_failure_among_many_is_an_error_record_for_that_run_and_the_others_are_written()
    {
        var ok = await Start(1500);
        var failed = await Start(300, "FAILED");
        using var pwsh = new HostedPwsh(_server);
        var output = pwsh.Invoke($"Wait-ApifyRun -Id '{ok.Id}', 'noSuchRun0000002', '{failed.Id}'", out var errors);
        var written = output.Select(o => Assert.IsType<ApifyRun>(o.BaseObject)).ToList();
        Assert.Equal(new[] { failed.Id, ok.Id }, written.Select(r => r.Id));
        Assert.Equal(new[] { "FAILED", "SUCCEEDED" }, written.Select(r => r.Status));
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.FullyQualifiedErrorId.StartsWith("ApifyRunFailed,") && ReferenceEquals(e.TargetObject, written[0]));
        Assert.Contains(errors, e => e.FullyQualifiedErrorId.StartsWith("record-not-found,") && Equals(e.TargetObject, "noSuchRun0000002"));
    }

    [Fact]
    public async Task Ctrl_C_ends_every_wait_at_once_and_leaves_the_runs_running()
    {
        var runs = new List<ApifyRun>();
        for (var i = 0; i < 5; i++) runs.Add(await Start(600_000));
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Wait-ApifyRun -Id {string.Join(",", runs.Select(r => $"'{r.Id}'"))}");
        var invocation = ps.BeginInvoke();
        // All five are in a long poll at the same time (held 60 s by the server): waited for at once.
        Assert.True(EmulatorProcess.WaitUntil(() => LongPollsOf(runs) == 5, TimeSpan.FromSeconds(30)));
        var stopping = Task.Run(ps.Stop);
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(15))));
        await stopping;
        Assert.True(invocation.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(EmulatorProcess.WaitUntil(() => LongPollsOf(runs) == 0, TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(_server.Requests(), r => runs.Any(run => r.Path == $"/v2/actor-runs/{run.Id}/abort"));
        var client = new ApifyClient(_server.Connection());
        foreach (var run in runs) Assert.Contains((await client.Runs.GetAsync(run.Id)).Status, new[] { "READY", "RUNNING" });
        await AbortAll(runs);
    }

    [Fact]
    public async Task ErrorAction_Stop_on_one_run_ends_the_waits_for_the_others()
    {
        var running = await Start(600_000);
        var failed = await Start(300, "FAILED");
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Wait-ApifyRun -Id '{running.Id}', '{failed.Id}' -ErrorAction Stop");
        var thrown = Assert.Throws<ActionPreferenceStopException>(() => ps.Invoke());
        Assert.StartsWith("ApifyRunFailed,", thrown.ErrorRecord.FullyQualifiedErrorId);
        Assert.True(EmulatorProcess.WaitUntil(() => LongPollsOf(new[] { running }) == 0, TimeSpan.FromSeconds(30)));
        await AbortAll(new[] { running });
    }

    [Fact]
    public async Task A_pipeline_failing_upstream_ends_the_waits_already_started()
    {
        var runs = new[] { await Start(600_000), await Start(600_000) };
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"& {{ '{runs[0].Id}'; '{runs[1].Id}'; throw 'upstream broke' }} | Wait-ApifyRun");
        Assert.ThrowsAny<RuntimeException>(() => ps.Invoke());
        Assert.True(EmulatorProcess.WaitUntil(() => LongPollsOf(runs) == 0, TimeSpan.FromSeconds(30)));
        await AbortAll(runs);
    }

    [Fact]
    public async Task ShowLog_tags_each_line_with_its_run()
    {
        var runs = new[] { await Start(2200), await Start(1200) };
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Wait-ApifyRun -Id '{runs[0].Id}', '{runs[1].Id}' -ShowLog");
        var output = ps.Invoke();
        Assert.Equal(new[] { runs[1].Id, runs[0].Id }, output.Select(o => ((ApifyRun)o.BaseObject).Id));
        var info = ps.Streams.Information.ToList();
        Assert.All(info, record => Assert.Contains("ApifyLog", record.Tags));
        foreach (var run in runs) Assert.Contains(info, record => record.Tags.Contains(run.Id));
        Assert.All(info, record => Assert.Contains(record.Tags, tag => runs.Any(run => run.Id == tag)));
    }

    [Fact]
    public async Task One_progress_bar_counts_the_runs_finished()
    {
        var runs = new[] { await Start(1200), await Start(1800), await Start(2400) };
        using var pwsh = new HostedPwsh(_server);
        using var ps = pwsh.Create();
        ps.AddScript($"Wait-ApifyRun -Id {string.Join(",", runs.Select(r => $"'{r.Id}'"))}");
        Assert.Equal(3, ps.Invoke().Count);
        var progress = ps.Streams.Progress.ToList();
        Assert.NotEmpty(progress);
        Assert.Single(progress.Select(p => p.ActivityId).Distinct());
        Assert.All(progress, p => Assert.Matches(@"^[0-3] of 3 finished", p.StatusDescription));
        Assert.Contains(progress, p => p.StatusDescription.StartsWith("1 of 3 finished", StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.StartsWith("3 of 3 finished", progress[^1].StatusDescription);
        Assert.Equal(100, progress[^1].PercentComplete);
    }
}
