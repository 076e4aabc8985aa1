using System.Net;
using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// A task's run-sync against a server that gives up after a few seconds (FastWaitEmulatorFixture): as for an Actor,
/// a 408 names the task's run that goes on, and a failed run is an error naming the run.
/// </summary>
public class TaskRunSyncClientTests(FastWaitEmulatorFixture fixture) : IClassFixture<FastWaitEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client() => new(_server.Connection());

    private async Task<ApifyPS.Models.ApifyTask> NewTask(object behaviour)
    {
        var seed = _server.Seed("trs-" + Guid.NewGuid().ToString("N")[..10], builds: 1, extra: behaviour);
        return await Client().Tasks.CreateAsync(new ApifyBody().Set("actId", seed.ActorId).Set("name", "task-" + Guid.NewGuid().ToString("N")[..8]));
    }

    [Fact]
    public async Task A_408_names_the_task_run_that_goes_on()
    {
        var task = await NewTask(new { runDurationMs = 120_000 });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Tasks.RunSyncAsync(task.Id, ApifyInput.FromText("{}")));
        Assert.Equal("run-timeout-exceeded", ex.ErrorType);
        Assert.Equal(HttpStatusCode.RequestTimeout, ex.StatusCode);
        Assert.NotNull(ex.TargetId);
        Assert.Contains(ex.TargetId!, ex.Message);
        var run = await Client().Runs.GetAsync(ex.TargetId!);
        Assert.Equal(task.Id, run.ActorTaskId);
        Assert.Equal("RUNNING", run.Status);
        await Client().Runs.AbortAsync(run.Id);
    }

    [Fact]
    public async Task A_failed_run_is_run_failed_naming_the_run()
    {
        var task = await NewTask(new { runDurationMs = 100, runOutcome = "FAILED" });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Tasks.RunSyncAsync(task.Id, null));
        Assert.Equal("run-failed", ex.ErrorType);
        Assert.NotNull(ex.TargetId);
        Assert.Equal(task.Id, (await Client().Runs.GetAsync(ex.TargetId!)).ActorTaskId);
    }
}
