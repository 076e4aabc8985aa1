using System.Reflection;

namespace ApifyPS.Client
{
    /// <summary>
    /// The entry to the API: a connection, this invocation's options, and one small client per resource
    /// (<c>client.Builds.ListAsync(...)</c>, <c>client.Runs.StartAsync(...)</c>), all over one request core
    /// (<see cref="ApifyRequestCore"/>). <see cref="ExecuteAsync{T}"/> and <see cref="GetDataAsync{T}"/> reach any endpoint
    /// with a request built from <see cref="ApifyPaths"/>. An instance is cheap (one per cmdlet invocation); the HTTP
    /// connections behind it are pooled per base URI for the whole process.
    /// </summary>
    public sealed class ApifyClient
    {
        /// <summary>The module version, read from the assembly (stamped from the one version source).</summary>
        public static readonly string Version =
            typeof(ApifyClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(ApifyClient).Assembly.GetName().Version?.ToString() ?? "0.0.0";

        public static readonly string UserAgent =
            $"ApifyPS/{Version} (PowerShell module; {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.Trim()})";

        public ApifyClient(ApifyConnection connection, ApifyClientOptions? options = null)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            Options = options ?? new ApifyClientOptions();
            Core = new ApifyRequestCore(Connection, Options);
            Actors = new ActorsClient(this);
            ActorVersions = new ActorVersionsClient(this);
            Builds = new BuildsClient(this);
            Runs = new RunsClient(this);
            Datasets = new DatasetsClient(this);
            KeyValueStores = new KeyValueStoresClient(this);
            Logs = new LogsClient(this);
            Users = new UsersClient(this);
            Webhooks = new WebhooksClient(this);
            // Tasks and schedules.
            Tasks = new TasksClient(this);
            Schedules = new SchedulesClient(this);
            // Reach: any endpoint (Invoke-ApifyRestMethod).
            Rest = new RestClient(this);
            Store = new StoreClient(this);
            // Storages (issue 15).
            RequestQueues = new RequestQueuesClient(this);
        }

        public ApifyConnection Connection { get; }

        public ApifyClientOptions Options { get; }

        internal ApifyRequestCore Core { get; }

        public ActorsClient Actors { get; }

        /// <summary>Versions of Actors and their environment variables.</summary>
        public ActorVersionsClient ActorVersions { get; }

        public BuildsClient Builds { get; }

        public RunsClient Runs { get; }

        public DatasetsClient Datasets { get; }

        public KeyValueStoresClient KeyValueStores { get; }

        public LogsClient Logs { get; }

        public UsersClient Users { get; }

        public WebhooksClient Webhooks { get; }

        // Tasks and schedules.

        /// <summary>Actor tasks: saved inputs and options of an Actor, their runs.</summary>
        public TasksClient Tasks { get; }

        /// <summary>Schedules, their logs, and schedules as code (<see cref="ScheduleSync"/>).</summary>
        public SchedulesClient Schedules { get; }
        /// <summary>Any endpoint, with the same connection, retries, pacing and paging (Invoke-ApifyRestMethod).</summary>
        public RestClient Rest { get; }

        /// <summary>The Apify Store (Find-ApifyActor).</summary>
        public StoreClient Store { get; }
        /// <summary>Request queues and their requests (issue 15).</summary>
        public RequestQueuesClient RequestQueues { get; }

        /// <summary>
        /// Sends the request and hands a successful response to <paramref name="read"/>, all under the request's
        /// timeout, in the process's one resilience pipeline; a failure becomes an <see cref="ApifyApiException"/>.
        /// </summary>
        public Task<T> ExecuteAsync<T>(ApifyRequest request, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
            CancellationToken cancellationToken) =>
            Core.ExecuteAsync(request, read, cancellationToken);

        /// <summary>The <c>data</c> of a JSON answer.</summary>
        public Task<T> GetDataAsync<T>(ApifyRequest request, CancellationToken cancellationToken) =>
            Core.GetDataAsync<T>(request, cancellationToken);

        /// <summary>
        /// Any offset-paged list in the API's envelope (<c>data.items</c>), walked lazily by the one paging engine
        /// (<see cref="PageWalker"/>: read-ahead, cancellation, the stop rule).
        /// </summary>
        public IAsyncEnumerable<T> ListAsync<T>(ApifyPath path, ApifyQuery? query, PageRequest paging, string? targetId = null,
            CancellationToken cancellationToken = default) =>
            PageWalker.WalkAsync(new EnvelopeListSource<T>(Core, path, query, paging.Descending, targetId), paging.Skip,
                PageWalk<T>.From(paging, Options), cancellationToken);

        /// <summary>
        /// <see cref="ListAsync{T}(ApifyPath, ApifyQuery?, PageRequest, string?, CancellationToken)"/> for a consumer that stops on
        /// its own at the first item for which <paramref name="endsWalk"/> is true (see <see cref="PageWalk{T}.EndsWalk"/>).
        /// </summary>
        internal IAsyncEnumerable<T> ListAsync<T>(ApifyPath path, ApifyQuery? query, PageRequest paging, Func<T, bool> endsWalk,
            CancellationToken cancellationToken = default) =>
            PageWalker.WalkAsync(new EnvelopeListSource<T>(Core, path, query, paging.Descending, null), paging.Skip,
                PageWalk<T>.From(paging, Options, endsWalk), cancellationToken);

        /// <summary>Any list paged by key (<c>exclusiveStartKey</c> / <c>nextExclusiveStartKey</c>), walked by the same engine.</summary>
        public IAsyncEnumerable<T> ListByKeyAsync<T>(ApifyPath path, ApifyQuery? query, KeyPageRequest paging, string? targetId = null,
            CancellationToken cancellationToken = default) =>
            PageWalker.WalkAsync(new KeyListSource<T>(Core, path, query, targetId),
                string.IsNullOrEmpty(paging.ExclusiveStartKey) ? null : paging.ExclusiveStartKey,
                new PageWalk<T>
                {
                    SkipItems = paging.Skip,
                    First = paging.First,
                    PageSize = paging.PageSize,
                    ReadAheadAt = Options.ReadAheadAt,
                    ReadAheadMinItems = Options.ReadAheadMinItems,
                }, cancellationToken);

        /// <summary>Sends a request whose answer has no body we need (204 No Content and the like).</summary>
        public Task SendAsync(ApifyRequest request, CancellationToken cancellationToken) =>
            Core.ExecuteAsync(request, (_, __) => Task.FromResult(true), cancellationToken);
    }
}
