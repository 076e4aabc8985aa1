using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ApifyPS.Models;

namespace ApifyPS.Client
{
    public sealed partial class ApifyClient
    {
        /// <summary>The user's builds (<c>GET /v2/actor-builds</c>), or one Actor's (<c>GET /v2/actors/{actorId}/builds</c>).</summary>
        public IAsyncEnumerable<ApifyBuild> ListBuildsAsync(string? actorId, PageRequest paging, CancellationToken cancellationToken = default) =>
            ListAsync<ApifyBuild>(BuildsPath(actorId), null, paging, cancellationToken);

        /// <summary>
        /// Builds that match <paramref name="filter"/>. The builds endpoints cannot filter, so the client does, while
        /// walking the pages; -First/-Skip count matching builds, and a walk sorted by startedAt stops as soon as it
        /// is past the filter's time window (newest first past StartedAfter, oldest first past StartedBefore).
        /// </summary>
        public IAsyncEnumerable<ApifyBuild> ListBuildsAsync(string? actorId, PageRequest paging, ApifyJobFilter? filter,
            CancellationToken cancellationToken = default) =>
            filter == null || filter.IsEmpty
                ? ListBuildsAsync(actorId, paging, cancellationToken)
                : ListFilteredAsync<ApifyBuild>(BuildsPath(actorId), null, paging, filter, cancellationToken);

        /// <summary>One build (<c>GET /v2/actor-builds/{buildId}</c>).</summary>
        public Task<ApifyBuild> GetBuildAsync(string buildId, CancellationToken cancellationToken = default) =>
            GetBuildAsync(buildId, 0, cancellationToken);

        /// <summary>One build, the server holding the request up to <paramref name="waitForFinishSeconds"/> until it finishes.</summary>
        public Task<ApifyBuild> GetBuildAsync(string buildId, int waitForFinishSeconds, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyBuild>(JobRequest(BuildPath(buildId), buildId, waitForFinishSeconds), cancellationToken);

        /// <summary>
        /// The version a build without an explicit version builds: the Actor's highest version number
        /// (<c>GET /v2/actors/{actorId}/versions</c>, compared as MAJOR.MINOR numbers, so 0.10 is above 0.9).
        /// </summary>
        public async Task<string> ResolveBuildVersionAsync(string actorId, CancellationToken cancellationToken = default)
        {
            var path = ActorPath(actorId).Add("versions");
            var list = await GetDataAsync<VersionList>(
                new ApifyRequest(HttpMethod.Get, path) { TargetId = actorId },
                cancellationToken).ConfigureAwait(false);
            var highest = (list.Items ?? Array.Empty<VersionNumberOnly>())
                .Select(v => v.VersionNumber)
                .Where(v => TryParseVersion(v, out _))
                .OrderByDescending(v => { TryParseVersion(v, out var parsed); return parsed; })
                .FirstOrDefault();
            if (highest == null)
                throw new ApifyApiException(null, "record-not-found",
                    $"Actor '{actorId}' has no version to build; create a version first or pass -Version.", "GET", path.Value) { TargetId = actorId };
            return highest;
        }

        /// <summary>Starts a build of <paramref name="version"/> (<c>POST /v2/actors/{actorId}/builds</c>); never repeated blindly.</summary>
        public Task<ApifyBuild> StartBuildAsync(string actorId, string version, bool useCache = false, bool betaPackages = false,
            string? tag = null, CancellationToken cancellationToken = default)
        {
            var query = new ApifyQuery().Add("version", version).AddFlag("useCache", useCache).AddFlag("betaPackages", betaPackages)
                .Add("tag", string.IsNullOrEmpty(tag) ? null : tag);
            return GetDataAsync<ApifyBuild>(
                new ApifyRequest(HttpMethod.Post, ActorPath(actorId).Add("builds"), query, ApifyRequestKind.Start) { TargetId = actorId },
                cancellationToken);
        }

        /// <summary>Aborts a build (<c>POST /v2/actor-builds/{buildId}/abort</c>); a finished build comes back unchanged.</summary>
        public Task<ApifyBuild> AbortBuildAsync(string buildId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyBuild>(
                new ApifyRequest(HttpMethod.Post, BuildPath(buildId).Add("abort"), null, ApifyRequestKind.Write) { TargetId = buildId },
                cancellationToken);

        /// <summary>Waits for a build to finish (see <see cref="WaitForJobAsync{T}"/>).</summary>
        public Task<ApifyWaitResult<ApifyBuild>> WaitForBuildAsync(string buildId, ApifyWaitOptions options, ApifyBuild? current = null,
            CancellationToken cancellationToken = default) =>
            WaitForJobAsync("build", buildId, current, (wait, token) => GetBuildAsync(buildId, wait, token), options, cancellationToken);

        private static readonly ApifyPath ActorBuildsPath = ApifyPath.V2.Add("actor-builds");

        private static ApifyPath BuildsPath(string? actorId) => actorId == null ? ActorBuildsPath : ActorPath(actorId).Add("builds");

        internal static ApifyPath BuildPath(string buildId) => ActorBuildsPath.Add(PathSegment.BuildId, buildId);

        internal static bool TryParseVersion(string? text, out Version version)
        {
            version = new Version(0, 0);
            if (string.IsNullOrEmpty(text)) return false;
            var parts = text!.Split('.');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || major < 0 || minor < 0) return false;
            version = new Version(major, minor);
            return true;
        }

        private sealed class VersionList
        {
            public VersionNumberOnly[]? Items { get; set; }
        }

        private sealed class VersionNumberOnly
        {
            public string? VersionNumber { get; set; }
        }
    }
}
