using System.Globalization;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>Users, usage, limits and the cost roll-up of the client against the local server over real HTTP.</summary>
public class AccountClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client() => new(_server.Connection());

    private static string NewName() => "acct-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Me_and_a_public_profile()
    {
        var me = await Client().Users.GetCurrentAsync();
        Assert.False(string.IsNullOrEmpty(me.Id));
        Assert.False(string.IsNullOrEmpty(me.Username));
        Assert.False(me.IsPublicProfile);
        var byName = await Client().Users.GetPublicAsync(me.Username);
        Assert.Equal(me.Username, byName.Username);
        Assert.True(byName.IsPublicProfile);
        Assert.Null(byName.Email);
        var byId = await Client().Users.GetPublicAsync(me.Id);
        Assert.Equal(me.Username, byId.Username);
        var missing = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Users.GetPublicAsync("nobody-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Usage_of_a_month_in_the_past_per_service_per_day_and_in_total()
    {
        var actor = _server.Seed(NewName()).Actor;
        // A month no other test of this class uses: five months ago, the 3rd and the 17th.
        var month = DateTime.UtcNow.AddMonths(-5);
        var day3 = new DateTime(month.Year, month.Month, 3, 10, 0, 0, DateTimeKind.Utc);
        var day17 = new DateTime(month.Year, month.Month, 17, 23, 30, 0, DateTimeKind.Utc);
        _server.AddPastRuns(actor.Split('~')[1],
            new { startedAt = day3, usageTotalUsd = 0.5 }, new { startedAt = day3.AddHours(1), usageTotalUsd = 0.25 },
            new { startedAt = day17, usageTotalUsd = 0.125 });
        _server.ClearRequests();

        var usage = await Client().Users.GetMonthlyUsageAsync(day17.AddDays(5));

        var request = Assert.Single(_server.Requests());
        Assert.Equal("/v2/users/me/usage/monthly", request.Path);
        Assert.Contains("date=" + day17.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), request.Query);
        var service = Assert.Single(usage.ServiceRows());
        Assert.Equal("ACTOR_COMPUTE_UNITS", service.Service);
        Assert.Equal(0.875, service.AmountUsd, 9);
        Assert.Equal(0.875 / 0.4, service.Quantity, 9);
        Assert.Equal(new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Utc), service.CycleStart);
        Assert.Equal(month.Month, service.CycleEnd.Month);

        var days = usage.DailyRows();
        Assert.Equal(new[] { day3.Date, day17.Date }, days.Select(d => d.Date));
        Assert.All(days, d => Assert.Equal(DateTimeKind.Utc, d.Date.Kind));
        Assert.Equal(0.75, days[0].AmountUsd, 9);
        Assert.Equal(0.125, days[1].AmountUsd, 9);
        Assert.All(days, d => Assert.Equal(service.CycleStart, d.CycleStart));

        var summary = usage.Summary();
        Assert.Equal(0.875, summary.TotalUsd, 9);
        Assert.Equal(1, summary.Services);
        Assert.Equal(2, summary.Days);
    }

    [Fact]
    public async Task The_current_month_holds_runs_that_ran_here()
    {
        var actor = _server.Seed(NewName(), runs: 3).Actor;
        var rows = await Client().Users.GetMonthlyUsageAsync(null);
        var request = _server.Requests().Last();
        Assert.DoesNotContain("date=", request.Query);
        Assert.True(Assert.Single(rows.ServiceRows()).AmountUsd >= 0.03 - 1e-9, "the three seeded runs cost 0.01 each");
        Assert.Contains(rows.DailyRows(), d => d.Date == DateTime.UtcNow.Date);
        Assert.NotNull(actor);
    }

    [Fact]
    public async Task Limits_are_read_flat_and_changed_partially()
    {
        _server.ClearRequests();
        await Client().Users.UpdateLimitsAsync(123, null);
        var put = Assert.Single(_server.Requests());
        Assert.Equal("PUT", put.Method);
        Assert.Equal(new[] { "maxMonthlyUsageUsd" }, put.Body!.Value.EnumerateObject().Select(p => p.Name));
        await Client().Users.UpdateLimitsAsync(null, 30);
        var limits = await Client().Users.GetLimitsAsync();
        Assert.Equal(123, limits.MaxMonthlyUsageUsd);
        Assert.Equal(30, limits.DataRetentionDays);
        Assert.NotNull(limits.CurrentMonthlyUsageUsd);
        Assert.NotNull(limits.CurrentActorCount);
        Assert.Equal(DateTimeKind.Utc, limits.CycleStart.Kind);
        _server.ClearRequests();
        await Assert.ThrowsAsync<ArgumentException>(() => Client().Users.UpdateLimitsAsync(null, null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client().Users.UpdateLimitsAsync(-1, null));
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task Cost_roll_up_by_every_key_reads_names_once_per_group()
    {
        var first = _server.Seed(NewName());
        var second = _server.Seed(NewName());
        var day = DateTime.UtcNow.Date.AddMonths(-7);
        _server.AddPastRuns(first.Actor.Split('~')[1],
            new { startedAt = day.AddHours(1), usageTotalUsd = 0.5, origin = "API", durationSecs = 60 },
            new { startedAt = day.AddHours(2), usageTotalUsd = 0.25, origin = "SCHEDULER", durationSecs = 30 },
            new { startedAt = day.AddDays(1).AddHours(1), usageTotalUsd = 0.125, origin = "API", durationSecs = 10 });
        _server.AddPastRuns(second.Actor.Split('~')[1], new { startedAt = day.AddHours(3), usageTotalUsd = 1.0, origin = "WEB" });
        var runs = new List<ApifyRun>();
        foreach (var actor in new[] { first.ActorId, second.ActorId })
            await foreach (var run in Client().Runs.ListAsync(actor, new PageRequest())) runs.Add(run);
        Assert.Equal(4, runs.Count);

        RunCostRollup Roll(ApifyRunCostGroup by)
        {
            var rollup = new RunCostRollup(by);
            foreach (var run in runs) rollup.Add(run);
            return rollup;
        }

        _server.ClearRequests();
        var byActor = Roll(ApifyRunCostGroup.Actor);
        await byActor.ResolveNamesAsync(byActor.NameReader(Client()), default);
        Assert.Equal(2, _server.Requests().Count);
        var a = byActor.Groups.Single(g => g.Key == first.ActorId);
        Assert.Equal(first.Actor, a.Name);
        Assert.Equal(3, a.Runs);
        Assert.Equal(0.875, a.UsageTotalUsd, 9);
        Assert.Equal(100, a.RunTimeSecs, 6);
        Assert.Null(a.ComputeUnits);
        var full = new RunCostRollup(ApifyRunCostGroup.Actor);
        var fullRuns = new List<ApifyRun>();
        foreach (var run in runs.Where(r => r.ActorId == first.ActorId)) fullRuns.Add(await Client().Runs.GetAsync(run.Id));
        foreach (var run in fullRuns) full.Add(run);
        Assert.Equal(fullRuns.Sum(r => r.Stats!.ComputeUnits!.Value), Assert.Single(full.Groups).ComputeUnits!.Value, 9);
        Assert.True(full.Groups[0].ComputeUnits > 0);
        Assert.Equal(1.0, byActor.Groups.Single(g => g.Key == second.ActorId).UsageTotalUsd, 9);

        var byOrigin = Roll(ApifyRunCostGroup.Origin);
        Assert.Equal(new[] { ("API", 2, 0.625), ("SCHEDULER", 1, 0.25), ("WEB", 1, 1.0) },
            byOrigin.Groups.OrderBy(g => g.Key).Select(g => (g.Key, g.Runs, Math.Round(g.UsageTotalUsd, 9))));

        var byDay = Roll(ApifyRunCostGroup.Day);
        Assert.Equal(new[] { (day, 3, 1.75), (day.AddDays(1), 1, 0.125) },
            byDay.Groups.OrderBy(g => g.Date).Select(g => (g.Date!.Value, g.Runs, Math.Round(g.UsageTotalUsd, 9))));

        // These runs have no task or schedule: one group each, with an empty key and nothing to look up.
        _server.ClearRequests();
        foreach (var by in new[] { ApifyRunCostGroup.Task, ApifyRunCostGroup.Schedule })
        {
            var rollup = Roll(by);
            await rollup.ResolveNamesAsync(rollup.NameReader(Client()), default);
            var only = Assert.Single(rollup.Groups);
            Assert.Equal("", only.Key);
            Assert.Equal(4, only.Runs);
            Assert.Equal(1.875, only.UsageTotalUsd, 9);
        }
        Assert.Empty(_server.Requests());
    }

    [Fact]
    public async Task Runs_of_tasks_and_schedules_are_named_once_per_group_and_runs_without_usage_are_flagged()
    {
        var rollupByTask = new RunCostRollup(ApifyRunCostGroup.Task);
        var rollupBySchedule = new RunCostRollup(ApifyRunCostGroup.Schedule);
        for (var i = 0; i < 5; i++)
        {
            var run = new ApifyRun
            {
                Id = "run" + i, ActorTaskId = i < 3 ? "task-a" : "task-b", StartedAt = DateTime.UtcNow,
                UsageTotalUsd = i == 4 ? null : 0.1, Meta = new ApifyJobMeta { Origin = "SCHEDULER", ScheduleId = "schedule-1" },
            };
            rollupByTask.Add(run);
            rollupBySchedule.Add(run);
        }
        _server.ClearRequests();
        await rollupByTask.ResolveNamesAsync(rollupByTask.NameReader(Client()), default);
        await rollupBySchedule.ResolveNamesAsync(rollupBySchedule.NameReader(Client()), default);
        // One look-up per group (this server has no tasks or schedules: each is a 404, and the name stays empty).
        Assert.Equal(new[] { "/v2/actor-tasks/task-a", "/v2/actor-tasks/task-b", "/v2/schedules/schedule-1" }, _server.Requests().Select(r => r.Path));
        Assert.All(rollupByTask.Groups, g => Assert.Null(g.Name));
        var b = rollupByTask.Groups.Single(g => g.Key == "task-b");
        Assert.Equal(2, b.Runs);
        Assert.Equal(1, b.RunsWithoutUsage);
        Assert.True(b.IsIncomplete);
        Assert.Equal(0.1, b.UsageTotalUsd, 9);
        Assert.False(rollupByTask.Groups.Single(g => g.Key == "task-a").IsIncomplete);
        var schedule = Assert.Single(rollupBySchedule.Groups);
        Assert.Equal((5, 1), (schedule.Runs, schedule.RunsWithoutUsage));
    }
}
