using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ApifyPS.Models;

namespace ApifyPS.Client
{
    public sealed partial class ApifyClient
    {
        /// <summary>The account the token belongs to (<c>GET /v2/users/me</c>); 401 invalid-token for a wrong token.</summary>
        public Task<ApifyUser> GetCurrentUserAsync(CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyUser>(new ApifyRequest(HttpMethod.Get, ApifyPath.V2.Add("users").Add("me")), cancellationToken);
    }
}
