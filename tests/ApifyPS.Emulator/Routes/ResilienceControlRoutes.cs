using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// The control API for resilience tests, under /__emulator next to the rest of it (a contract: extend, do not
/// change): fault injection, the rate limit, and the count of jobs started.
/// </summary>
public static class ResilienceControlRoutes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapResilienceControlRoutes(this WebApplication app, EmulatorStore store, FaultRegistry faults, RateLimiter rateLimiter)
    {
        // POST /__emulator/faults {"method","path","count","action",...} -> 201 the fault (with its id, remaining, hits)
        app.MapPost("/__emulator/faults", async ctx =>
        {
            FaultRegistry.FaultSpec? spec;
            try
            {
                spec = await JsonSerializer.DeserializeAsync<FaultRegistry.FaultSpec>(ctx.Request.Body, Json);
            }
            catch (JsonException ex)
            {
                await ApiResponse.Error(ctx, 400, "invalid-input", ex.Message);
                return;
            }
            if (spec == null) { await ApiResponse.Error(ctx, 400, "invalid-input", "Expected a fault object."); return; }
            var fault = faults.Add(spec, out var error);
            if (fault == null) { await ApiResponse.Error(ctx, 400, "invalid-input", error!); return; }
            await ApiResponse.WriteJson(ctx, 201, w => JsonSerializer.Serialize(w, fault.ToJson(), Json));
        });

        // GET /__emulator/faults -> every fault added since the last DELETE, with remaining and hits.
        app.MapGet("/__emulator/faults", async ctx =>
            await ApiResponse.WriteJson(ctx, 200, w => JsonSerializer.Serialize(w, faults.Snapshot(), Json)));

        app.MapDelete("/__emulator/faults", ctx =>
        {
            faults.Clear();
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        // PUT /__emulator/rate-limit {"limit":60,"startLimit":400,"scope":"resource"|"token","retryAfter":null}
        app.MapPut("/__emulator/rate-limit", async ctx =>
        {
            RateLimiter.Settings? settings;
            try
            {
                settings = await JsonSerializer.DeserializeAsync<RateLimiter.Settings>(ctx.Request.Body, Json);
            }
            catch (JsonException ex)
            {
                await ApiResponse.Error(ctx, 400, "invalid-input", ex.Message);
                return;
            }
            var error = rateLimiter.Configure(settings ?? new RateLimiter.Settings());
            if (error != null) { await ApiResponse.Error(ctx, 400, "invalid-input", error); return; }
            await ApiResponse.WriteJson(ctx, 200, w => JsonSerializer.Serialize(w, rateLimiter.ToJson(), Json));
        });

        // GET /__emulator/rate-limit -> the settings and the counts: allowed, limited (429s answered).
        app.MapGet("/__emulator/rate-limit", async ctx =>
            await ApiResponse.WriteJson(ctx, 200, w => JsonSerializer.Serialize(w, rateLimiter.ToJson(), Json)));

        app.MapDelete("/__emulator/rate-limit", ctx =>
        {
            rateLimiter.Configure(null);
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        // GET /__emulator/jobs-started -> {"builds","runs","metamorphs","total"}: work started through the API's start
        // endpoints (not seeded).
        app.MapGet("/__emulator/jobs-started", async ctx =>
        {
            var (builds, runs, metamorphs) = store.JobsStarted;
            await ApiResponse.WriteJson(ctx, 200, w =>
                JsonSerializer.Serialize(w, new { builds, runs, metamorphs, total = builds + runs + metamorphs }, Json));
        });
    }
}
