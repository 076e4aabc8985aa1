using ApifyPS.Client;
using ApifyPS.Cmdlets;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Resilience;

/// <summary>
/// The fault matrix's rows for tasks and schedules: a task's run start, run-sync, and the creates of tasks and
/// schedules are never repeated after a failure that leaves their outcome unknown (the error names the command that
/// shows what happened), and are repeated after a 429, starting exactly one run.
/// </summary>
public class TaskStartFaultMatrixResilienceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client() => new(_server.Connection(), new ApifyClientOptions
    {
        MaxRetries = 8,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(4),
        RequestTimeout = TimeSpan.FromSeconds(30),
    });

    private static string NewName() => "tf" + Guid.NewGuid().ToString("N")[..10];

    private async Task<(string ActorId, ApifyPS.Models.ApifyTask Task)> NewTask(int runDurationMs = 60_000)
    {
        var seed = _server.Seed(NewName(), builds: 1, extra: new { runDurationMs });
        var task = await Client().Tasks.CreateAsync(new ApifyBody().Set("actId", seed.ActorId).Set("name", NewName()));
        _server.ClearRequests();
        return (seed.ActorId, task);
    }

    private int RequestsTo(string method, string path) => _server.Requests().Count(r => r.Method == method && r.Path == path);

    [Theory]
    [InlineData("reset-before", 0)]
    [InlineData("reset-after", 1)]
    public async Task A_reset_on_a_task_run_start_is_not_repeated_and_starts_at_most_one_run(string action, int started)
    {
        var (_, task) = await NewTask();
        var path = $"/v2/actor-tasks/{task.Id}/runs";
        _server.AddFault(new { path, method = "POST", action, count = 5 });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Tasks.StartAsync(task.Id, null));
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal($"Get-ApifyRun -Task '{task.Id}' -Descending -First 5", OutcomeCheckCommand.Render(ex.OutcomeCheck!));
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.Equal(before.Runs + started, _server.JobsStarted().Runs);
    }

    [Fact]
    public async Task A_429_on_a_task_run_start_is_repeated_and_starts_exactly_one_run()
    {
        var (_, task) = await NewTask();
        var path = $"/v2/actor-tasks/{task.Id}/runs";
        _server.AddFault(new { path, method = "POST", action = "status", status = 429, count = 2 });
        var before = _server.JobsStarted();
        var run = await Client().Tasks.StartAsync(task.Id, null);
        Assert.Equal(task.Id, run.ActorTaskId);
        Assert.Equal(3, RequestsTo("POST", path));
        Assert.Equal(before.Runs + 1, _server.JobsStarted().Runs);
    }

    [Fact]
    public async Task A_reset_after_a_task_run_sync_is_not_repeated()
    {
        // reset-after runs the handler first, and run-sync holds its answer until the run ends: a short run.
        var (_, task) = await NewTask(runDurationMs: 100);
        var path = $"/v2/actor-tasks/{task.Id}/run-sync";
        _server.AddFault(new { path, method = "POST", action = "reset-after", count = 5 });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Tasks.RunSyncAsync(task.Id, ApifyInput.FromText("{}")));
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal(1, RequestsTo("POST", path));
    }

    [Fact]
    public async Task A_reset_after_a_task_or_schedule_create_is_not_repeated_and_names_the_list_to_check()
    {
        var (actorId, _) = await NewTask();
        var name = NewName();
        _server.AddFault(new { path = "/v2/actor-tasks", method = "POST", action = "reset-after", count = 1 });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Tasks.CreateAsync(new ApifyBody().Set("actId", actorId).Set("name", name)));
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal($"Get-ApifyTask | Where-Object Name -EQ '{name}'", OutcomeCheckCommand.Render(ex.OutcomeCheck!));
        Assert.Equal(1, RequestsTo("POST", "/v2/actor-tasks"));

        _server.AddFault(new { path = "/v2/schedules", method = "POST", action = "reset-after", count = 1 });
        var body = new ApifyBody().Set("name", name).Set("cronExpression", "@daily")
            .Set("actions", new List<object?> { new ApifyBody().Set("type", "RUN_ACTOR").Set("actorId", actorId) });
        var sex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Schedules.CreateAsync(body));
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, sex.ErrorType);
        Assert.Equal($"Get-ApifySchedule | Where-Object Name -EQ '{name}'", OutcomeCheckCommand.Render(sex.OutcomeCheck!));
        Assert.Equal(1, RequestsTo("POST", "/v2/schedules"));
    }
}
