using System.Net;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// The schedule endpoints of the client (SchedulesClient) and schedules as code (ScheduleDefinition, ScheduleSync)
/// against the local server over real HTTP: the refusals before any request, each kind of change a sync plans, and
/// that applying a plan makes the next one all Unchanged.
/// </summary>
public class SchedulesClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client(EmulatorProcess? server = null) => new((server ?? _server).Connection());

    private static string NewName() => "sc-" + Guid.NewGuid().ToString("N")[..12];

    private static EmulatorProcess.SeedResult SeedActor(EmulatorProcess server) =>
        server.Seed(NewName(), builds: 1, extra: new { startDelayMs = 20, runDurationMs = 100, logIntervalMs = 0 });

    private static ApifyBody Body(string name, string cron, params object?[] actions) =>
        new ApifyBody().Set("name", name).Set("cronExpression", cron).Set("actions", actions.ToList());

    private static ScheduleFileEntry Entry(string where, params (string Key, object? Value)[] fields) =>
        new(where, fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value)).ToList());

    [Theory]
    [InlineData("0 3 * * *", true)]
    [InlineData("*/15 8-18 * * MON-FRI", true)]
    [InlineData("0 0 12 1 */2 *", true)]
    [InlineData("@daily", true)]
    [InlineData("every day at noon", false)]
    [InlineData("0 3 * *", false)]
    [InlineData("0 3 * * * * *", false)]
    [InlineData("@sometimes", false)]
    [InlineData("0 3 * * $", false)]
    [InlineData("", false)]
    public void A_cron_expression_has_5_or_6_fields_or_is_a_macro(string cron, bool valid) =>
        Assert.Equal(valid, ApifyCron.ProblemOf(cron) == null);

    [Fact]
    public async Task Bad_schedules_are_refused_before_any_request()
    {
        var seed = SeedActor(_server);
        _server.ClearRequests();
        var action = new ApifyBody().Set("type", "RUN_ACTOR").Set("actorId", seed.ActorId);
        var badCron = await Assert.ThrowsAsync<ArgumentException>(() => Client().Schedules.CreateAsync(Body(NewName(), "every day at noon", action)));
        Assert.Contains("every day at noon", badCron.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Schedules.CreateAsync(Body(NewName(), "@daily")));
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Schedules.CreateAsync(Body(NewName(), "@daily", new ApifyBody().Set("type", "RUN_ACTOR"))));
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Schedules.UpdateAsync("x", new ApifyBody().Set("cronExpression", "1 2 3")));
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Schedules.BuildActionsAsync(new[] { new ApifyScheduleActionSpec() }));
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Schedules.BuildActionsAsync(new[] { new ApifyScheduleActionSpec { Actor = "a", Task = "b" } }));
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Schedules.BuildActionsAsync(new[] { new ApifyScheduleActionSpec { Task = "b", Input = ApifyInput.FromText("[1]") } }));
        await Assert.ThrowsAsync<ApifyPathException>(() => Client().Schedules.GetAsync(".."));
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task Create_get_update_log_delete_round_trip_with_actor_names_resolved_to_ids()
    {
        var seed = SeedActor(_server);
        var actions = await Client().Schedules.BuildActionsAsync(new[]
        {
            new ApifyScheduleActionSpec { Actor = seed.Actor, Input = ApifyInput.FromText("{\"a\":1}"), RunOptions = new ApifyBody().Set("memoryMbytes", 256) },
        });
        var action = Assert.IsType<ApifyBody>(Assert.Single(actions));
        Assert.Equal(seed.ActorId, action.Get("actorId"));
        var created = await Client().Schedules.CreateAsync(Body(NewName(), "0 3 * * *", actions.ToArray()).Set("timezone", "Europe/Prague"));
        Assert.True(created.IsEnabled);
        Assert.Equal("Europe/Prague", created.Timezone);
        Assert.NotNull(created.NextRunAt);
        var a = Assert.Single(created.Actions!);
        Assert.Equal($"Actor {seed.ActorId}", a.ToString());
        Assert.Equal("{\"a\":1}", a.RunInput!.Body);
        Assert.Equal(256, a.RunOptions!.MemoryMbytes);

        _server.ClearRequests();
        var updated = await Client().Schedules.UpdateAsync(created.Id, new ApifyBody().Set("isEnabled", false));
        Assert.False(updated.IsEnabled);
        Assert.Null(updated.NextRunAt);
        Assert.Equal("0 3 * * *", updated.CronExpression);
        Assert.Equal(new[] { "isEnabled" }, Assert.Single(_server.Requests()).Body!.Value.EnumerateObject().Select(p => p.Name));

        Assert.Empty(await Client().Schedules.GetLogAsync(created.Id));
        await Client().Schedules.DeleteAsync(created.Id);
        var gone = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Schedules.GetAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public void A_schedules_file_with_errors_is_refused_whole_naming_each_entry()
    {
        var ex = Assert.Throws<ArgumentException>(() => ScheduleDefinition.FromEntries(new[]
        {
            Entry("f.psd1 line 3, entry 1", ("Name", "ok"), ("Cron", "@daily"), ("Actor", "janedoe~a")),
            Entry("f.psd1 line 4, entry 2", ("Name", "ok"), ("Cron", "@daily"), ("Actor", "janedoe~a")),
            Entry("f.psd1 line 5, entry 3", ("Name", "typo"), ("Cronn", "@daily"), ("Actor", "janedoe~a")),
            Entry("f.psd1 line 6, entry 4", ("Name", "badcron"), ("Cron", "every day at noon"), ("Actor", "janedoe~a")),
            Entry("f.psd1 line 7, entry 5", ("Name", "neither"), ("Cron", "@daily")),
            Entry("f.psd1 line 8, entry 6", ("Name", "both"), ("Cron", "@daily"), ("Actor", "a"), ("Task", "b")),
            Entry("f.psd1 line 9, entry 7", ("Name", "taskopts"), ("Cron", "@daily"), ("Task", "b"), ("MemoryMbytes", 1024)),
        }));
        Assert.Contains("line 4, entry 2: the name 'ok' is used twice (also at f.psd1 line 3, entry 1)", ex.Message);
        Assert.Contains("line 5, entry 3: unknown key 'Cronn'", ex.Message);
        Assert.Contains("line 6, entry 4: 'badcron' Cron 'every day at noon' is not a cron expression", ex.Message);
        Assert.Contains("line 7, entry 5: 'neither' needs either Actor or Task", ex.Message);
        Assert.Contains("line 8, entry 6: 'both' needs either Actor or Task, not both", ex.Message);
        Assert.Contains("line 9, entry 7: 'taskopts' memoryMbytes: run options apply to an Actor", ex.Message);
        Assert.DoesNotContain("entry 1:", ex.Message);
    }

    [Fact]
    public void A_json_file_names_the_line_of_each_entry()
    {
        var json = "{\n  \"schedules\": [\n    { \"name\": \"a\", \"cron\": \"@daily\", \"actor\": \"x~y\" },\n\n    { \"name\": \"b\", \"crn\": \"@daily\", \"actor\": \"x~y\" }\n  ]\n}";
        var entries = ScheduleDefinition.EntriesOfJson(json, "s.json");
        Assert.Equal(new[] { "s.json line 3, entry 1", "s.json line 5, entry 2" }, entries.Select(e => e.Where));
        var ex = Assert.Throws<ArgumentException>(() => ScheduleDefinition.FromEntries(entries));
        Assert.Contains("s.json line 5, entry 2: unknown key 'crn'", ex.Message);
        Assert.Throws<ArgumentException>(() => ScheduleDefinition.EntriesOfJson("{\"schedule\": []}", "s.json"));
    }

    [Fact]
    public async Task Sync_plans_each_kind_of_change_applies_it_and_is_then_unchanged()
    {
        // A server of its own: the plan covers every schedule of the user.
        using var server = EmulatorProcess.Start();
        var client = Client(server);
        var seed = SeedActor(server);
        var other = SeedActor(server);
        var task = await client.Tasks.CreateAsync(new ApifyBody().Set("actId", seed.ActorId).Set("name", "the-task"));
        var sync = new ScheduleSync(client);

        var first = ScheduleDefinition.FromEntries(new[]
        {
            Entry("e1", ("Name", "keep"), ("Cron", "0 3 * * *"), ("Actor", seed.Actor), ("Input", new ApifyBody().Set("a", 1L))),
            Entry("e2", ("Name", "change"), ("Cron", "0 4 * * *"), ("Timezone", "Europe/Prague"), ("Actor", seed.Actor), ("MemoryMbytes", 1024L)),
            Entry("e3", ("Name", "on-task"), ("Cron", "@daily"), ("Task", task.FullName), ("Input", new ApifyBody().Set("t", true))),
            Entry("e4", ("Name", "to-prune"), ("Cron", "@hourly"), ("Actor", seed.ActorId)),
        });
        var plan = await sync.PlanAsync(first, prune: false);
        Assert.Equal(new[] { "Create", "Create", "Create", "Create" }, plan.Select(r => r.Action));
        Assert.Contains("CronExpression: (none) -> '0 3 * * *'", plan[0].Changes);
        server.ClearRequests();
        foreach (var row in plan) await sync.ApplyAsync(row);
        Assert.All(plan, r => Assert.False(string.IsNullOrEmpty(r.ScheduleId)));
        Assert.Equal(4, server.Requests().Count(r => r.Method == "POST"));

        var again = await sync.PlanAsync(first, prune: false);
        Assert.All(again, r => Assert.Equal("Unchanged", r.Action));
        Assert.All(again, r => Assert.Empty(r.Changes));

        var second = ScheduleDefinition.FromEntries(new[]
        {
            Entry("e1", ("Name", "keep"), ("Cron", "0 3 * * *"), ("Actor", seed.Actor), ("Input", new ApifyBody().Set("a", 1L))),
            Entry("e2", ("Name", "change"), ("Cron", "30 5 * * 1-5"), ("Timezone", "UTC"), ("Actor", other.Actor), ("Input", new ApifyBody().Set("b", 2L)),
                ("Enabled", false), ("Description", "now described"), ("MemoryMbytes", 2048L)),
            Entry("e3", ("Name", "on-task"), ("Cron", "@daily"), ("Task", task.Id), ("Input", new ApifyBody().Set("t", false))),
            Entry("e5", ("Name", "brand-new"), ("Cron", "@weekly"), ("Actor", seed.Actor)),
        });
        var withoutPrune = await sync.PlanAsync(second, prune: false);
        Assert.Equal(new[] { "keep=Unchanged", "change=Update", "on-task=Update", "brand-new=Create" }, withoutPrune.Select(r => $"{r.Name}={r.Action}"));
        var change = withoutPrune[1].Changes;
        Assert.Contains("CronExpression: '0 4 * * *' -> '30 5 * * 1-5'", change);
        Assert.Contains("Timezone: 'Europe/Prague' -> 'UTC'", change);
        Assert.Contains("IsEnabled: 'True' -> 'False'", change);
        Assert.Contains("Description: (none) -> 'now described'", change);
        Assert.Contains($"Action: 'Actor {seed.ActorId}' -> 'Actor {other.ActorId}'", change);
        Assert.Contains("Input: (none) -> '{\"b\":2}'", change);
        Assert.Contains("RunOptions: (none) -> '{\"memoryMbytes\":2048}'", change);
        Assert.Equal(new[] { "Input: '{\"t\":true}' -> '{\"t\":false}'" }, withoutPrune[2].Changes);

        var pruned = await sync.PlanAsync(second, prune: true);
        Assert.Equal("to-prune=Remove", $"{pruned[^1].Name}={pruned[^1].Action}");
        server.ClearRequests();
        foreach (var row in pruned) await sync.ApplyAsync(row);
        Assert.Equal(new[] { "PUT", "PUT", "POST", "DELETE" }, server.Requests().Where(r => r.Method != "GET").Select(r => r.Method));
        var after = await sync.PlanAsync(second, prune: true);
        Assert.All(after, r => Assert.Equal("Unchanged", r.Action));
        var names = (await client.Schedules.ListAsync(new PageRequest()).CollectAsync()).Select(s => s.Name).OrderBy(n => n);
        Assert.Equal(new[] { "brand-new", "change", "keep", "on-task" }, names);
    }

    [Fact]
    public async Task Sync_refuses_a_file_whose_actor_does_not_exist_before_any_write()
    {
        var seed = SeedActor(_server);
        var defs = ScheduleDefinition.FromEntries(new[]
        {
            Entry("e1", ("Name", NewName()), ("Cron", "@daily"), ("Actor", seed.Actor)),
            Entry("e2", ("Name", NewName()), ("Cron", "@daily"), ("Actor", "janedoe~no-such-actor")),
        });
        _server.ClearRequests();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new ScheduleSync(Client()).PlanAsync(defs, prune: false));
        Assert.Contains("e2:", ex.Message);
        Assert.Contains("no-such-actor", ex.Message);
        Assert.DoesNotContain(_server.Requests(), r => r.Method != "GET");
    }
}
