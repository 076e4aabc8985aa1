using System.Text.Json;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// The Apify Store (<c>GET /v2/store</c>): every user's public Actors, filtered by <c>search</c> (name, title,
/// description, username), <c>category</c>, <c>username</c> and <c>pricingModel</c>, paged like every list. The local
/// server's Actors have no pricing of their own: all are <c>FREE</c>.
/// </summary>
public static class StoreRoutes
{
    private static readonly string[] PricingModels = { "FREE", "FLAT_PRICE_PER_MONTH", "PRICE_PER_DATASET_ITEM", "PAY_PER_EVENT" };
    private static readonly string[] ResponseFormats = { "full", "agent" };

    // Program.cs calls app.MapStoreRoutes(store).
    public static void MapStoreRoutes(this WebApplication app, EmulatorStore store)
    {
        var api = new ApiRoutes(app, store);

        // GET /v2/store?search=&category=&username=&pricingModel=&sortBy=&offset=&limit= (no token needed)
        api.Get("/v2/store", r =>
        {
            var paging = r.Paging();
            var q = r.Query;
            var search = q["search"].ToString();
            var category = q["category"].ToString();
            var username = q["username"].ToString();
            var pricing = q["pricingModel"].ToString();
            if (pricing.Length > 0 && !PricingModels.Contains(pricing, StringComparer.Ordinal))
                throw ApiError.InvalidParameter($"Parameter 'pricingModel' must be one of {string.Join(", ", PricingModels)}, got '{pricing}'.");
            var format = q["responseFormat"].ToString();
            if (format.Length > 0 && !ResponseFormats.Contains(format, StringComparer.Ordinal))
                throw ApiError.InvalidParameter($"Parameter 'responseFormat' must be one of {string.Join(", ", ResponseFormats)}, got '{format}'.");
            r.Flag("allowsAgenticUsers");
            r.Flag("includeUnrunnableActors");
            List<ActorRecord> page;
            int total;
            lock (store.Sync)
            {
                var all = store.ActorsById.Values
                    .Where(a => a.IsPublic)
                    .Where(a => search.Length == 0 || Contains(a.Name, search) || Contains(a.Title, search) || Contains(a.Description, search) ||
                                Contains(a.Owner.Username, search))
                    .Where(a => category.Length == 0 || a.Categories.Any(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase)))
                    .Where(a => username.Length == 0 || string.Equals(a.Owner.Username, username, StringComparison.Ordinal))
                    .Where(a => pricing.Length == 0 || pricing == "FREE")
                    .OrderBy(a => a.CreatedAt).ThenBy(a => a.Seq)
                    .ToList();
                if (paging.Desc) all.Reverse();
                total = all.Count;
                page = all.Skip(paging.Offset).Take(paging.Limit).ToList();
            }
            return r.List(total, paging, page, StoreActor);
        });
    }

    private static bool Contains(string? text, string part) => text != null && text.Contains(part, StringComparison.OrdinalIgnoreCase);

    /// <summary>StoreListActor: an entry of the Store's list.</summary>
    private static void StoreActor(Utf8JsonWriter w, ActorRecord a)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("title", a.Title ?? a.Name);
        w.WriteString("name", a.Name);
        w.WriteString("username", a.Owner.Username);
        w.WriteNull("userFullName");
        if (a.Description != null) w.WriteString("description", a.Description);
        else w.WriteNull("description");
        w.WriteStartArray("categories");
        foreach (var c in a.Categories) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteNull("pictureUrl");
        w.WriteNull("userPictureUrl");
        w.WriteString("url", $"https://apify.com/{a.Owner.Username}/{a.Name}");
        w.WriteStartObject("stats");
        w.WriteNumber("totalBuilds", a.Builds.Count);
        w.WriteNumber("totalRuns", a.Runs.Count);
        w.WriteNumber("totalUsers", 1);
        w.WriteNumber("totalUsers7Days", a.Runs.Count > 0 ? 1 : 0);
        w.WriteNumber("totalUsers30Days", a.Runs.Count > 0 ? 1 : 0);
        w.WriteNumber("totalUsers90Days", a.Runs.Count > 0 ? 1 : 0);
        w.WriteNumber("totalMetamorphs", 0);
        w.WriteEndObject();
        w.WriteStartObject("currentPricingInfo");
        w.WriteString("pricingModel", "FREE");
        w.WriteEndObject();
        w.WriteNumber("actorReviewCount", 0);
        w.WriteNumber("actorReviewRating", 0);
        w.WriteNumber("bookmarkCount", 0);
        w.WriteNull("badge");
        w.WriteEndObject();
    }
}
