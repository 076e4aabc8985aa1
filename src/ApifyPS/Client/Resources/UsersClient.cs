using System.Globalization;

namespace ApifyPS.Client
{
    /// <summary>Users: <c>/v2/users</c>, the account's usage and limits.</summary>
    public sealed class UsersClient : ApifyResourceClient
    {
        internal UsersClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>The account the token belongs to (<c>GET /v2/users/me</c>); 401 invalid-token for a wrong token.</summary>
        public Task<ApifyUser> GetCurrentAsync(CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyUser>(new ApifyRequest(HttpMethod.Get, ApifyPaths.Me(), ApifyRequestPolicy.Read), cancellationToken);

        /// <summary>A user's public profile (<c>GET /v2/users/{userId}</c>, an id or a username): username and profile.</summary>
        public Task<ApifyUser> GetPublicAsync(string userId, CancellationToken cancellationToken = default) =>
            GetDataAsync<ApifyUser>(new ApifyRequest(HttpMethod.Get, ApifyPaths.User(userId), ApifyRequestPolicy.Read) { TargetId = userId }, cancellationToken);

        /// <summary>
        /// The usage of the monthly cycle holding <paramref name="date"/> (<c>GET /v2/users/me/usage/monthly</c>, with
        /// <c>date</c> as YYYY-MM-DD: the calendar day of the value as given, not shifted to UTC, since a day is meant);
        /// the current cycle without one.
        /// </summary>
        public async Task<ApifyMonthlyUsage> GetMonthlyUsageAsync(DateTime? date, CancellationToken cancellationToken = default)
        {
            var query = new ApifyQuery().Add("date", date.HasValue ? date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
            var data = await GetDataAsync<MonthlyUsageData>(new ApifyRequest(HttpMethod.Get, ApifyPaths.MonthlyUsage(), ApifyRequestPolicy.Read, query),
                cancellationToken).ConfigureAwait(false);
            return new ApifyMonthlyUsage(data);
        }

        /// <summary>The account's limits and current usage (<c>GET /v2/users/me/limits</c>), flat.</summary>
        public async Task<ApifyLimit> GetLimitsAsync(CancellationToken cancellationToken = default) =>
            (await GetDataAsync<AccountLimitsData>(new ApifyRequest(HttpMethod.Get, ApifyPaths.Limits(), ApifyRequestPolicy.Read), cancellationToken)
                .ConfigureAwait(false)).ToLimit();

        /// <summary>
        /// Changes only the limits given (<c>PUT /v2/users/me/limits</c>, 201): maxMonthlyUsageUsd (at least 0) and
        /// dataRetentionDays (at least 1). An idempotent write: retried like any PUT.
        /// </summary>
        public Task UpdateLimitsAsync(double? maxMonthlyUsageUsd, int? dataRetentionDays, CancellationToken cancellationToken = default)
        {
            if (maxMonthlyUsageUsd == null && dataRetentionDays == null) throw new ArgumentException("Nothing to change: give at least one limit.");
            if (maxMonthlyUsageUsd < 0 || double.IsNaN(maxMonthlyUsageUsd ?? 0) || double.IsInfinity(maxMonthlyUsageUsd ?? 0))
                throw new ArgumentOutOfRangeException(nameof(maxMonthlyUsageUsd), "The monthly usage limit is a number of USD of at least 0.");
            if (dataRetentionDays < 1) throw new ArgumentOutOfRangeException(nameof(dataRetentionDays), "Data is kept at least 1 day.");
            var body = new ApifyBody();
            if (maxMonthlyUsageUsd.HasValue) body.Set("maxMonthlyUsageUsd", maxMonthlyUsageUsd.Value);
            if (dataRetentionDays.HasValue) body.Set("dataRetentionDays", (long)dataRetentionDays.Value);
            return SendAsync(new ApifyRequest(Put, ApifyPaths.Limits(), ApifyRequestPolicy.Write) { Content = body.ToContent }, cancellationToken);
        }

        /// <summary>
        /// The name of the record at <paramref name="path"/> (a task or a schedule: <c>username~name</c> when the API
        /// gives the username, else the name); null when it cannot be read (an <see cref="ApifyApiException"/>).
        /// </summary>
        internal async Task<string?> NameOfAsync(ApifyPath path, string id, CancellationToken cancellationToken)
        {
            try
            {
                var named = await GetDataAsync<NamedRecordData>(new ApifyRequest(HttpMethod.Get, path, ApifyRequestPolicy.Read) { TargetId = id }, cancellationToken)
                    .ConfigureAwait(false);
                return string.IsNullOrEmpty(named.Name) ? null : string.IsNullOrEmpty(named.Username) ? named.Name : named.Username + "~" + named.Name;
            }
            catch (ApifyApiException)
            {
                return null;
            }
        }
    }
}
