namespace ApifyPS.Client
{
    /// <summary>
    /// What the user must check before repeating a create or start whose outcome is unknown (sent, then no usable
    /// answer): declared with the request, as data. The core says it in plain words (<see cref="Describe"/>); the cmdlet
    /// layer renders the command that shows it (e.g. <c>Get-ApifyBuild -Actor 'x' -Descending -First 5</c>).
    /// </summary>
    public sealed class ApifyOutcomeCheck
    {
        private ApifyOutcomeCheck(ApifyOutcomeCheckKind kind, string? id, string? name, string? version)
        {
            Kind = kind;
            Id = id;
            Name = name;
            Version = version;
        }

        public ApifyOutcomeCheckKind Kind { get; }

        /// <summary>The Actor, task or run the check is about.</summary>
        public string? Id { get; }

        /// <summary>The name of what was being created, when it has one.</summary>
        public string? Name { get; }

        /// <summary>The version number, for a version's environment variables.</summary>
        public string? Version { get; }

        /// <summary>True when the request starts a job (a build or a run), so messages speak of a job.</summary>
        public bool IsJob => Kind == ApifyOutcomeCheckKind.BuildsOfActor || Kind == ApifyOutcomeCheckKind.RunsOfActor ||
                             Kind == ApifyOutcomeCheckKind.RunsOfTask || Kind == ApifyOutcomeCheckKind.Run;

        public static ApifyOutcomeCheck BuildsOf(string actorId) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.BuildsOfActor, actorId, null, null);

        public static ApifyOutcomeCheck RunsOf(string actorId) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.RunsOfActor, actorId, null, null);

        public static ApifyOutcomeCheck RunsOfTask(string taskId) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.RunsOfTask, taskId, null, null);

        public static ApifyOutcomeCheck Run(string runId) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.Run, runId, null, null);

        public static ApifyOutcomeCheck Actors(string? name) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.Actors, null, name, null);

        public static ApifyOutcomeCheck VersionsOf(string actorId, string? versionNumber) =>
            new ApifyOutcomeCheck(ApifyOutcomeCheckKind.VersionsOfActor, actorId, versionNumber, null);

        public static ApifyOutcomeCheck EnvironmentVariablesOf(string actorId, string versionNumber, string? name) =>
            new ApifyOutcomeCheck(ApifyOutcomeCheckKind.EnvironmentVariablesOfVersion, actorId, name, versionNumber);

        /// <summary>The user's webhooks (a created webhook; <paramref name="actorId"/> the Actor it is for, when one).</summary>
        public static ApifyOutcomeCheck Webhooks(string? actorId) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.Webhooks, actorId, null, null);

        /// <summary>The dispatches of a webhook (a test dispatch).</summary>
        public static ApifyOutcomeCheck DispatchesOf(string webhookId) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.DispatchesOfWebhook, webhookId, null, null);
        public static ApifyOutcomeCheck Tasks(string? name) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.Tasks, null, name, null);

        public static ApifyOutcomeCheck Schedules(string? name) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.Schedules, null, name, null);
        /// <summary>The items of a dataset, after a push whose outcome is unknown.</summary>
        public static ApifyOutcomeCheck DatasetItems(string datasetId) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.DatasetItems, datasetId, null, null);

        /// <summary>The newest unnamed storages of a kind (Dataset, KeyValueStore, RequestQueue), after a create whose outcome is unknown.</summary>
        public static ApifyOutcomeCheck UnnamedStorages(string kind) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.UnnamedStorages, null, kind, null);

        /// <summary>Something without a list of its own here: look in Apify Console for <paramref name="what"/>.</summary>
        public static ApifyOutcomeCheck InConsole(string what) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.Console, null, what, null);

        /// <summary>What a GET of <paramref name="path"/> (below the base URI) shows: a POST sent by Invoke-ApifyRestMethod.</summary>
        public static ApifyOutcomeCheck AtPath(string path) => new ApifyOutcomeCheck(ApifyOutcomeCheckKind.Path, null, path, null);

        /// <summary>The check in plain words: "the newest builds of Actor 'x'".</summary>
        public string Describe()
        {
            switch (Kind)
            {
                case ApifyOutcomeCheckKind.BuildsOfActor: return $"the newest builds of Actor '{Id}'";
                case ApifyOutcomeCheckKind.RunsOfActor: return $"the newest runs of Actor '{Id}'";
                case ApifyOutcomeCheckKind.RunsOfTask: return $"the newest runs of task '{Id}'";
                case ApifyOutcomeCheckKind.Run: return $"run '{Id}'";
                case ApifyOutcomeCheckKind.Actors: return Name == null ? "your Actors" : $"your Actors for '{Name}'";
                case ApifyOutcomeCheckKind.VersionsOfActor: return $"the versions of Actor '{Id}'";
                case ApifyOutcomeCheckKind.EnvironmentVariablesOfVersion: return $"the environment variables of version {Version} of Actor '{Id}'";
                case ApifyOutcomeCheckKind.DispatchesOfWebhook: return $"the newest dispatches of webhook '{Id}'";
                case ApifyOutcomeCheckKind.Webhooks: return Id == null ? "your webhooks" : $"the webhooks of Actor '{Id}'";
                case ApifyOutcomeCheckKind.Tasks: return Name == null ? "your tasks" : $"your tasks for '{Name}'";
                case ApifyOutcomeCheckKind.Schedules: return Name == null ? "your schedules" : $"your schedules for '{Name}'";
                case ApifyOutcomeCheckKind.Path: return $"what GET {Name} shows";
                case ApifyOutcomeCheckKind.DatasetItems: return $"the item count of dataset '{Id}'";
                case ApifyOutcomeCheckKind.UnnamedStorages: return $"your newest unnamed {Words(Name)}";
                default: return Name == null ? "Apify Console" : $"{Name} in Apify Console";
            }
        }

        private static string Words(string? kind) =>
            kind == "KeyValueStore" ? "key-value stores" : kind == "RequestQueue" ? "request queues" : "datasets";

        public override string ToString() => Describe();
    }
}
