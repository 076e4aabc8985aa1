namespace ApifyPS.Client
{
    /// <summary>
    /// The one home of every <c>/v2</c> path the client sends, named after the API's resources (the OpenAPI document's
    /// paths, Actor endpoints under <c>/v2/actors</c>). Every variable part goes through its <see cref="PathSegment"/>,
    /// so a value that cannot be one segment is refused here, before any request. A new resource adds its paths here.
    /// </summary>
    public static class ApifyPaths
    {
        private static readonly ApifyPath s_actors = ApifyPath.V2.Add("actors");
        private static readonly ApifyPath s_actorBuilds = ApifyPath.V2.Add("actor-builds");
        private static readonly ApifyPath s_actorRuns = ApifyPath.V2.Add("actor-runs");
        private static readonly ApifyPath s_datasets = ApifyPath.V2.Add("datasets");
        private static readonly ApifyPath s_keyValueStores = ApifyPath.V2.Add("key-value-stores");
        private static readonly ApifyPath s_logs = ApifyPath.V2.Add("logs");
        private static readonly ApifyPath s_webhooks = ApifyPath.V2.Add("webhooks");
        private static readonly ApifyPath s_me = ApifyPath.V2.Add("users").Add("me");

        // Actors, their versions and environment variables.

        /// <summary><c>/v2/actors</c></summary>
        public static ApifyPath Actors() => s_actors;

        /// <summary><c>/v2/actors/{actorId}</c> (an id or username~name)</summary>
        public static ApifyPath Actor(string actorId) => s_actors.Add(PathSegment.ActorId, actorId);

        /// <summary><c>/v2/actors/{actorId}/versions</c></summary>
        public static ApifyPath ActorVersions(string actorId) => Actor(actorId).Add("versions");

        /// <summary><c>/v2/actors/{actorId}/versions/{versionNumber}</c></summary>
        public static ApifyPath ActorVersion(string actorId, string versionNumber) =>
            ActorVersions(actorId).Add(PathSegment.VersionNumber, versionNumber);

        /// <summary><c>/v2/actors/{actorId}/versions/{versionNumber}/env-vars</c></summary>
        public static ApifyPath EnvironmentVariables(string actorId, string versionNumber) => ActorVersion(actorId, versionNumber).Add("env-vars");

        /// <summary><c>/v2/actors/{actorId}/versions/{versionNumber}/env-vars/{envVarName}</c></summary>
        public static ApifyPath EnvironmentVariable(string actorId, string versionNumber, string name) =>
            EnvironmentVariables(actorId, versionNumber).Add(PathSegment.EnvVarName, name);

        /// <summary><c>/v2/actors/{actorId}/builds</c></summary>
        public static ApifyPath ActorBuilds(string actorId) => Actor(actorId).Add("builds");

        /// <summary><c>/v2/actors/{actorId}/runs</c></summary>
        public static ApifyPath ActorRuns(string actorId) => Actor(actorId).Add("runs");

        /// <summary><c>/v2/actors/{actorId}/run-sync</c></summary>
        public static ApifyPath ActorRunSync(string actorId) => Actor(actorId).Add("run-sync");

        /// <summary><c>/v2/actors/{actorId}/webhooks</c></summary>
        public static ApifyPath ActorWebhooks(string actorId) => Actor(actorId).Add("webhooks");

        // Builds.

        /// <summary><c>/v2/actor-builds</c></summary>
        public static ApifyPath Builds() => s_actorBuilds;

        /// <summary><c>/v2/actor-builds/{buildId}</c></summary>
        public static ApifyPath Build(string buildId) => s_actorBuilds.Add(PathSegment.BuildId, buildId);

        /// <summary><c>/v2/actor-builds/{buildId}/abort</c></summary>
        public static ApifyPath BuildAbort(string buildId) => Build(buildId).Add("abort");

        /// <summary><c>/v2/actor-builds/{buildId}/log</c></summary>
        public static ApifyPath BuildLog(string buildId) => Build(buildId).Add("log");

        // Runs.

        /// <summary><c>/v2/actor-runs</c></summary>
        public static ApifyPath Runs() => s_actorRuns;

        /// <summary><c>/v2/actor-runs/{runId}</c></summary>
        public static ApifyPath Run(string runId) => s_actorRuns.Add(PathSegment.RunId, runId);

        /// <summary><c>/v2/actor-runs/{runId}/abort</c></summary>
        public static ApifyPath RunAbort(string runId) => Run(runId).Add("abort");

        /// <summary><c>/v2/actor-runs/{runId}/metamorph</c></summary>
        public static ApifyPath RunMetamorph(string runId) => Run(runId).Add("metamorph");

        /// <summary><c>/v2/actor-runs/{runId}/log</c></summary>
        public static ApifyPath RunLog(string runId) => Run(runId).Add("log");

        /// <summary><c>/v2/actor-runs/{runId}/dataset</c>: the run's default dataset.</summary>
        public static ApifyPath RunDataset(string runId) => Run(runId).Add("dataset");

        /// <summary><c>/v2/actor-runs/{runId}/key-value-store</c>: the run's default key-value store.</summary>
        public static ApifyPath RunKeyValueStore(string runId) => Run(runId).Add("key-value-store");

        // Logs.

        /// <summary><c>/v2/logs/{buildOrRunId}</c>: a build's or a run's log.</summary>
        public static ApifyPath Log(string buildOrRunId) => s_logs.Add(PathSegment.BuildOrRunId, buildOrRunId);

        // Storages.

        /// <summary><c>/v2/datasets/{datasetId}</c></summary>
        public static ApifyPath Dataset(string datasetId) => s_datasets.Add(PathSegment.DatasetId, datasetId);

        /// <summary><c>{dataset}/items</c> of a dataset or of a run's default one.</summary>
        public static ApifyPath DatasetItems(ApifyStorageRef dataset) => dataset.BasePath.Add("items");

        /// <summary><c>/v2/key-value-stores/{storeId}</c></summary>
        public static ApifyPath KeyValueStore(string storeId) => s_keyValueStores.Add(PathSegment.StoreId, storeId);

        /// <summary><c>{store}/keys</c></summary>
        public static ApifyPath Keys(ApifyStorageRef store) => store.BasePath.Add("keys");

        /// <summary><c>{store}/records/{recordKey}</c>: records are rate-limited apart from their store.</summary>
        public static ApifyPath Record(ApifyStorageRef store, string key) => store.BasePath.Add("records").AsRateResource().Add(PathSegment.RecordKey, key);

        // Storages as objects, queue requests (issue 15).

        private static readonly ApifyPath s_requestQueues = ApifyPath.V2.Add("request-queues");

        /// <summary><c>/v2/datasets</c></summary>
        public static ApifyPath Datasets() => s_datasets;

        /// <summary><c>/v2/key-value-stores</c></summary>
        public static ApifyPath KeyValueStores() => s_keyValueStores;

        /// <summary><c>/v2/request-queues</c></summary>
        public static ApifyPath RequestQueues() => s_requestQueues;

        /// <summary><c>/v2/request-queues/{queueId}</c></summary>
        public static ApifyPath RequestQueue(string queueId) => s_requestQueues.Add(PathSegment.QueueId, queueId);

        /// <summary><c>/v2/request-queues/{queueId}/requests</c></summary>
        public static ApifyPath QueueRequests(string queueId) => RequestQueue(queueId).Add("requests");

        /// <summary><c>/v2/request-queues/{queueId}/requests/batch</c></summary>
        public static ApifyPath QueueRequestsBatch(string queueId) => QueueRequests(queueId).Add("batch");

        /// <summary><c>/v2/request-queues/{queueId}/requests/{requestId}</c></summary>
        public static ApifyPath QueueRequest(string queueId, string requestId) => QueueRequests(queueId).Add(PathSegment.RequestId, requestId);

        // Webhooks and users.

        /// <summary><c>/v2/webhooks</c></summary>
        public static ApifyPath Webhooks() => s_webhooks;

        /// <summary><c>/v2/users/me</c></summary>
        public static ApifyPath Me() => s_me;

        // Account and alerting: users, usage, limits, webhooks and their dispatches (and the names of tasks and
        // schedules a cost roll-up shows).

        /// <summary><c>/v2/users/{userId}</c>: a public profile (an id or a username).</summary>
        public static ApifyPath User(string userId) => ApifyPath.V2.Add("users").Add(PathSegment.UserId, userId);

        /// <summary><c>/v2/users/me/usage/monthly</c></summary>
        public static ApifyPath MonthlyUsage() => s_me.Add("usage").Add("monthly");

        /// <summary><c>/v2/users/me/limits</c></summary>
        public static ApifyPath Limits() => s_me.Add("limits");

        /// <summary><c>/v2/webhooks/{webhookId}</c></summary>
        public static ApifyPath Webhook(string webhookId) => s_webhooks.Add(PathSegment.WebhookId, webhookId);

        /// <summary><c>/v2/webhooks/{webhookId}/test</c></summary>
        public static ApifyPath WebhookTest(string webhookId) => Webhook(webhookId).Add("test");

        /// <summary><c>/v2/webhooks/{webhookId}/dispatches</c></summary>
        public static ApifyPath WebhookDispatchesOf(string webhookId) => Webhook(webhookId).Add("dispatches");

        /// <summary><c>/v2/webhook-dispatches</c></summary>
        public static ApifyPath WebhookDispatches() => ApifyPath.V2.Add("webhook-dispatches");

        /// <summary><c>/v2/webhook-dispatches/{dispatchId}</c></summary>
        public static ApifyPath WebhookDispatch(string dispatchId) => WebhookDispatches().Add(PathSegment.DispatchId, dispatchId);


        // Tasks and schedules.

        private static readonly ApifyPath s_actorTasks = ApifyPath.V2.Add("actor-tasks");
        private static readonly ApifyPath s_schedules = ApifyPath.V2.Add("schedules");

        /// <summary><c>/v2/actors/{actorId}/runs/last</c>: the Actor's newest run.</summary>
        public static ApifyPath ActorLastRun(string actorId) => ActorRuns(actorId).Add("last");

        /// <summary><c>/v2/actor-tasks</c></summary>
        public static ApifyPath Tasks() => s_actorTasks;

        /// <summary><c>/v2/actor-tasks/{actorTaskId}</c> (an id or username~name)</summary>
        public static ApifyPath Task(string actorTaskId) => s_actorTasks.Add(PathSegment.ActorTaskId, actorTaskId);

        /// <summary><c>/v2/actor-tasks/{actorTaskId}/input</c></summary>
        public static ApifyPath TaskInput(string actorTaskId) => Task(actorTaskId).Add("input");

        /// <summary><c>/v2/actor-tasks/{actorTaskId}/runs</c></summary>
        public static ApifyPath TaskRuns(string actorTaskId) => Task(actorTaskId).Add("runs");

        /// <summary><c>/v2/actor-tasks/{actorTaskId}/runs/last</c>: the task's newest run.</summary>
        public static ApifyPath TaskLastRun(string actorTaskId) => TaskRuns(actorTaskId).Add("last");

        /// <summary><c>/v2/actor-tasks/{actorTaskId}/run-sync</c></summary>
        public static ApifyPath TaskRunSync(string actorTaskId) => Task(actorTaskId).Add("run-sync");

        /// <summary><c>/v2/actor-tasks/{actorTaskId}/webhooks</c></summary>
        public static ApifyPath TaskWebhooks(string actorTaskId) => Task(actorTaskId).Add("webhooks");

        /// <summary><c>/v2/schedules</c></summary>
        public static ApifyPath Schedules() => s_schedules;

        /// <summary><c>/v2/schedules/{scheduleId}</c></summary>
        public static ApifyPath Schedule(string scheduleId) => s_schedules.Add(PathSegment.ScheduleId, scheduleId);

        /// <summary><c>/v2/schedules/{scheduleId}/log</c></summary>
        public static ApifyPath ScheduleLog(string scheduleId) => Schedule(scheduleId).Add("log");
        // Reach: resurrect and reboot, the Store, validate-input.

        /// <summary><c>/v2/actor-runs/{runId}/resurrect</c>: a finished run runs again.</summary>
        public static ApifyPath RunResurrect(string runId) => Run(runId).Add("resurrect");

        /// <summary><c>/v2/actor-runs/{runId}/reboot</c>: a running run's container restarts.</summary>
        public static ApifyPath RunReboot(string runId) => Run(runId).Add("reboot");

        /// <summary><c>/v2/store</c>: the Apify Store's public Actors.</summary>
        public static ApifyPath Store() => ApifyPath.V2.Add("store");

        /// <summary><c>/v2/actors/{actorId}/validate-input</c></summary>
        public static ApifyPath ActorValidateInput(string actorId) => Actor(actorId).Add("validate-input");
    }
}
