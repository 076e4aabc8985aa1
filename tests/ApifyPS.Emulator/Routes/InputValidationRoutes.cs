using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// <c>POST /v2/actors/{actorId}/validate-input?build=</c>: 200 <c>{"valid": true}</c> (not in a data envelope, as the
/// OpenAPI document answers it) when the input fits the build's input schema, else 400 <c>invalid-input</c>; and its
/// control route, <c>PUT /__emulator/input-schema</c> <c>{"actor", "schema"}</c> (schema null: none).
/// </summary>
public static class InputValidationRoutes
{
    // Program.cs calls app.MapInputValidationRoutes(store, new InputSchemas()).
    public static void MapInputValidationRoutes(this WebApplication app, EmulatorStore store, InputSchemas schemas)
    {
        var api = new ApiRoutes(app, store);

        api.ActorPost("/{actorId}/validate-input", async r =>
        {
            var actor = r.VisibleActor();
            var build = r.Query["build"].ToString();
            if (build.Length > 0)
            {
                BuildRecord? found;
                lock (store.Sync) found = store.FindBuildForRun(actor, build);
                if (found == null) throw ApiError.NotFound($"Build '{build}' of Actor '{actor.FullName}'");
            }
            var input = await r.Body();
            if (schemas.Of(actor.Id) is JsonElement schema && InputSchemas.Problem(schema, input) is string problem)
                throw new RequestBody.InvalidInput(problem);
            await ApiResponse.WriteJson(r.Http, 200, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("valid", true);
                w.WriteEndObject();
            });
        });

        app.MapPut("/__emulator/input-schema", async ctx =>
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            var root = doc.RootElement;
            var name = root.TryGetProperty("actor", out var a) ? a.GetString() : null;
            ActorRecord? actor;
            lock (store.Sync) actor = name == null ? null : store.FindActor(name) ?? store.FindActor(store.MainUser.Username + "~" + name);
            if (actor == null)
            {
                await ApiResponse.Error(ctx, 404, "record-not-found", $"Actor '{name}' was not found");
                return;
            }
            schemas.Set(actor.Id, root.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.Object ? s : null);
            ctx.Response.StatusCode = 204;
        });
    }
}
