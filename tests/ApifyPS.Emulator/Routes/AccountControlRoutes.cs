using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Control routes for account and alerting tests (part of the /__emulator contract):
/// <c>POST /__emulator/past-runs</c> <c>{"actor": name, "runs": [{"startedAt", "usageTotalUsd", "status", "origin",
/// "durationSecs", "memoryMbytes"}]}</c> adds finished runs at any time (past months' usage, cost roll-ups by day and
/// origin) to the main user's Actor (seeded first) and answers <c>{"runs": [ids]}</c>;
/// <c>GET /__emulator/webhook-dispatches</c> lists every dispatch with the payload it sent.
/// </summary>
public static class AccountControlRoutes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record PastRun(DateTime StartedAt, double UsageTotalUsd = 0.01, string? Status = null, string? Origin = null,
        double DurationSecs = 1, int MemoryMbytes = 1024);

    public sealed record PastRunsRequest(string Actor, PastRun[] Runs);

    public static void MapAccountControlRoutes(this WebApplication app, EmulatorStore store, AccountState account)
    {
        app.MapPost("/__emulator/past-runs", async ctx =>
        {
            PastRunsRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<PastRunsRequest>(ctx.Request.Body, Json);
            }
            catch (JsonException ex)
            {
                await ApiResponse.Error(ctx, 400, "invalid-input", ex.Message);
                return;
            }
            if (request?.Runs == null || string.IsNullOrWhiteSpace(request.Actor))
            {
                await ApiResponse.Error(ctx, 400, "invalid-input", "Expected {\"actor\": name, \"runs\": [{\"startedAt\": time, ...}]}.");
                return;
            }
            var ids = new List<string>();
            lock (store.Sync)
            {
                var actor = store.FindActor(store.MainUser.Username + "~" + request.Actor) ?? store.FindActor(request.Actor);
                if (actor == null)
                {
                    ids = null;
                }
                else
                {
                    foreach (var p in request.Runs.OrderBy(p => p.StartedAt))
                    {
                        var started = p.StartedAt.ToUniversalTime();
                        var status = p.Status ?? JobStatuses.Succeeded;
                        var run = new RunRecord
                        {
                            Id = Ids.New(), Actor = actor, CurrentActor = actor, StartedAt = started, FinishedAt = started.AddSeconds(p.DurationSecs),
                            Status = status, Seq = store.NextSeq(), UsageTotalUsd = p.UsageTotalUsd, Origin = p.Origin ?? "API",
                            MemoryMbytes = p.MemoryMbytes, ExitCode = status == JobStatuses.Succeeded ? 0 : 1, StatusMessage = "Finished",
                        };
                        run.Terminal.TrySetResult();
                        store.AddRuns(new[] { run });
                        ids.Add(run.Id);
                    }
                }
            }
            if (ids == null)
            {
                await ApiResponse.Error(ctx, 404, "record-not-found", $"Actor '{request.Actor}' was not found: seed it first.");
                return;
            }
            await ApiResponse.WriteJson(ctx, 200, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("runs");
                foreach (var id in ids) w.WriteStringValue(id);
                w.WriteEndArray();
                w.WriteEndObject();
            });
        });

        app.MapGet("/__emulator/webhook-dispatches", ctx => ApiResponse.WriteJson(ctx, 200, w =>
        {
            lock (store.Sync)
            {
                w.WriteStartArray();
                foreach (var d in account.Dispatches)
                {
                    w.WriteStartObject();
                    w.WriteString("id", d.Id);
                    w.WriteString("webhookId", d.Webhook.Id);
                    w.WriteString("eventType", d.EventType);
                    w.WriteString("status", d.Status);
                    w.WriteString("payload", d.Payload);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
        }));
    }
}
