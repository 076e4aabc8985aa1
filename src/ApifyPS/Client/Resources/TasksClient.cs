namespace ApifyPS.Client
{
    /// <summary>Actor tasks: <c>/v2/actor-tasks</c>, a task's input, runs, run-sync, last run and webhooks.</summary>
    public sealed class TasksClient : ApifyResourceClient
    {
        internal TasksClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>The user's tasks (<c>GET /v2/actor-tasks</c>), the short form of each (no options or input).</summary>
        public IAsyncEnumerable<ApifyTask> ListAsync(PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifyTask>(ApifyPaths.Tasks(), null, paging, null, cancellationToken);

        /// <summary>One task with its options and input (<c>GET /v2/actor-tasks/{actorTaskId}</c>); id or username~name.</summary>
        public Task<ApifyTask> GetAsync(string taskId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyTask>(new ApifyRequest(HttpMethod.Get, ApifyPaths.Task(taskId), ApifyRequestPolicy.Read) { TargetId = taskId }, cancellationToken);

        /// <summary>
        /// Creates a task (<c>POST /v2/actor-tasks</c>, 201) from a CreateTaskRequest body (<c>actId</c>, <c>name</c>,
        /// <c>options</c>, <c>input</c>, <c>title</c>). Never repeated blindly: the error names the tasks to check.
        /// </summary>
        public Task<ApifyTask> CreateAsync(ApifyBody body, CancellationToken cancellationToken = default)
        {
            if (body == null) throw new ArgumentNullException(nameof(body));
            if (!(body.Get("actId") is string actor) || actor.Length == 0) throw new ArgumentException("A task needs an Actor (actId).", nameof(body));
            var name = body.Get("name") as string;
            return GetDataAsync<ApifyTask>(new ApifyRequest(HttpMethod.Post, ApifyPaths.Tasks(), ApifyRequestPolicy.Create)
            {
                Content = body.ToContent,
                TargetId = name ?? actor,
                OutcomeCheck = ApifyOutcomeCheck.Tasks(name),
            }, cancellationToken);
        }

        /// <summary>Changes only the fields in the body (<c>PUT /v2/actor-tasks/{actorTaskId}</c>) and returns the whole task.</summary>
        public Task<ApifyTask> UpdateAsync(string taskId, ApifyBody body, CancellationToken cancellationToken = default)
        {
            if (body == null || body.Count == 0) throw new ArgumentException("Nothing to change: give at least one field.", nameof(body));
            return GetDataAsync<ApifyTask>(new ApifyRequest(Put, ApifyPaths.Task(taskId), ApifyRequestPolicy.Write) { Content = body.ToContent, TargetId = taskId },
                cancellationToken);
        }

        /// <summary>
        /// Changes the fields of the task's saved input that the body names (<c>PUT /v2/actor-tasks/{actorTaskId}/input</c>:
        /// the API merges them into the input, keeping the others).
        /// </summary>
        public Task UpdateInputAsync(string taskId, ApifyBody input, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(Put, ApifyPaths.TaskInput(taskId), ApifyRequestPolicy.Write) { Content = input.ToContent, TargetId = taskId },
                cancellationToken);

        /// <summary>Deletes a task (<c>DELETE /v2/actor-tasks/{actorTaskId}</c>, 204); its runs stay.</summary>
        public Task DeleteAsync(string taskId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.Task(taskId), ApifyRequestPolicy.Write) { TargetId = taskId }, cancellationToken);

        /// <summary>
        /// Starts a run of the task (<c>POST /v2/actor-tasks/{actorTaskId}/runs</c>): the task's input with the fields of
        /// <paramref name="input"/> over it, the task's options unless given. Never repeated blindly.
        /// </summary>
        public Task<ApifyRun> StartAsync(string taskId, ApifyInput? input, ApifyRunOptionsRequest? options = null,
            CancellationToken cancellationToken = default)
        {
            var query = (options ?? new ApifyRunOptionsRequest()).AddTo(new ApifyQuery());
            return GetDataAsync<ApifyRun>(
                new ApifyRequest(HttpMethod.Post, ApifyPaths.TaskRuns(taskId), ApifyRequestPolicy.Start, query)
                {
                    TargetId = taskId,
                    OutcomeCheck = ApifyOutcomeCheck.RunsOfTask(taskId),
                    Content = input == null ? (Func<HttpContent>?)null : input.ToContent,
                    CapacityWait = options?.CapacityWait,
                },
                cancellationToken);
        }

        /// <summary>
        /// Runs the task synchronously (<c>POST /v2/actor-tasks/{actorTaskId}/run-sync</c> with an input override,
        /// <c>GET</c> without) and returns its OUTPUT record; errors as <see cref="RunsClient.RunSyncAsync(string, ApifyInput?, ApifyRunOptionsRequest?, string?, CancellationToken)"/>.
        /// </summary>
        public Task<ApifyActorOutput> RunSyncAsync(string taskId, ApifyInput? input, ApifyRunOptionsRequest? options = null,
            string? outputRecordKey = null, CancellationToken cancellationToken = default) =>
            Client.Runs.RunSyncAsync(ApifyPaths.TaskRunSync(taskId), ApifyPaths.TaskRuns(taskId), taskId, ApifyOutcomeCheck.RunsOfTask(taskId),
                input, options, outputRecordKey, cancellationToken);

        /// <summary>The task's runs (<c>GET /v2/actor-tasks/{actorTaskId}/runs</c>), filtered by the server.</summary>
        public IAsyncEnumerable<ApifyRun> ListRunsAsync(string taskId, PageRequest paging, ApifyJobFilter? filter = null,
            CancellationToken cancellationToken = default) =>
            ListAsync<ApifyRun>(ApifyPaths.TaskRuns(taskId), filter?.AddTo(new ApifyQuery()), paging, taskId, cancellationToken);

        /// <summary>The task's newest run (<c>GET /v2/actor-tasks/{actorTaskId}/runs/last</c>), optionally of one status.</summary>
        public Task<ApifyRun> LastRunAsync(string taskId, string? status = null, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyRun>(new ApifyRequest(HttpMethod.Get, ApifyPaths.TaskLastRun(taskId), ApifyRequestPolicy.Read,
                new ApifyQuery().Add("status", string.IsNullOrEmpty(status) ? null : status)) { TargetId = taskId }, cancellationToken);

        /// <summary>The task's webhooks (<c>GET /v2/actor-tasks/{actorTaskId}/webhooks</c>).</summary>
        public IAsyncEnumerable<ApifyWebhook> ListWebhooksAsync(string taskId, PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifyWebhook>(ApifyPaths.TaskWebhooks(taskId), null, paging, taskId, cancellationToken);
    }
}
