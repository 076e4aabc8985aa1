namespace ApifyPS.Emulator.State;

/// <summary>
/// Bulk history for tests and benchmarks: finished builds and runs with increasing startedAt, one second apart,
/// the newest a second ago. Optional <c>buildStatuses</c> / <c>runStatuses</c> give a pattern of terminal statuses
/// repeated over the batch (e.g. ["SUCCEEDED","SUCCEEDED","FAILED"]); by default every job SUCCEEDED. Optional
/// <c>webhooks</c>: that many webhooks on the Actor (created a second apart, oldest first).
/// </summary>
public sealed class Seeder(EmulatorStore store)
{
    public sealed record SeedRequest(string Actor, int Builds, int Runs, string[]? BuildStatuses = null, string[]? RunStatuses = null, int Webhooks = 0);

    public sealed record SeedResult(string ActorId, string Actor, int Builds, int Runs);

    public SeedResult Seed(SeedRequest request)
    {
        lock (store.Sync)
        {
            var owner = store.MainUser;
            var actor = store.FindActor(owner.Username + "~" + request.Actor) ?? store.CreateActor(owner, request.Actor);
            var version = actor.Versions.OrderByDescending(v => Version.Parse(v.VersionNumber)).First();
            var now = DateTime.UtcNow;
            var builds = new List<BuildRecord>(request.Builds);
            for (var i = 0; i < request.Builds; i++)
            {
                var started = now.AddSeconds(-(request.Builds - i));
                builds.Add(new BuildRecord
                {
                    Id = Ids.New(), Actor = actor, StartedAt = started, FinishedAt = started.AddMilliseconds(800 + i % 200),
                    Status = StatusAt(request.BuildStatuses, i), Seq = store.NextSeq(), VersionNumber = version.VersionNumber, BuildTag = version.BuildTag,
                    BuildNumber = store.NextBuildNumber(actor, version.VersionNumber), UsageTotalUsd = 0.002, Origin = "API",
                });
            }
            store.AddBuilds(builds);
            var lastBuild = actor.Builds.Count > 0 ? actor.Builds[actor.Builds.Count - 1] : null;
            var runs = new List<RunRecord>(request.Runs);
            for (var i = 0; i < request.Runs; i++)
            {
                var started = now.AddSeconds(-(request.Runs - i));
                runs.Add(new RunRecord
                {
                    Id = Ids.New(), Actor = actor, StartedAt = started, FinishedAt = started.AddMilliseconds(900 + i % 100),
                    Status = StatusAt(request.RunStatuses, i), Seq = store.NextSeq(), BuildId = lastBuild?.Id, BuildNumber = lastBuild?.BuildNumber,
                    UsageTotalUsd = 0.01, Origin = "API", ExitCode = StatusAt(request.RunStatuses, i) == "SUCCEEDED" ? 0 : 1,
                });
            }
            store.AddRuns(runs);
            for (var i = 0; i < request.Webhooks; i++)
            {
                var created = now.AddSeconds(-(request.Webhooks - i));
                store.AddWebhook(new WebhookRecord
                {
                    Id = Ids.New(), Owner = owner, Actor = actor, CreatedAt = created, ModifiedAt = created, Seq = store.NextSeq(),
                    EventTypes = i % 2 == 0 ? new[] { "ACTOR.RUN.FAILED", "ACTOR.RUN.TIMED_OUT" } : new[] { "ACTOR.RUN.SUCCEEDED" },
                    RequestUrl = $"https://hooks.example.com/{actor.Name}/{i + 1}", TotalDispatches = i,
                });
            }
            return new SeedResult(actor.Id, actor.FullName, request.Builds, request.Runs);
        }
    }

    /// <summary>The statuses a seeded (finished) job may have.</summary>
    public static readonly string[] TerminalStatuses = { "SUCCEEDED", "FAILED", "TIMED-OUT", "ABORTED" };

    private static string StatusAt(string[]? pattern, int i) => pattern is { Length: > 0 } ? pattern[i % pattern.Length] : "SUCCEEDED";
}
