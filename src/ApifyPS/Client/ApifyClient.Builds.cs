using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ApifyPS.Models;

namespace ApifyPS.Client
{
    public sealed partial class ApifyClient
    {
        /// <summary>The user's builds (<c>GET /v2/actor-builds</c>), or one Actor's (<c>GET /v2/actors/{actorId}/builds</c>).</summary>
        public IAsyncEnumerable<ApifyBuild> ListBuildsAsync(string? actorId, PageRequest paging, CancellationToken cancellationToken = default)
        {
            var path = actorId == null ? "/v2/actor-builds" : $"/v2/actors/{ApifyRequest.Segment(actorId)}/builds";
            return ListAsync<ApifyBuild>(path, null, paging, cancellationToken);
        }

        /// <summary>One build (<c>GET /v2/actor-builds/{buildId}</c>).</summary>
        public Task<ApifyBuild> GetBuildAsync(string buildId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyBuild>(new ApifyRequest(HttpMethod.Get, $"/v2/actor-builds/{ApifyRequest.Segment(buildId)}") { TargetId = buildId },
                cancellationToken);
    }
}
