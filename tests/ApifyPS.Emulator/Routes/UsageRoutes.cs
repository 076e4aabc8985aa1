using System.Globalization;
using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;
using static ApifyPS.Emulator.Http.RequestBody;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// The account's usage and limits, from the OpenAPI document's Users/Usage group: <c>GET /v2/users/me/usage/monthly</c>
/// (MonthlyUsage of the cycle holding <c>date</c>, YYYY-MM-DD, today by default; 400 invalid-parameter otherwise),
/// <c>GET /v2/users/me/limits</c> (AccountLimits: the cycle, the limits, current usage) and
/// <c>PUT /v2/users/me/limits</c> (UpdateLimitsRequest: maxMonthlyUsageUsd, dataRetentionDays; 201 with an empty object).
/// </summary>
public static class UsageRoutes
{
    public static void MapUsageRoutes(this WebApplication app, EmulatorStore store, AccountState account)
    {
        var api = new ApiRoutes(app, store);

        api.Get("/v2/users/me/usage/monthly", r =>
        {
            var user = r.User();
            var date = Clock.UtcNow();
            if (r.Query.TryGetValue("date", out var text) &&
                !DateTime.TryParseExact(text.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date))
                throw ApiError.InvalidParameter($"Parameter 'date' must be a date in the YYYY-MM-DD format, got '{text}'.");
            return r.Data(w => Usage(w, MonthlyUsage.Of(store, user, DateTime.SpecifyKind(date, DateTimeKind.Utc))));
        });

        api.Get("/v2/users/me/limits", r =>
        {
            var user = r.User();
            return r.Data(w => Limits(w, store, user, account.LimitsOf(user)));
        });

        api.Put("/v2/users/me/limits", async r =>
        {
            var user = r.User();
            var body = await r.Body();
            double? maxUsd = null;
            if (body.TryGetProperty("maxMonthlyUsageUsd", out var m))
            {
                Require(m.ValueKind == JsonValueKind.Number && m.GetDouble() >= 0, "Field 'maxMonthlyUsageUsd' must be a number of at least 0.");
                maxUsd = m.GetDouble();
            }
            body.TryInt("dataRetentionDays", out var days, min: 1);
            lock (store.Sync)
            {
                var limits = account.LimitsOf(user);
                if (maxUsd is double usd) limits.MaxMonthlyUsageUsd = usd;
                if (days is long d) limits.DataRetentionDays = d;
            }
            await ApiResponse.WriteJson(r.Http, 201, w => { w.WriteStartObject(); w.WriteEndObject(); });
        });
    }

    private static void Usage(Utf8JsonWriter w, MonthlyUsage usage)
    {
        w.WriteStartObject();
        Cycle(w, "usageCycle", usage.CycleStart, usage.CycleEnd);
        w.WriteStartObject("monthlyServiceUsage");
        foreach (var (service, quantity, usd) in usage.Services) Item(w, service, quantity, usd);
        w.WriteEndObject();
        w.WriteStartArray("dailyServiceUsages");
        foreach (var (day, services) in usage.Days)
        {
            w.WriteStartObject();
            w.WriteTime("date", day);
            w.WriteStartObject("serviceUsage");
            foreach (var (service, (quantity, usd)) in services) Item(w, service, quantity, usd);
            w.WriteEndObject();
            w.WriteNumber("totalUsageCreditsUsd", services.Values.Sum(v => v.Usd));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("totalUsageCreditsUsdBeforeVolumeDiscount", usage.TotalUsd);
        w.WriteNumber("totalUsageCreditsUsdAfterVolumeDiscount", usage.TotalUsd);
        w.WriteEndObject();
    }

    private static void Item(Utf8JsonWriter w, string service, double quantity, double usd)
    {
        w.WriteStartObject(service);
        w.WriteNumber("quantity", quantity);
        w.WriteNumber("baseAmountUsd", usd);
        w.WriteNumber("baseUnitPriceUsd", MonthlyUsage.UsdPerComputeUnit);
        w.WriteNumber("amountAfterVolumeDiscountUsd", usd);
        w.WriteStartArray("priceTiers");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Cycle(Utf8JsonWriter w, string name, DateTime start, DateTime end)
    {
        w.WriteStartObject(name);
        w.WriteTime("startAt", start);
        w.WriteTime("endAt", end);
        w.WriteEndObject();
    }

    private static void Limits(Utf8JsonWriter w, EmulatorStore store, UserRecord user, UserLimits limits)
    {
        var usage = MonthlyUsage.Of(store, user, Clock.UtcNow());
        var active = store.RunsByUser[user.Id].All.Where(j => !j.IsTerminal).Cast<JobRecord>()
            .Concat(store.BuildsByUser[user.Id].All.Where(j => !j.IsTerminal)).ToList();
        w.WriteStartObject();
        Cycle(w, "monthlyUsageCycle", usage.CycleStart, usage.CycleEnd);
        w.WriteStartObject("limits");
        w.WriteNumber("maxMonthlyUsageUsd", limits.MaxMonthlyUsageUsd);
        w.WriteNumber("maxMonthlyActorComputeUnits", limits.MaxMonthlyUsageUsd / MonthlyUsage.UsdPerComputeUnit);
        w.WriteNumber("maxMonthlyExternalDataTransferGbytes", 7);
        w.WriteNumber("maxMonthlyProxySerps", 50);
        w.WriteNumber("maxMonthlyResidentialProxyGbytes", 0.5);
        w.WriteNumber("maxActorMemoryGbytes", 8);
        w.WriteNumber("maxActorCount", 100);
        w.WriteNumber("maxActorTaskCount", 1000);
        w.WriteNumber("maxConcurrentActorJobs", 25);
        w.WriteNumber("maxTeamAccountSeatCount", 0);
        w.WriteNumber("dataRetentionDays", limits.DataRetentionDays);
        w.WriteNumber("maxScheduleCount", 100);
        w.WriteEndObject();
        w.WriteStartObject("current");
        w.WriteNumber("monthlyUsageUsd", usage.TotalUsd);
        w.WriteNumber("monthlyActorComputeUnits", usage.TotalUsd / MonthlyUsage.UsdPerComputeUnit);
        w.WriteNumber("monthlyExternalDataTransferGbytes", 0);
        w.WriteNumber("monthlyProxySerps", 0);
        w.WriteNumber("monthlyResidentialProxyGbytes", 0);
        w.WriteNumber("actorMemoryGbytes", active.OfType<RunRecord>().Sum(run => run.MemoryMbytes) / 1024.0);
        w.WriteNumber("actorCount", store.ActorsOf(user).Count);
        w.WriteNumber("actorTaskCount", 0);
        w.WriteNumber("activeActorJobCount", active.Count);
        w.WriteNumber("teamAccountSeatCount", 0);
        w.WriteNumber("scheduleCount", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
