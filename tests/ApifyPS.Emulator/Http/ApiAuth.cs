using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// Logs every /v2 request and authenticates it as the API does: <c>Authorization: Bearer</c> or <c>?token=</c>.
/// A wrong token is refused everywhere; a missing one only where the endpoint needs auth (routes ask
/// <see cref="ApiRequest.User"/>).
/// </summary>
public static class ApiAuth
{
    private const string UserKey = "apify.user";

    public static void UseApiAuth(this WebApplication app, EmulatorStore store, RequestLog log)
    {
        app.Use(async (ctx, next) =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/v2"))
            {
                await next();
                return;
            }
            var header = ctx.Request.Headers.Authorization.ToString();
            var queryToken = ctx.Request.Query["token"].ToString();
            string? token = null;
            var auth = "none";
            if (!string.IsNullOrEmpty(queryToken)) { token = queryToken; auth = "query"; }
            else if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) { token = header["Bearer ".Length..].Trim(); auth = "header"; }
            var body = await RequestLog.ReadBody(ctx.Request);
            var entry = new RequestLog.Entry(ctx.Request.Method, ctx.Request.Path.Value ?? "", RequestLog.RedactQuery(ctx.Request.QueryString.Value?.TrimStart('?') ?? ""), auth, body,
                RequestLog.RawPathOf(ctx));
            log.Add(entry);
            using var active = log.BeginActive(entry);
            if (token != null)
            {
                UserRecord? user;
                lock (store.Sync) store.UsersByToken.TryGetValue(token, out user);
                if (user == null)
                {
                    await ApiResponse.Error(ctx, 401, "invalid-token", "Authentication token is not valid.");
                    return;
                }
                ctx.Items[UserKey] = user;
            }
            await next();
        });
    }

    /// <summary>The authenticated user, or null.</summary>
    public static UserRecord? User(this HttpContext ctx) => ctx.Items.TryGetValue(UserKey, out var u) ? (UserRecord?)u : null;
}
