namespace ApifyPS.Emulator.State;

/// <summary>
/// All the server's data, in memory, behind one lock (<see cref="Sync"/>): callers take it around every read and
/// write. Simple and plenty fast for a test server.
/// </summary>
public sealed class EmulatorStore
{
    private long _seq;

    public EmulatorStore(EmulatorOptions options)
    {
        Options = options;
        MainUser = AddUser(options.Username, options.Token);
        foreach (var (username, token) in options.ExtraUsers) AddUser(username, token);
        Lifecycle = new JobLifecycle(this);
    }

    public object Sync { get; } = new();

    public EmulatorOptions Options { get; }

    /// <summary>Moves new builds and runs through their statuses; other parts hook into its events.</summary>
    public JobLifecycle Lifecycle { get; }

    /// <summary>The storages runs write to (key-value stores today).</summary>
    public RunStorages Storages { get; } = new();

    /// <summary>The user the --token authenticates; seeding creates Actors for this user.</summary>
    public UserRecord MainUser { get; }

    public Dictionary<string, UserRecord> UsersByToken { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, UserRecord> UsersById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ActorRecord> ActorsById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, BuildRecord> BuildsById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, RunRecord> RunsById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JobList<BuildRecord>> BuildsByUser { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JobList<RunRecord>> RunsByUser { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, WebhookRecord> WebhooksById { get; } = new(StringComparer.Ordinal);
    // Tasks and schedules (Routes/TaskRoutes.cs, Routes/ScheduleRoutes.cs).
    public Dictionary<string, TaskRecord> TasksById { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ScheduleRecord> SchedulesById { get; } = new(StringComparer.Ordinal);

    public long NextSeq() => Interlocked.Increment(ref _seq);

    private long _buildsStarted;
    private long _runsStarted;

    /// <summary>
    /// Counts a job started through the API (not seeded): tests read it (GET /__emulator/jobs-started) to prove a
    /// retry never started the same work twice. Every start route calls it once per job it creates.
    /// </summary>
    public void CountStarted(JobRecord job)
    {
        if (job is BuildRecord) Interlocked.Increment(ref _buildsStarted);
        else Interlocked.Increment(ref _runsStarted);
    }

    private long _metamorphs;

    /// <summary>Counts a metamorph (a run turned into a run of another Actor): work started, like a new run.</summary>
    public void CountMetamorph() => Interlocked.Increment(ref _metamorphs);

    public (long Builds, long Runs, long Metamorphs) JobsStarted =>
        (Interlocked.Read(ref _buildsStarted), Interlocked.Read(ref _runsStarted), Interlocked.Read(ref _metamorphs));

    public UserRecord AddUser(string username, string token)
    {
        var user = new UserRecord { Id = Ids.New(), Username = username, Token = token };
        UsersByToken[token] = user;
        UsersById[user.Id] = user;
        BuildsByUser[user.Id] = new JobList<BuildRecord>();
        RunsByUser[user.Id] = new JobList<RunRecord>();
        return user;
    }

    /// <summary>An Actor by id or by <c>username~name</c>, as the API accepts both.</summary>
    public ActorRecord? FindActor(string idOrName)
    {
        if (ActorsById.TryGetValue(idOrName, out var byId)) return byId;
        var tilde = idOrName.IndexOf('~');
        if (tilde <= 0) return null;
        var username = idOrName[..tilde];
        var name = idOrName[(tilde + 1)..];
        return ActorsById.Values.FirstOrDefault(a =>
            string.Equals(a.Owner.Username, username, StringComparison.Ordinal) && string.Equals(a.Name, name, StringComparison.Ordinal));
    }

    public ActorRecord CreateActor(UserRecord owner, string name)
    {
        var actor = new ActorRecord { Id = Ids.New(), Owner = owner, Name = name, Seq = NextSeq() };
        actor.Versions.Add(new VersionRecord { VersionNumber = "0.0" });
        ActorsById[actor.Id] = actor;
        return actor;
    }

    /// <summary>An Actor made by the API (POST /v2/actors): its versions are the request's, none by default.</summary>
    public ActorRecord AddActor(UserRecord owner, string name, IEnumerable<VersionRecord> versions)
    {
        var actor = new ActorRecord { Id = Ids.New(), Owner = owner, Name = name, Seq = NextSeq() };
        actor.Versions.AddRange(versions);
        ActorsById[actor.Id] = actor;
        return actor;
    }

    /// <summary>The user's own Actors, oldest first (createdAt, then creation order).</summary>
    public List<ActorRecord> ActorsOf(UserRecord owner) =>
        ActorsById.Values.Where(a => a.Owner == owner).OrderBy(a => a.CreatedAt).ThenBy(a => a.Seq).ToList();

    /// <summary>An Actor is unique by name per owner.</summary>
    public bool NameTaken(UserRecord owner, string name, ActorRecord? except = null) =>
        ActorsById.Values.Any(a => a.Owner == owner && a != except && string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>Deletes the Actor with everything that belongs to it: versions, builds, runs, webhooks.</summary>
    public void RemoveActor(ActorRecord actor)
    {
        ActorsById.Remove(actor.Id);
        foreach (var b in actor.Builds.All) BuildsById.Remove(b.Id);
        foreach (var r in actor.Runs.All) RunsById.Remove(r.Id);
        BuildsByUser[actor.Owner.Id].RemoveWhere(b => b.Actor == actor);
        RunsByUser[actor.Owner.Id].RemoveWhere(r => r.Actor == actor);
        foreach (var w in actor.Webhooks) WebhooksById.Remove(w.Id);
        actor.Webhooks.Clear();
        actor.Versions.Clear();
    }

    public void AddWebhook(WebhookRecord webhook)
    {
        WebhooksById[webhook.Id] = webhook;
        webhook.Actor?.Webhooks.Add(webhook);
    }

    /// <summary>
    /// The build a run uses: by build number, else the newest SUCCEEDED build with that tag (default <c>latest</c>).
    /// </summary>
    public BuildRecord? FindBuildForRun(ActorRecord actor, string? tagOrNumber)
    {
        var wanted = string.IsNullOrEmpty(tagOrNumber) ? "latest" : tagOrNumber;
        for (var i = actor.Builds.Count - 1; i >= 0; i--)
            if (actor.Builds[i].BuildNumber == wanted) return actor.Builds[i];
        for (var i = actor.Builds.Count - 1; i >= 0; i--)
        {
            var b = actor.Builds[i];
            if (b.Status == JobStatuses.Succeeded && b.BuildTag == wanted) return b;
        }
        return null;
    }

    public string NextBuildNumber(ActorRecord actor, string versionNumber)
    {
        actor.BuildCounters.TryGetValue(versionNumber, out var n);
        actor.BuildCounters[versionNumber] = ++n;
        return $"{versionNumber}.{n}";
    }

    public void AddBuilds(IReadOnlyList<BuildRecord> sortedBatch)
    {
        if (sortedBatch.Count == 0) return;
        foreach (var b in sortedBatch) BuildsById[b.Id] = b;
        sortedBatch[0].Actor.Builds.AddSorted(sortedBatch);
        BuildsByUser[sortedBatch[0].Actor.Owner.Id].AddSorted(sortedBatch);
    }

    public void AddRuns(IReadOnlyList<RunRecord> sortedBatch)
    {
        if (sortedBatch.Count == 0) return;
        foreach (var r in sortedBatch) RunsById[r.Id] = r;
        sortedBatch[0].Actor.Runs.AddSorted(sortedBatch);
        RunsByUser[sortedBatch[0].Actor.Owner.Id].AddSorted(sortedBatch);
    }
}
