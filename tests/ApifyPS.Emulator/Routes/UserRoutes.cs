using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// The account the token belongs to: <c>GET /v2/users/me</c> (the OpenAPI document's UserPrivateInfo), and anyone's
/// public profile: <c>GET /v2/users/{userId}</c> (an id or a username; UserPublicInfo, no token needed).
/// </summary>
public static class UserRoutes
{
    public static void MapUserRoutes(this WebApplication app, EmulatorStore store)
    {
        var api = new ApiRoutes(app, store);

        // GET /v2/users/me: 401 without a token (token-not-provided) or with a wrong one (invalid-token, from ApiAuth).
        api.Get("/v2/users/me", r =>
        {
            var user = r.User();
            return r.Data(w => PrivateInfo(w, user));
        });

        // GET /v2/users/{userId}: the public profile of a user by id or username; 404 for no such user.
        api.Get("/v2/users/{userId}", r =>
        {
            var idOrName = r.Route("userId");
            var user = r.Found($"User '{idOrName}'", () =>
                store.UsersById.GetValueOrDefault(idOrName) ?? store.UsersById.Values.FirstOrDefault(u => u.Username == idOrName));
            return r.Data(w => PublicInfo(w, user));
        });
    }

    /// <summary>UserPublicInfo: the username and the profile.</summary>
    public static void PublicInfo(Utf8JsonWriter w, UserRecord u)
    {
        w.WriteStartObject();
        w.WriteString("username", u.Username);
        w.WriteStartObject("profile");
        w.WriteString("name", u.Username);
        w.WriteNull("bio");
        w.WriteNull("pictureUrl");
        w.WriteNull("githubUsername");
        w.WriteNull("websiteUrl");
        w.WriteNull("twitterUsername");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>UserPrivateInfo: required username, plan (with availableProxyGroups), effectivePlatformFeatures, isPaying.</summary>
    public static void PrivateInfo(Utf8JsonWriter w, UserRecord u)
    {
        w.WriteStartObject();
        w.WriteString("id", u.Id);
        w.WriteString("username", u.Username);
        w.WriteStartObject("profile");
        w.WriteString("name", u.Username);
        w.WriteNull("bio");
        w.WriteNull("pictureUrl");
        w.WriteEndObject();
        w.WriteString("email", u.Email);
        w.WriteStartObject("proxy");
        w.WriteString("password", "proxy-password-of-" + u.Username);
        w.WriteStartArray("groups");
        w.WriteStartObject();
        w.WriteString("name", "AUTO");
        w.WriteString("description", "Automatically selected datacenter proxies");
        w.WriteNumber("availableCount", 10);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("plan");
        w.WriteString("id", "FREE");
        w.WriteString("description", "Free plan");
        w.WriteBoolean("isEnabled", true);
        w.WriteNumber("monthlyBasePriceUsd", 0);
        w.WriteNumber("monthlyUsageCreditsUsd", 5);
        w.WriteNumber("maxActorMemoryGbytes", 8);
        w.WriteNumber("maxConcurrentActorRuns", 25);
        w.WriteString("tier", "FREE");
        w.WriteStartObject("availableProxyGroups");
        w.WriteNumber("AUTO", 10);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("effectivePlatformFeatures");
        foreach (var feature in new[] { "ACTORS", "STORAGE", "SCHEDULER", "PROXY", "PROXY_EXTERNAL_ACCESS", "PROXY_RESIDENTIAL",
                     "PROXY_SERPS", "WEBHOOKS", "ACTORS_PUBLIC_ALL", "ACTORS_PUBLIC_DEVELOPER" })
        {
            w.WriteStartObject(feature);
            w.WriteBoolean("isEnabled", true);
            w.WriteNull("disabledReason");
            w.WriteNull("disabledReasonType");
            w.WriteBoolean("isTrial", false);
            w.WriteNull("trialExpirationAt");
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteTime("createdAt", u.CreatedAt);
        w.WriteBoolean("isPaying", false);
        w.WriteEndObject();
    }
}
