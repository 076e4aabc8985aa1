namespace ApifyPS.Client
{
    /// <summary>Builds: <c>/v2/actor-builds</c> and an Actor's <c>/v2/actors/{actorId}/builds</c>.</summary>
    public sealed class BuildsClient : ApifyResourceClient
    {
        internal BuildsClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>
        /// The user's builds (<c>GET /v2/actor-builds</c>), or one Actor's (<c>GET /v2/actors/{actorId}/builds</c>). The
        /// builds endpoints cannot filter, so a <paramref name="filter"/> is applied while walking the pages:
        /// -First/-Skip count matching builds, and a walk sorted by startedAt stops as soon as it is past the filter's
        /// time window (newest first past StartedAfter, oldest first past StartedBefore).
        /// </summary>
        public IAsyncEnumerable<ApifyBuild> ListAsync(string? actorId, PageRequest paging, ApifyJobFilter? filter = null,
            CancellationToken cancellationToken = default)
        {
            var path = actorId == null ? ApifyPaths.Builds() : ApifyPaths.ActorBuilds(actorId);
            if (filter == null || filter.IsEmpty) return ListAsync<ApifyBuild>(path, null, paging, actorId, cancellationToken);
            var source = new EnvelopeListSource<ApifyBuild>(Core, path, null, paging.Descending, actorId);
            return PageWalker.WalkFilteredAsync(source, paging, Client.Options, filter, cancellationToken);
        }

        /// <summary>The user's builds or one Actor's, unfiltered.</summary>
        public IAsyncEnumerable<ApifyBuild> ListAsync(string? actorId, PageRequest paging, CancellationToken cancellationToken) =>
            ListAsync(actorId, paging, null, cancellationToken);

        /// <summary>One build (<c>GET /v2/actor-builds/{buildId}</c>).</summary>
        public Task<ApifyBuild> GetAsync(string buildId, CancellationToken cancellationToken) => GetAsync(buildId, 0, cancellationToken);

        /// <summary>One build (<c>GET /v2/actor-builds/{buildId}</c>), held by the server up to <paramref name="waitForFinishSeconds"/> until it finishes.</summary>
        public Task<ApifyBuild> GetAsync(string buildId, int waitForFinishSeconds = 0, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyBuild>(ApifyRequest.LongPoll(ApifyPaths.Build(buildId), waitForFinishSeconds, buildId), cancellationToken);

        /// <summary>The version a build without an explicit version builds: the Actor's highest version number.</summary>
        public Task<string> ResolveVersionAsync(string actorId, CancellationToken cancellationToken = default) =>
            Client.ActorVersions.HighestAsync(actorId, cancellationToken);

        /// <summary>Starts a build of <paramref name="version"/> (<c>POST /v2/actors/{actorId}/builds</c>); never repeated blindly.</summary>
        public Task<ApifyBuild> StartAsync(string actorId, string version, bool useCache = false, bool betaPackages = false,
            string? tag = null, CancellationToken cancellationToken = default)
        {
            var query = new ApifyQuery().Add("version", version).AddFlag("useCache", useCache).AddFlag("betaPackages", betaPackages)
                .Add("tag", string.IsNullOrEmpty(tag) ? null : tag);
            return GetDataAsync<ApifyBuild>(
                new ApifyRequest(HttpMethod.Post, ApifyPaths.ActorBuilds(actorId), ApifyRequestPolicy.Start, query)
                {
                    TargetId = actorId,
                    OutcomeCheck = ApifyOutcomeCheck.BuildsOf(actorId),
                },
                cancellationToken);
        }

        /// <summary>Aborts a build (<c>POST /v2/actor-builds/{buildId}/abort</c>); a finished build comes back unchanged.</summary>
        public Task<ApifyBuild> AbortAsync(string buildId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyBuild>(
                new ApifyRequest(HttpMethod.Post, ApifyPaths.BuildAbort(buildId), ApifyRequestPolicy.Write) { TargetId = buildId },
                cancellationToken);

        /// <summary>Waits for a build to finish (the server's long poll in a loop; see <see cref="JobWaiter"/>).</summary>
        public Task<ApifyWaitResult<ApifyBuild>> WaitAsync(string buildId, ApifyWaitOptions options, ApifyBuild? current = null,
            CancellationToken cancellationToken = default) =>
            JobWaiter.WaitAsync(Client, "build", buildId, current, (wait, token) => GetAsync(buildId, wait, token), options, cancellationToken);

        /// <summary>
        /// Deletes a build (<c>DELETE /v2/actor-builds/{buildId}</c>, 204). The Actor's default build cannot go: the API's
        /// 400 comes back as the error. Idempotent, so repeated like any write.
        /// </summary>
        public Task DeleteAsync(string buildId, CancellationToken cancellationToken = default) =>
            SendAsync(new ApifyRequest(HttpMethod.Delete, ApifyPaths.Build(buildId), ApifyRequestPolicy.Write) { TargetId = buildId }, cancellationToken);
    }
}
