using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// Maps API routes whose handlers get a <see cref="ApiRequest"/>; an <see cref="ApiError"/> a handler throws
/// becomes the spec's error answer. Actor routes (<c>ActorGet("/{actorId}/builds", ...)</c>) answer under
/// <c>/v2/actors</c> and under the deprecated <c>/v2/acts</c>, which the real API still routes to the same handler.
/// </summary>
public sealed class ApiRoutes(WebApplication app, EmulatorStore store)
{
    public static readonly string[] ActorPrefixes = { "/v2/actors", "/v2/acts" };

    public void Get(string path, Func<ApiRequest, Task> handler) => app.MapGet(path, Handler(handler));
    public void Post(string path, Func<ApiRequest, Task> handler) => app.MapPost(path, Handler(handler));
    public void Put(string path, Func<ApiRequest, Task> handler) => app.MapPut(path, Handler(handler));
    public void Delete(string path, Func<ApiRequest, Task> handler) => app.MapDelete(path, Handler(handler));

    public void ActorGet(string suffix, Func<ApiRequest, Task> handler) { foreach (var p in ActorPrefixes) Get(p + suffix, handler); }
    public void ActorPost(string suffix, Func<ApiRequest, Task> handler) { foreach (var p in ActorPrefixes) Post(p + suffix, handler); }
    public void ActorPut(string suffix, Func<ApiRequest, Task> handler) { foreach (var p in ActorPrefixes) Put(p + suffix, handler); }
    public void ActorDelete(string suffix, Func<ApiRequest, Task> handler) { foreach (var p in ActorPrefixes) Delete(p + suffix, handler); }

    private RequestDelegate Handler(Func<ApiRequest, Task> handler) =>
        ctx => RequestBody.Handle(ctx, () => handler(new ApiRequest(ctx, store)));
}
