using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// The test-control API under /__emulator: a contract tests and benchmarks rely on. Extend it; do not change what
/// is there.
/// </summary>
public static class ControlRoutes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapControlRoutes(this WebApplication app, EmulatorStore store, RequestLog log)
    {
        var seeder = new Seeder(store);

        // POST /__emulator/seed {"actor": name, "builds": N, "runs": M [, "buildStatuses": [...], "runStatuses": [...]]
        //   [, "versions": [...], and how the Actor's new jobs behave: "startDelayMs", "buildDurationMs", "runDurationMs",
        //   "buildOutcome", "runOutcome", "abortDurationMs", "gracefulAbortDurationMs", "output", "outputContentType",
        //   "noOutput"] [, "webhooks": K] [, "generatedBuilds": N, "generatedDelayMs": ms, "generatedDelayFromOffset": offset]}
        //   (see Seeder)
        app.MapPost("/__emulator/seed", async ctx =>
        {
            Seeder.SeedRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<Seeder.SeedRequest>(ctx.Request.Body, Json);
            }
            catch (JsonException ex)
            {
                await ApiResponse.Error(ctx, 400, "invalid-input", ex.Message);
                return;
            }
            if (request == null || string.IsNullOrWhiteSpace(request.Actor) || request.Builds < 0 || request.Runs < 0 || request.Webhooks < 0)
            {
                await ApiResponse.Error(ctx, 400, "invalid-input", "Expected {\"actor\": name, \"builds\": N, \"runs\": M} with N, M >= 0.");
                return;
            }
            var badStatus = (request.BuildStatuses ?? []).Concat(request.RunStatuses ?? []).FirstOrDefault(st => !Seeder.TerminalStatuses.Contains(st));
            if (badStatus != null)
            {
                await ApiResponse.Error(ctx, 400, "invalid-input", $"Seeded jobs are finished: status '{badStatus}' is not one of {string.Join(", ", Seeder.TerminalStatuses)}.");
                return;
            }
            if (request.Problem() is string problem)
            {
                await ApiResponse.Error(ctx, 400, "invalid-input", problem);
                return;
            }
            if (seeder.Refuse(request) is string refused)
            {
                await ApiResponse.Error(ctx, 400, "invalid-input", refused);
                return;
            }
            var result = seeder.Seed(request);
            await ApiResponse.WriteJson(ctx, 200, w => JsonSerializer.Serialize(w, result, Json));
        });

        // GET /__emulator/requests: [{"method","path","query","auth","body","rawPath"}], oldest first; secrets redacted (RequestLog);
        // rawPath: the path as the request line carried it, escapes and all, without the query.
        app.MapGet("/__emulator/requests", async ctx =>
            await ApiResponse.WriteJson(ctx, 200, w => JsonSerializer.Serialize(w, log.Snapshot(), Json)));

        // GET /__emulator/requests/active: the /v2 requests being answered right now (same shape), oldest first.
        // A request the client gave up on leaves this list when the server notices the connection closed.
        app.MapGet("/__emulator/requests/active", async ctx =>
            await ApiResponse.WriteJson(ctx, 200, w => JsonSerializer.Serialize(w, log.Active(), Json)));

        // POST /__emulator/env-vars/check {"actor": id or username~name, "version", "name", "value"} -> {"matches": bool}:
        // whether the Actor version's environment variable holds that value. The request log redacts secrets, so this
        // is how a test proves a secret arrived intact. 404 when there is no such Actor, version or variable.
        app.MapPost("/__emulator/env-vars/check", ctx => RequestBody.Handle(ctx, async () =>
        {
            var body = await RequestBody.ReadObject(ctx);
            string? Field(string name)
            {
                body.TryString(name, out var value, nullable: false);
                RequestBody.Require(value != null, $"Field '{name}' is required: {{\"actor\", \"version\", \"name\", \"value\"}}.");
                return value;
            }
            var (actorId, versionNumber, name, value) = (Field("actor")!, Field("version")!, Field("name")!, Field("value")!);
            EnvVarRecord? envVar;
            lock (store.Sync)
                envVar = store.FindActor(actorId)?.Versions.FirstOrDefault(v => v.VersionNumber == versionNumber)?
                    .EnvVars.FirstOrDefault(e => e.Name == name);
            if (envVar == null)
            {
                await ApiResponse.NotFound(ctx, $"Environment variable '{name}' of version {versionNumber} of Actor '{actorId}'");
                return;
            }
            await ApiResponse.WriteJson(ctx, 200, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("matches", string.Equals(envVar.Value, value, StringComparison.Ordinal));
                w.WriteEndObject();
            });
        }));

        app.MapDelete("/__emulator/requests", ctx =>
        {
            log.Clear();
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
    }
}
