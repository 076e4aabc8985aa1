using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// <c>GET /v2/actor-builds/{buildId}/openapi.json</c> (and under <c>/v2/actors/{actorId}/builds</c>): the OpenAPI 3
/// document of an Actor build, a bare JSON object (no data envelope), as the spec answers it. The local server's
/// document describes the Actor's run endpoints; a build that did not succeed has none (404).
/// </summary>
public static class BuildOpenApiRoutes
{
    // Program.cs calls app.MapBuildOpenApiRoutes(store).
    public static void MapBuildOpenApiRoutes(this WebApplication app, EmulatorStore store)
    {
        var api = new ApiRoutes(app, store);
        api.Get("/v2/actor-builds/{buildId}/openapi.json", r => Document(r, actorScoped: false));
        api.ActorGet("/{actorId}/builds/{buildId}/openapi.json", r => Document(r, actorScoped: true));
    }

    private static Task Document(ApiRequest r, bool actorScoped)
    {
        var user = r.User();
        var actor = actorScoped ? r.VisibleActor() : null;
        var id = r.Route("buildId");
        var build = r.Found($"Actor build '{id}'", () =>
            r.Store.BuildsById.GetValueOrDefault(id) is { } b && (actor == null || b.Actor == actor) && (b.Actor.Owner == user || b.Actor.IsPublic) ? b : null);
        string status, name, version;
        lock (r.Store.Sync) (status, name, version) = (build.Status, build.Actor.FullName, build.BuildNumber);
        if (status != JobStatuses.Succeeded) throw ApiError.NotFound($"The OpenAPI document of build '{id}' (it is {status})");
        return ApiResponse.WriteJson(r.Http, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("openapi", "3.0.1");
            w.WriteStartObject("info");
            w.WriteString("title", name);
            w.WriteString("version", version);
            w.WriteEndObject();
            w.WriteStartArray("servers");
            w.WriteStartObject();
            w.WriteString("url", "https://api.apify.com/v2");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("paths");
            foreach (var path in new[] { "run-sync-get-dataset-items", "runs", "run-sync" })
            {
                w.WriteStartObject($"/acts/{name}/{path}");
                w.WriteStartObject("post");
                w.WriteString("operationId", path.Replace("-", "_"));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
