namespace ApifyPS.Client
{
    /// <summary>Users: <c>/v2/users</c>.</summary>
    public sealed class UsersClient : ApifyResourceClient
    {
        internal UsersClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>The account the token belongs to (<c>GET /v2/users/me</c>); 401 invalid-token for a wrong token.</summary>
        public Task<ApifyUser> GetCurrentAsync(CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyUser>(new ApifyRequest(HttpMethod.Get, ApifyPaths.Me(), ApifyRequestPolicy.Read), cancellationToken);
    }
}
