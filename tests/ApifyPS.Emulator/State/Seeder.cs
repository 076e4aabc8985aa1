namespace ApifyPS.Emulator.State;

/// <summary>
/// Bulk history for tests and benchmarks: finished builds and runs with increasing startedAt, one second apart,
/// the newest a second ago. Optional <c>buildStatuses</c> / <c>runStatuses</c> give a pattern of terminal statuses
/// repeated over the batch (e.g. ["SUCCEEDED","SUCCEEDED","FAILED"]); by default every job SUCCEEDED. Optional
/// <c>webhooks</c>: that many webhooks on the Actor (created a second apart, oldest first).
/// <c>generatedBuilds</c> instead gives the Actor builds made up on the fly when listed (<see cref="GeneratedBuilds"/>).
/// <para>
/// Optional too: <c>versions</c> (version numbers the Actor gets besides 0.0), and how the Actor's NEW builds and
/// runs behave (<see cref="JobBehaviour"/>): <c>startDelayMs</c>, <c>buildDurationMs</c>, <c>runDurationMs</c>,
/// <c>buildOutcome</c>, <c>runOutcome</c> (SUCCEEDED, FAILED or TIMED-OUT), <c>abortDurationMs</c>,
/// <c>gracefulAbortDurationMs</c>, <c>output</c>, <c>outputContentType</c>, <c>noOutput</c>, and what its runs write
/// (<see cref="RunResults"/>): <c>datasetItems</c> or <c>datasetItemCount</c>, <c>logIntervalMs</c>, <c>recordCount</c>.
/// Seeding an existing Actor again changes only the fields given.
/// </para>
/// </summary>
public sealed class Seeder(EmulatorStore store)
{
    public sealed record SeedRequest(string Actor, int Builds, int Runs, string[]? BuildStatuses = null, string[]? RunStatuses = null,
        string[]? Versions = null, int? StartDelayMs = null, int? BuildDurationMs = null, int? RunDurationMs = null,
        string? BuildOutcome = null, string? RunOutcome = null, int? AbortDurationMs = null, int? GracefulAbortDurationMs = null,
        System.Text.Json.JsonElement? Output = null, string? OutputContentType = null, bool? NoOutput = null, int Webhooks = 0,
        int GeneratedBuilds = 0, int GeneratedDelayMs = 0, int GeneratedDelayFromOffset = 0,
        System.Text.Json.JsonElement? DatasetItems = null, long? DatasetItemCount = null, int? LogIntervalMs = null, int? RecordCount = null)
    {
        /// <summary>What is wrong with the optional fields, or null.</summary>
        public string? Problem()
        {
            foreach (var v in Versions ?? [])
                if (!System.Text.RegularExpressions.Regex.IsMatch(v ?? "", @"^([0-9]|[1-9][0-9])\.([0-9]|[1-9][0-9])$"))
                    return $"Version '{v}' is not MAJOR.MINOR (e.g. 0.1).";
            foreach (var outcome in new[] { BuildOutcome, RunOutcome })
                if (outcome != null && !JobBehaviour.Outcomes.Contains(outcome))
                    return $"Outcome '{outcome}' is not one of {string.Join(", ", JobBehaviour.Outcomes)}.";
            foreach (var ms in new[] { StartDelayMs, BuildDurationMs, RunDurationMs, AbortDurationMs, GracefulAbortDurationMs })
                if (ms < 0) return "Durations are milliseconds >= 0.";
            if (DatasetItems is { } items && items.ValueKind != System.Text.Json.JsonValueKind.Array)
                return "'datasetItems' is a JSON array of the items each run writes.";
            if (DatasetItems != null && DatasetItemCount != null)
                return "Give either 'datasetItems' (the items themselves) or 'datasetItemCount' (generated items), not both.";
            if (DatasetItemCount is < 0 or > JobBehaviour.MaxDatasetItemCount)
                return $"'datasetItemCount' is from 0 to {JobBehaviour.MaxDatasetItemCount}.";
            if (LogIntervalMs is < 0 or (> 0 and < 10)) return "'logIntervalMs' is 0 (no progress lines) or at least 10.";
            if (RecordCount is < 0 or > JobBehaviour.MaxRecordCount) return $"'recordCount' is from 0 to {JobBehaviour.MaxRecordCount}.";
            if (Output is { ValueKind: System.Text.Json.JsonValueKind.String } text && OutputContentType != null &&
                !JobLifecycle.IsText(OutputContentType) && !IsBase64(text.GetString()!))
                return "A binary 'output' (non-text outputContentType) is given as base64.";
            return null;
        }

        private static bool IsBase64(string s)
        {
            var buffer = new byte[s.Length];
            return Convert.TryFromBase64String(s, buffer, out _);
        }
    }

    public sealed record SeedResult(string ActorId, string Actor, int Builds, int Runs, int GeneratedBuilds = 0);

    public SeedResult Seed(SeedRequest request)
    {
        lock (store.Sync)
        {
            var owner = store.MainUser;
            var actor = store.FindActor(owner.Username + "~" + request.Actor) ?? store.CreateActor(owner, request.Actor);
            foreach (var v in request.Versions ?? [])
                if (actor.Versions.All(existing => existing.VersionNumber != v))
                    actor.Versions.Add(new VersionRecord { VersionNumber = v });
            ApplyBehaviour(actor.Behaviour, request);
            var version = actor.Versions.OrderByDescending(v => Version.Parse(v.VersionNumber)).First();
            var now = Clock.UtcNow();
            if (request.GeneratedBuilds > 0)
                actor.GeneratedBuilds = new GeneratedBuilds
                {
                    Actor = actor, Count = request.GeneratedBuilds, FirstStartedAt = now.AddSeconds(-request.GeneratedBuilds),
                    VersionNumber = version.VersionNumber, BuildTag = version.BuildTag, Statuses = request.BuildStatuses,
                    DelayMs = request.GeneratedDelayMs, DelayFromOffset = request.GeneratedDelayFromOffset,
                };
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
            return new SeedResult(actor.Id, actor.FullName, request.Builds, request.Runs, request.GeneratedBuilds);
        }
    }

    private static void ApplyBehaviour(JobBehaviour b, SeedRequest r)
    {
        if (r.StartDelayMs is int startDelay) b.StartDelayMs = startDelay;
        if (r.BuildDurationMs is int build) b.BuildDurationMs = build;
        if (r.RunDurationMs is int run) b.RunDurationMs = run;
        if (r.BuildOutcome != null) b.BuildOutcome = r.BuildOutcome;
        if (r.RunOutcome != null) b.RunOutcome = r.RunOutcome;
        if (r.AbortDurationMs is int abort) b.AbortDurationMs = abort;
        if (r.GracefulAbortDurationMs is int graceful) b.GracefulAbortDurationMs = graceful;
        if (r.Output is { } output) b.Output = output.Clone();
        if (r.OutputContentType != null) b.OutputContentType = r.OutputContentType;
        if (r.NoOutput is bool noOutput) b.NoOutput = noOutput;
        if (r.DatasetItems is { } items) b.DatasetItems = items.Clone();
        if (r.DatasetItemCount is long count)
        {
            b.DatasetItemCount = count;
            b.DatasetItems = null;
        }
        if (r.LogIntervalMs is int logInterval) b.LogIntervalMs = logInterval;
        if (r.RecordCount is int records) b.RecordCount = records;
    }

    /// <summary>The statuses a seeded (finished) job may have.</summary>
    public static readonly string[] TerminalStatuses = { "SUCCEEDED", "FAILED", "TIMED-OUT", "ABORTED" };

    /// <summary>Why the request cannot be seeded, or null. Generated builds replace an Actor's stored ones.</summary>
    public string? Refuse(SeedRequest request)
    {
        if (request.GeneratedBuilds < 0 || request.GeneratedDelayMs < 0 || request.GeneratedDelayFromOffset < 0)
            return "generatedBuilds, generatedDelayMs and generatedDelayFromOffset must be >= 0.";
        if (request.GeneratedBuilds == 0) return null;
        if (request.Builds > 0) return "Give either builds (stored) or generatedBuilds (made up when listed), not both.";
        lock (store.Sync)
        {
            var actor = store.FindActor(store.MainUser.Username + "~" + request.Actor);
            if (actor != null && (actor.Builds.Count > 0 || actor.GeneratedBuilds != null))
                return $"Actor '{request.Actor}' already has builds; generated builds need an Actor of their own.";
        }
        return null;
    }

    private static string StatusAt(string[]? pattern, int i) => pattern is { Length: > 0 } ? pattern[i % pattern.Length] : "SUCCEEDED";
}
