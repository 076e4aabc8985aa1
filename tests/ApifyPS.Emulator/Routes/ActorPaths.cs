namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Actor endpoints answer under /v2/actors and under the deprecated /v2/acts, which the real API still routes to
/// the same handler.
/// </summary>
public static class ActorPaths
{
    public static readonly string[] Prefixes = { "/v2/actors", "/v2/acts" };

    public static void MapActorGet(this WebApplication app, string suffix, RequestDelegate handler)
    {
        foreach (var p in Prefixes) app.MapGet(p + suffix, handler);
    }

    public static void MapActorPost(this WebApplication app, string suffix, RequestDelegate handler)
    {
        foreach (var p in Prefixes) app.MapPost(p + suffix, handler);
    }

    public static void MapActorPut(this WebApplication app, string suffix, RequestDelegate handler)
    {
        foreach (var p in Prefixes) app.MapPut(p + suffix, handler);
    }

    public static void MapActorDelete(this WebApplication app, string suffix, RequestDelegate handler)
    {
        foreach (var p in Prefixes) app.MapDelete(p + suffix, handler);
    }
}
