namespace ApifyPS.Emulator.Http;

/// <summary>
/// An answer in the spec's error envelope (components/schemas/ErrorResponse: <c>{"error":{"type","message"}}</c>)
/// thrown by a route step; <see cref="RequestBody.Handle"/> writes it when nothing has been sent yet. The statics are
/// the spec's components/responses the routes share, with this server's messages.
/// </summary>
public class ApiError(int status, string type, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Type { get; } = type;

    /// <summary>401 (Unauthorized) without a token; a wrong token never gets this far (ApiAuth answers invalid-token).</summary>
    public static ApiError TokenNotProvided() => new(401, "token-not-provided", "Authentication token was not provided.");

    /// <summary>403 (Forbidden).</summary>
    public static ApiError InsufficientPermissions(string message) => new(403, "insufficient-permissions", message);

    /// <summary>404 (NotFound): "<paramref name="what"/> was not found".</summary>
    public static ApiError NotFound(string what) => new(404, "record-not-found", $"{what} was not found");

    /// <summary>400 (BadRequest) for a query parameter; a body that does not fit is <see cref="RequestBody.InvalidInput"/>.</summary>
    public static ApiError InvalidParameter(string message) => new(400, "invalid-parameter", message);
}
