using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ApifyPS.Emulator.State;

/// <summary>
/// What builds and runs leave behind, written from the lifecycle's hooks (<see cref="JobLifecycle"/>):
/// <list type="bullet">
/// <item>a log per job: start lines when it enters RUNNING, a progress line every <c>logIntervalMs</c> while it runs,
/// end lines just before it becomes terminal; complete (followers released) once it is;</item>
/// <item>a run's default dataset: its items (the Actor's <c>datasetItems</c>, or <c>datasetItemCount</c> generated
/// items, by default 5) when the run ends: all of them when it SUCCEEDED, half when it failed, timed out or was
/// aborted (what it pushed before it stopped), never more than the run's <c>maxItems</c>;</item>
/// <item>a run's default key-value store: OUTPUT (written by the lifecycle) and <c>recordCount</c> further records.</item>
/// </list>
/// Seeded (finished) jobs never went through the hooks: their results and log are written the first time they are
/// asked for, as if they had just ended. Every method expects the caller to hold <see cref="EmulatorStore.Sync"/>.
/// </summary>
public sealed class RunResults
{
    private static readonly string[] BuildSteps =
    {
        "FROM apify/actor-node:20",
        "COPY package*.json ./",
        "RUN npm --quiet set progress=false && npm install --omit=dev --no-optional",
        "COPY . ./",
        "RUN npm run build",
        "CMD npm run start:prod --silent",
    };

    private readonly EmulatorStore _store;

    public RunResults(EmulatorStore store)
    {
        _store = store;
        store.Lifecycle.Started += OnStarted;
        store.Lifecycle.Finishing += OnFinishing;
        store.Lifecycle.Finished += job => _store.Storages.Log(job).Complete();
    }

    private RunStorages Storages => _store.Storages;

    /// <summary>A build or run by id.</summary>
    public JobRecord? FindJob(string id) =>
        _store.RunsById.TryGetValue(id, out var run) ? run : _store.BuildsById.TryGetValue(id, out var build) ? build : null;

    /// <summary>The job's log; a seeded job's is written (complete) on first use.</summary>
    public JobLog LogOf(JobRecord job)
    {
        if (Storages.Logs.TryGetValue(job.Id, out var log)) return log;
        log = Storages.Log(job);
        if (job.IsTerminal)
        {
            // Seeded: it never ran here. Write the log it would have, between its start and finish.
            var finished = job.FinishedAt ?? job.StartedAt;
            foreach (var line in StartLines(job)) log.Append(job.StartedAt, line);
            for (var n = 1; n <= 3; n++) log.Append(job.StartedAt + (finished - job.StartedAt) * n / 4, ProgressLine(job, n));
            foreach (var line in EndLines(job, job.Status)) log.Append(finished, line);
            log.Complete();
        }
        return log;
    }

    /// <summary>A dataset by id: any dataset the server holds, or a run's default dataset (its results written when due).</summary>
    public DatasetRecord? FindDataset(string id)
    {
        if (Storages.Deleted.Contains(id)) return null;
        if (FindStorage(Storages.Datasets, id) is { } dataset) return dataset;
        var run = _store.RunsById.Values.FirstOrDefault(r => r.DefaultDatasetId == id);
        return run == null ? null : DatasetOf(run);
    }

    public DatasetRecord DatasetOf(RunRecord run)
    {
        EnsureResults(run);
        return Storages.DefaultDataset(run);
    }

    /// <summary>A key-value store by id: any store the server holds, or a run's default store.</summary>
    public KeyValueStoreRecord? FindKeyValueStore(string id)
    {
        // A store (or dataset) that exists belongs to a live run, or to a seeded one whose results are written.
        if (Storages.Deleted.Contains(id)) return null;
        if (FindStorage(Storages.KeyValueStores, id) is { } kvs) return kvs;
        var run = _store.RunsById.Values.FirstOrDefault(r => r.DefaultKeyValueStoreId == id);
        return run == null ? null : KeyValueStoreOf(run);
    }

    public KeyValueStoreRecord KeyValueStoreOf(RunRecord run)
    {
        EnsureResults(run);
        return Storages.DefaultKeyValueStore(run);
    }

    /// <summary>A request queue by id or username~name: any queue the server holds, or a run's default queue.</summary>
    public RequestQueueRecord? FindRequestQueue(string id)
    {
        if (Storages.Deleted.Contains(id)) return null;
        if (FindStorage(Storages.RequestQueues, id) is { } queue) return queue;
        var run = _store.RunsById.Values.FirstOrDefault(r => r.DefaultRequestQueueId == id);
        return run == null ? null : Storages.DefaultRequestQueue(run);
    }

    /// <summary>A storage by id, or by <c>username~name</c> as the API accepts both.</summary>
    private static T? FindStorage<T>(Dictionary<string, T> storages, string idOrName) where T : StorageRecord
    {
        if (storages.TryGetValue(idOrName, out var byId)) return byId;
        var tilde = idOrName.IndexOf('~');
        if (tilde <= 0) return null;
        var username = idOrName[..tilde];
        var name = idOrName[(tilde + 1)..];
        return storages.Values.FirstOrDefault(s => s.Name != null &&
            string.Equals(s.Owner.Username, username, StringComparison.Ordinal) && string.Equals(s.Name, name, StringComparison.Ordinal));
    }

    /// <summary>How many items a run that ended with <paramref name="status"/> writes.</summary>
    public static long ItemCount(RunRecord run, string status)
    {
        var behaviour = BehaviourOf(run);
        long count = behaviour.DatasetItems is { } items ? items.GetArrayLength() : behaviour.DatasetItemCount;
        if (status != JobStatuses.Succeeded) count /= 2;
        if (run.MaxItems is long max && max >= 0) count = Math.Min(count, max);
        return count;
    }

    private void OnStarted(JobRecord job)
    {
        var log = Storages.Log(job);
        foreach (var line in StartLines(job)) log.Append(line);
        var interval = BehaviourOf(job).LogIntervalMs;
        if (interval <= 0) return;
        _ = Task.Run(async () =>
        {
            for (var n = 1; ; n++)
            {
                await Task.Delay(interval).ConfigureAwait(false);
                lock (_store.Sync)
                {
                    if (job.Status != JobStatuses.Running) return;
                    log.Append(ProgressLine(job, n));
                }
            }
        });
    }

    private void OnFinishing(JobRecord job, string status)
    {
        if (job is RunRecord run) WriteResults(run, status);
        var log = Storages.Log(job);
        foreach (var line in EndLines(job, status)) log.Append(line);
    }

    /// <summary>A seeded run that ended before the server could hook it gets its results now.</summary>
    private void EnsureResults(RunRecord run)
    {
        if (!run.IsTerminal || Storages.ResultsWritten.Contains(run.Id)) return;
        WriteResults(run, run.Status);
        if (run.Status == JobStatuses.Succeeded) _store.Lifecycle.WriteOutput(run);
    }

    private void WriteResults(RunRecord run, string status)
    {
        if (!Storages.ResultsWritten.Add(run.Id)) return;
        var behaviour = BehaviourOf(run);
        var dataset = Storages.DefaultDataset(run);
        var count = ItemCount(run, status);
        if (behaviour.DatasetItems is { } items) dataset.Push(items.EnumerateArray().Take((int)count));
        else dataset.PushGenerated(count);
        if (behaviour.RecordCount > 0)
        {
            var kvs = Storages.DefaultKeyValueStore(run);
            for (var i = 1; i <= behaviour.RecordCount; i++)
            {
                var json = $"{{\"page\":{i},\"url\":\"https://example.com/products?page={i}\",\"runId\":\"{run.Id}\"}}";
                kvs.Set("page-" + i.ToString("D5", CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8");
            }
        }
    }

    private static JobBehaviour BehaviourOf(JobRecord job) => (job is RunRecord r ? r.CurrentActor ?? r.Actor : job.Actor).Behaviour;

    private static string[] StartLines(JobRecord job)
    {
        if (job is BuildRecord build)
            return new[]
            {
                $"ACTOR: Creating Docker image of Actor {build.Actor.FullName}, version {build.VersionNumber} (build {build.BuildNumber}).",
                "ACTOR: Extracting the Actor source code.",
            };
        var run = (RunRecord)job;
        var systemInfo = JsonSerializer.Serialize(new { apifyVersion = "3.2.6", crawleeVersion = "3.11.5", osType = "Linux", nodeVersion = "v20.18.0" });
        return new[]
        {
            $"ACTOR: Pulling Docker image of build {run.BuildNumber} from registry.",
            "ACTOR: Creating Docker container.",
            "ACTOR: Starting Docker container.",
            "INFO  System info " + systemInfo,
            $"INFO  {(run.CurrentActor ?? run.Actor).Name}: Starting the crawl.",
        };
    }

    private static string ProgressLine(JobRecord job, int n)
    {
        if (job is BuildRecord)
            return n <= BuildSteps.Length ? $"Step {n}/{BuildSteps.Length} : {BuildSteps[n - 1]}" : "INFO  Still building the image.";
        var run = (RunRecord)job;
        return $"INFO  {(run.CurrentActor ?? run.Actor).Name}: Processed {n * 10} requests so far.";
    }

    private static string[] EndLines(JobRecord job, string status)
    {
        if (job is BuildRecord)
            return status switch
            {
                JobStatuses.Succeeded => new[] { "Successfully built the Docker image.", "ACTOR: Pushing the Docker image to the registry.", "ACTOR: Build finished." },
                JobStatuses.Failed => new[]
                {
                    "npm ERR! code ERESOLVE",
                    "npm ERR! ERESOLVE unable to resolve dependency tree",
                    "ERROR: The command 'npm install --omit=dev --no-optional' returned a non-zero code: 1",
                    "ACTOR: Build failed.",
                },
                JobStatuses.TimedOut => new[] { "ACTOR: The build timed out." },
                _ => new[] { "ACTOR: The build was aborted." },
            };
        var run = (RunRecord)job;
        var name = (run.CurrentActor ?? run.Actor).Name;
        var items = ItemCount(run, status);
        return status switch
        {
            JobStatuses.Succeeded => new[] { $"INFO  {name}: Crawl finished. {items} items stored in the default dataset.", "ACTOR: The Actor process exited with code 0." },
            JobStatuses.Failed => new[]
            {
                $"ERROR {name}: Request failed and reached maximum retries. Navigation timed out after 60 seconds.",
                "    at PlaywrightCrawler._handleNavigation (/usr/src/app/src/main.js:42:13)",
                $"INFO  {name}: {items} items stored in the default dataset before the failure.",
                "ACTOR: The Actor process exited with code 1.",
            },
            JobStatuses.TimedOut => new[] { $"ACTOR: The run exceeded its timeout of {run.TimeoutSecs} seconds and was stopped." },
            _ => new[] { "ACTOR: The run was aborted." },
        };
    }
}
