using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>An Actor's versions (read): Start-ApifyBuild without -Version builds the highest one.</summary>
public static class VersionRoutes
{
    public static void MapVersionRoutes(this WebApplication app, EmulatorStore store)
    {
        // GET /v2/actors/{actorId}/versions: {"data": {"total", "items": [Version]}} (not paged).
        app.MapActorGet("/{actorId}/versions", async ctx =>
        {
            var user = await ctx.RequireUser();
            if (user == null) return;
            var actor = await BuildRoutes.FindOwnActor(ctx, store, user);
            if (actor == null) return;
            await ApiResponse.Data(ctx, w =>
            {
                lock (store.Sync)
                {
                    w.WriteStartObject();
                    w.WriteNumber("total", actor.Versions.Count);
                    w.WriteStartArray("items");
                    foreach (var v in actor.Versions)
                    {
                        w.WriteStartObject();
                        w.WriteString("versionNumber", v.VersionNumber);
                        w.WriteString("sourceType", v.SourceType);
                        w.WriteNull("envVars");
                        w.WriteBoolean("applyEnvVarsToBuild", false);
                        if (v.BuildTag != null) w.WriteString("buildTag", v.BuildTag);
                        else w.WriteNull("buildTag");
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
            });
        });
    }
}
