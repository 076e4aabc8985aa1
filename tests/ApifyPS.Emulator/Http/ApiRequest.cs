using System.Text.Json;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// One API request as a route sees it: the steps most routes begin with, each answering the spec's error when it
/// fails (it throws an <see cref="ApiError"/>; <see cref="ApiRoutes"/> writes it), and the spec's success answers.
/// Written from the OpenAPI document: the <c>actorId</c> path parameter (an id or <c>username~name</c>), the list
/// parameters <c>offset</c> / <c>limit</c> (default and maximum 1000) / <c>desc</c>, the error envelope and the
/// <c>{"data": ...}</c> one. Steps run in the order the route calls them, which decides which error a request with
/// several faults gets.
/// </summary>
public sealed class ApiRequest(HttpContext http, EmulatorStore store)
{
    private UserRecord? _user;

    public HttpContext Http { get; } = http;
    public EmulatorStore Store { get; } = store;
    public IQueryCollection Query => Http.Request.Query;

    /// <summary>A path parameter of the route (<c>{runId}</c>: <c>Route("runId")</c>).</summary>
    public string Route(string name) => (string)Http.Request.RouteValues[name]!;

    /// <summary>The token's user; 401 <c>token-not-provided</c> without a token (a wrong one was refused by ApiAuth).</summary>
    public UserRecord User() => _user ??= Http.User() ?? throw ApiError.TokenNotProvided();

    /// <summary>
    /// The Actor of the route's <c>{actorId}</c> that the user may read: their own or a public one; 404 otherwise.
    /// Authenticates first.
    /// </summary>
    public ActorRecord VisibleActor()
    {
        var user = User();
        var idOrName = Route("actorId");
        ActorRecord? actor;
        lock (Store.Sync) actor = Store.FindActor(idOrName);
        if (actor == null || (actor.Owner != user && !actor.IsPublic)) throw ApiError.NotFound($"Actor '{idOrName}'");
        return actor;
    }

    /// <summary>
    /// The Actor of the route's <c>{actorId}</c> if the user owns it. Someone else's public Actor is 403 (it can be
    /// read, not changed); anything else the user cannot see is 404. Authenticates first.
    /// </summary>
    public ActorRecord OwnActor()
    {
        var user = User();
        var idOrName = Route("actorId");
        ActorRecord? actor;
        lock (Store.Sync) actor = Store.FindActor(idOrName);
        if (actor != null && actor.Owner == user) return actor;
        if (actor != null && actor.IsPublic)
            throw ApiError.InsufficientPermissions($"You do not have permission to change Actor '{idOrName}'.");
        throw ApiError.NotFound($"Actor '{idOrName}'");
    }

    /// <summary>
    /// A record of the user's, looked up under the store's lock (<paramref name="find"/> returns null when there is
    /// none); 404 "<paramref name="what"/> was not found" when there is none or it is someone else's. Authenticates first.
    /// </summary>
    public T Own<T>(string what, Func<T?> find, Func<T, UserRecord> ownerOf) where T : class
    {
        var user = User();
        T? found;
        lock (Store.Sync) found = find();
        return found != null && ownerOf(found) == user ? found : throw ApiError.NotFound(what);
    }

    /// <summary>A record looked up under the store's lock; 404 "<paramref name="what"/> was not found" when null. No auth.</summary>
    public T Found<T>(string what, Func<T?> find) where T : class
    {
        T? found;
        lock (Store.Sync) found = find();
        return found ?? throw ApiError.NotFound(what);
    }

    /// <summary><c>offset</c>, <c>limit</c>, <c>desc</c> of a list (as the Paging type reads them); 400 <c>invalid-parameter</c>.</summary>
    public Paging Paging() => global::ApifyPS.Emulator.Http.Paging.Parse(Query, out var error) ?? throw ApiError.InvalidParameter(error!);

    /// <summary>A boolean query flag (true/1, false/0; absent is false); 400 with <paramref name="errorType"/>.</summary>
    public bool Flag(string name, string errorType = "invalid-parameter") =>
        Flags.TryParse(Query, name, out var value, out var error) ? value : throw new ApiError(400, errorType, error!);

    /// <summary>A numeric query value of at least <paramref name="min"/> (null when absent); 400 with <paramref name="errorType"/>.</summary>
    public double? Number(string name, double min, string errorType = "invalid-parameter") =>
        JobQuery.TryNumber(Query, name, min, out var value, out var error) ? value : throw new ApiError(400, errorType, error!);

    /// <summary><c>waitForFinish</c> in seconds (0 when absent); 400 with <paramref name="errorType"/>.</summary>
    public double WaitForFinish(string errorType = "invalid-parameter") =>
        JobQuery.TryWaitForFinish(Query, out var seconds, out var error) ? seconds : throw new ApiError(400, errorType, error!);

    /// <summary>The runs lists' <c>status</c> / <c>startedAfter</c> / <c>startedBefore</c>; 400 <c>invalid-parameter</c>.</summary>
    public JobQuery.Filter JobFilter() => JobQuery.ParseFilter(Query, out var error) ?? throw ApiError.InvalidParameter(error!);

    /// <summary>The body as a JSON object; 400 <c>invalid-input</c> when it is not one sent as application/json.</summary>
    public Task<JsonElement> Body() => RequestBody.ReadObject(Http);

    /// <summary><c>{"data": ...}</c>, written under the store's lock.</summary>
    public Task Data(Action<Utf8JsonWriter> write, int status = 200) => ApiResponse.Data(Http, w => { lock (Store.Sync) write(w); }, status);

    /// <summary><c>{"data":{"total","offset","limit","count","desc","items"}}</c>, each item written under the store's lock.</summary>
    public Task List<T>(long total, Paging paging, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write) =>
        ApiResponse.List(Http, total, paging, items, (w, item) => { lock (Store.Sync) write(w, item); });

    /// <summary><c>{"data":{"total","items"}}</c>: a list the spec does not page (an Actor's versions, a version's variables).</summary>
    public Task Items<T>(IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write) => Data(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("total", items.Count);
        w.WriteStartArray("items");
        foreach (var item in items) write(w, item);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>201 with the Location of what was created (<paramref name="path"/> made absolute) and it as <c>data</c>.</summary>
    public Task Created(string path, Action<Utf8JsonWriter> write)
    {
        Http.Response.Headers.Location = $"{Http.Request.Scheme}://{Http.Request.Host}{path}";
        return Data(write, 201);
    }

    /// <summary>204, no body.</summary>
    public void NoContent() => Http.Response.StatusCode = 204;
}
