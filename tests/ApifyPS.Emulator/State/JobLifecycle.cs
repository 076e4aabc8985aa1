using System.Text;
using System.Text.Json;

namespace ApifyPS.Emulator.State;

/// <summary>
/// Makes builds and runs live: READY → RUNNING → SUCCEEDED / FAILED / TIMED-OUT (via TIMING-OUT) as the Actor's
/// <see cref="JobBehaviour"/> says; abort moves READY/RUNNING → ABORTING → ABORTED; metamorph hands a running run to
/// another Actor. Every step runs under <see cref="EmulatorStore.Sync"/>.
/// <para>
/// Hooks for other parts of the server (the run-results work writes dataset items and log lines from them). Handlers
/// run under the store lock, on a thread-pool thread, and must be quick:
/// <see cref="Started"/> when a job enters RUNNING, <see cref="Finishing"/> just before it becomes terminal (what it
/// writes is visible before any client sees the terminal status), <see cref="Finished"/> once it is terminal, before
/// long polls waiting on it are released.
/// </para>
/// </summary>
public sealed class JobLifecycle(EmulatorStore store)
{
    /// <summary>A job started through the API was just created (READY); webhooks' ACTOR.*.CREATED.</summary>
    public event Action<JobRecord>? Created;

    public event Action<JobRecord>? Started;

    /// <summary>The job and the terminal status it is about to get.</summary>
    public event Action<JobRecord, string>? Finishing;

    public event Action<JobRecord>? Finished;

    /// <summary>A new build of <paramref name="version"/>, READY now and running on its own. Caller holds the lock.</summary>
    public BuildRecord CreateBuild(ActorRecord actor, VersionRecord version, string? tag, bool useCache, bool betaPackages, string? clientIp, string? userAgent)
    {
        var build = new BuildRecord
        {
            Id = Ids.New(), Actor = actor, StartedAt = Clock.UtcNow(), Seq = store.NextSeq(), Status = JobStatuses.Ready,
            VersionNumber = version.VersionNumber, BuildTag = tag ?? version.BuildTag, UseCache = useCache, BetaPackages = betaPackages,
            BuildNumber = store.NextBuildNumber(actor, version.VersionNumber), Origin = "API", ClientIp = clientIp, UserAgent = userAgent,
        };
        store.AddBuilds(new[] { build });
        store.CountStarted(build);
        Created?.Invoke(build);
        Begin(build);
        return build;
    }

    /// <summary>A new run, READY now; its input (if any) is stored as the INPUT record. Caller holds the lock.</summary>
    public RunRecord CreateRun(ActorRecord actor, BuildRecord build, RunSettings settings, byte[]? input, string? inputContentType,
        string? clientIp, string? userAgent, RunOrigin? origin = null)
    {
        var run = new RunRecord
        {
            Id = Ids.New(), Actor = actor, CurrentActor = actor, StartedAt = Clock.UtcNow(), Seq = store.NextSeq(), Status = JobStatuses.Ready,
            StatusMessage = "Starting the Actor run", BuildId = build.Id, BuildNumber = build.BuildNumber, Build = settings.Build ?? "latest",
            TimeoutSecs = settings.TimeoutSecs ?? 3600, MemoryMbytes = settings.MemoryMbytes ?? 1024, DiskMbytes = (settings.MemoryMbytes ?? 1024) * 2,
            MaxItems = settings.MaxItems, MaxTotalChargeUsd = settings.MaxTotalChargeUsd, InputBodyLen = input?.Length,
            Origin = origin?.Origin ?? "API", ClientIp = clientIp, UserAgent = userAgent,
            ActorTaskId = origin?.Task?.Id, ScheduleId = origin?.ScheduleId, ScheduledAt = origin?.ScheduleId != null ? Clock.UtcNow() : null,
        };
        if (input != null)
            store.Storages.DefaultKeyValueStore(run).Set("INPUT", input, inputContentType ?? "application/json; charset=utf-8");
        store.AddRuns(new[] { run });
        origin?.Task?.Runs.Add(run);
        store.CountStarted(run);
        Created?.Invoke(run);
        Begin(run);
        return run;
    }

    /// <summary>
    /// Aborts a READY or RUNNING job (ABORTING now, ABORTED shortly); any other status is left as it is, as the API
    /// does. Returns whether anything changed. Caller holds the lock.
    /// </summary>
    public bool Abort(JobRecord job, bool gracefully)
    {
        if (job.Status != JobStatuses.Ready && job.Status != JobStatuses.Running) return false;
        var behaviour = BehaviourOf(job);
        job.Generation++;
        job.Status = JobStatuses.Aborting;
        job.StatusMessage = gracefully ? "Aborting gracefully: the Actor was sent the aborting and persistState events" : "Aborting";
        Schedule(job, gracefully ? behaviour.GracefulAbortDurationMs : behaviour.AbortDurationMs, () => Finish(job, JobStatuses.Aborted));
        return true;
    }

    /// <summary>
    /// Hands a RUNNING run over to <paramref name="target"/>: the new input is stored as INPUT-METAMORPH-n in the same
    /// default key-value store, the run switches to the target's build and goes on as the target's behaviour says.
    /// Caller holds the lock and has checked the run is RUNNING.
    /// </summary>
    public void Metamorph(RunRecord run, ActorRecord target, BuildRecord build, byte[]? input, string? inputContentType)
    {
        var key = $"INPUT-METAMORPH-{run.Metamorphs.Count + 1}";
        if (input != null) store.Storages.DefaultKeyValueStore(run).Set(key, input, inputContentType ?? "application/json; charset=utf-8");
        run.Metamorphs.Add(new MetamorphRecord(Clock.UtcNow(), target.Id, build.Id, key));
        store.CountMetamorph();
        run.CurrentActor = target;
        run.BuildId = build.Id;
        run.BuildNumber = build.BuildNumber;
        run.StatusMessage = $"Metamorphed into {target.FullName}";
        run.Generation++;
        ScheduleWork(run);
    }

    // Resurrect and reboot (the reach issue): a finished run starts again in its own storages; a running one restarts.

    /// <summary>
    /// Resurrects a finished run: RUNNING again with the same storages and id, its end cleared, then on as its
    /// Actor's behaviour says. Caller holds the lock and has checked the run is terminal.
    /// </summary>
    public void Resurrect(RunRecord run, BuildRecord? build, int? timeoutSecs, int? memoryMbytes)
    {
        if (build != null)
        {
            run.BuildId = build.Id;
            run.BuildNumber = build.BuildNumber;
        }
        if (timeoutSecs is int t) run.TimeoutSecs = t;
        if (memoryMbytes is int m)
        {
            run.MemoryMbytes = m;
            run.DiskMbytes = m * 2;
        }
        run.Generation++;
        run.Status = JobStatuses.Running;
        run.StatusMessage = "Resurrected: the Actor is running again";
        run.FinishedAt = null;
        run.ExitCode = null;
        run.Terminal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ScheduleWork(run);
    }

    /// <summary>Reboots a RUNNING run: its container restarts, so its work starts over. Caller holds the lock and has checked the status.</summary>
    public void Reboot(RunRecord run)
    {
        run.Generation++;
        run.StatusMessage = "Rebooted: the Actor is running again";
        ScheduleWork(run);
    }

    private static JobBehaviour BehaviourOf(JobRecord job) => (job is RunRecord r ? r.CurrentActor ?? r.Actor : job.Actor).Behaviour;

    private void Begin(JobRecord job) =>
        Schedule(job, BehaviourOf(job).StartDelayMs, () =>
        {
            job.Status = JobStatuses.Running;
            job.StatusMessage = job is RunRecord ? "The Actor is running" : "Building the Actor image";
            Started?.Invoke(job);
            ScheduleWork(job);
        });

    /// <summary>From RUNNING to the configured outcome; a run longer than its timeout times out at the timeout.</summary>
    private void ScheduleWork(JobRecord job)
    {
        var behaviour = BehaviourOf(job);
        var duration = job is RunRecord ? behaviour.RunDurationMs : behaviour.BuildDurationMs;
        var outcome = job is RunRecord ? behaviour.RunOutcome : behaviour.BuildOutcome;
        if (job is RunRecord run && run.TimeoutSecs > 0 && duration > run.TimeoutSecs * 1000L)
        {
            var elapsed = (int)Math.Max(0, (DateTime.UtcNow - run.StartedAt).TotalMilliseconds);
            duration = (int)Math.Max(0, run.TimeoutSecs * 1000L - elapsed);
            outcome = JobStatuses.TimedOut;
        }
        Schedule(job, duration, () =>
        {
            if (outcome != JobStatuses.TimedOut)
            {
                Finish(job, outcome);
                return;
            }
            job.Status = JobStatuses.TimingOut;
            job.StatusMessage = "Timing out";
            Schedule(job, behaviour.AbortDurationMs, () => Finish(job, JobStatuses.TimedOut));
        });
    }

    private void Finish(JobRecord job, string status)
    {
        if (job is RunRecord run && status == JobStatuses.Succeeded) WriteOutput(run);
        Finishing?.Invoke(job, status);
        job.Status = status;
        job.FinishedAt = Clock.UtcNow();
        job.StatusMessage = status switch
        {
            JobStatuses.Succeeded => "Finished",
            JobStatuses.Failed => job is RunRecord ? "The Actor process exited with code 1" : "The build failed",
            JobStatuses.TimedOut => "Timed out",
            _ => "Aborted",
        };
        var seconds = (job.FinishedAt.Value - job.StartedAt).TotalSeconds;
        if (job is RunRecord r)
        {
            r.ExitCode = status == JobStatuses.Succeeded ? 0 : status == JobStatuses.Failed ? 1 : null;
            r.UsageTotalUsd = Math.Round(seconds / 3600.0 * r.MemoryMbytes / 1024.0 * 0.4, 6);
        }
        else
        {
            job.UsageTotalUsd = Math.Round(seconds / 3600.0 * 4 * 0.4, 6);
        }
        Finished?.Invoke(job);
        job.Terminal.TrySetResult();
    }

    /// <summary>The OUTPUT record of a succeeded run, as the Actor that ran last (after metamorphs) is configured.</summary>
    public void WriteOutput(RunRecord run)
    {
        var behaviour = (run.CurrentActor ?? run.Actor).Behaviour;
        if (behaviour.NoOutput) return;
        var kvs = store.Storages.DefaultKeyValueStore(run);
        var type = behaviour.OutputContentType;
        byte[] body;
        if (behaviour.Output is JsonElement configured)
        {
            if (IsJson(type)) body = Encoding.UTF8.GetBytes(configured.GetRawText());
            else if (configured.ValueKind != JsonValueKind.String) body = Encoding.UTF8.GetBytes(configured.GetRawText());
            else if (IsText(type)) body = Encoding.UTF8.GetBytes(configured.GetString()!);
            else body = Convert.FromBase64String(configured.GetString()!);
        }
        else
        {
            // Names the run and echoes its latest input, so a caller can tell its own output from another run's.
            var inputKey = run.Metamorphs.Count > 0 ? run.Metamorphs[^1].InputKey : "INPUT";
            var input = kvs.Get(inputKey);
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms))
            {
                w.WriteStartObject();
                w.WriteString("runId", run.Id);
                w.WriteString("actorId", (run.CurrentActor ?? run.Actor).Id);
                w.WritePropertyName("input");
                if (input != null && IsJson(input.ContentType) && TryParse(input.Value, out var parsed)) parsed.WriteTo(w);
                else if (input != null) w.WriteStringValue(Encoding.UTF8.GetString(input.Value));
                else w.WriteNullValue();
                w.WriteEndObject();
            }
            body = ms.ToArray();
            type = "application/json; charset=utf-8";
        }
        kvs.Set("OUTPUT", body, type);
    }

    public static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
        contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    public static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || IsJson(contentType) ||
        contentType.Split(';')[0].Trim().EndsWith("xml", StringComparison.OrdinalIgnoreCase);

    private static bool TryParse(byte[] json, out JsonElement element)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            element = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }

    /// <summary>Runs <paramref name="step"/> under the lock after the delay, unless the job was rescheduled or finished meanwhile.</summary>
    private void Schedule(JobRecord job, int delayMs, Action step)
    {
        var generation = job.Generation;
        _ = Task.Run(async () =>
        {
            if (delayMs > 0) await Task.Delay(delayMs).ConfigureAwait(false);
            lock (store.Sync)
            {
                if (job.Generation != generation || job.IsTerminal) return;
                step();
            }
        });
    }
}

/// <summary>Where a run comes from when not a plain API start: a task (its runs list) and a schedule (origin SCHEDULER).</summary>
public sealed record RunOrigin(TaskRecord? Task, string? ScheduleId, string Origin = "API");

/// <summary>What a run is started with (query parameters of POST runs and run-sync), already validated.</summary>
public sealed record RunSettings(string? Build, int? TimeoutSecs, int? MemoryMbytes, long? MaxItems, double? MaxTotalChargeUsd, bool RestartOnError);
