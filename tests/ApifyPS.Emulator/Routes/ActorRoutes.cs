using System.Text.Json;
using System.Text.RegularExpressions;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;
using static ApifyPS.Emulator.Http.RequestBody;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Actors: the user's list, create, get, update (only the fields given), delete (with its builds, runs, versions and
/// webhooks). Written from the OpenAPI document: CreateActorRequest / UpdateActorRequest in, Actor / ActorShort out,
/// 201 + Location on create, 204 on delete, 400 invalid-input for a body that does not fit, 400 actor-name-not-unique
/// for a name the user already has (the spec lists no 409 for these endpoints), 404 record-not-found.
/// </summary>
public static class ActorRoutes
{
    /// <summary>The spec's rule for names: lowercase letters, numbers and hyphens.</summary>
    public static readonly Regex ActorName = new("^[a-z0-9-]+$", RegexOptions.CultureInvariant);

    public static void MapActorRoutes(this WebApplication app, EmulatorStore store)
    {
        var api = new ApiRoutes(app, store);

        // GET /v2/actors?my&offset&limit&desc&sortBy
        api.ActorGet("", async r =>
        {
            var user = r.User();
            var paging = r.Paging();
            r.Flag("my");
            var sortBy = r.Query["sortBy"].ToString();
            if (sortBy is not ("" or "createdAt" or "stats.lastRunStartedAt"))
                throw ApiError.InvalidParameter($"Parameter 'sortBy' must be createdAt or stats.lastRunStartedAt, got '{sortBy}'.");
            List<ActorRecord> page;
            int total;
            lock (store.Sync)
            {
                // "Actors that the user created or used": in this server a user only ever runs their own Actors, so
                // both lists are the user's Actors.
                var all = store.ActorsOf(user);
                if (sortBy == "stats.lastRunStartedAt")
                    all = all.OrderBy(a => ActorJson.LastRunStartedAt(a) ?? DateTime.MinValue).ThenBy(a => a.CreatedAt).ThenBy(a => a.Seq).ToList();
                total = all.Count;
                page = paging.Slice(all);
            }
            await r.List(total, paging, page, ActorJson.ActorShort);
        });

        // POST /v2/actors: CreateActorRequest -> 201 Actor + Location.
        api.ActorPost("", async r =>
        {
            var user = r.User();
            var patch = ActorPatch.Parse(await r.Body(), creating: true);
            ActorRecord actor;
            lock (store.Sync)
            {
                if (store.NameTaken(user, patch.Name!))
                    throw new InvalidInput($"You already have an Actor named '{patch.Name}'.", "actor-name-not-unique");
                patch.Check(null);
                actor = store.AddActor(user, patch.Name!, patch.Versions ?? new List<VersionRecord>());
                patch.ApplyTo(actor, store);
            }
            await r.Created($"/v2/actors/{actor.Id}", w => ActorJson.Actor(w, actor));
        });

        // GET /v2/actors/{actorId}
        api.ActorGet("/{actorId}", r =>
        {
            var actor = r.VisibleActor();
            return r.Data(w => ActorJson.Actor(w, actor));
        });

        // PUT /v2/actors/{actorId}: UpdateActorRequest; only the fields given change.
        api.ActorPut("/{actorId}", async r =>
        {
            var user = r.User();
            var actor = r.OwnActor();
            var patch = ActorPatch.Parse(await r.Body(), creating: false);
            lock (store.Sync)
            {
                if (!store.ActorsById.ContainsKey(actor.Id)) throw new InvalidInput($"Actor '{actor.Id}' was not found", "record-not-found", 404);
                if (patch.Name != null && store.NameTaken(user, patch.Name, except: actor))
                    throw new InvalidInput($"You already have an Actor named '{patch.Name}'.", "actor-name-not-unique");
                patch.Check(actor);
                patch.ApplyTo(actor, store);
            }
            await r.Data(w => ActorJson.Actor(w, actor));
        });

        // DELETE /v2/actors/{actorId} -> 204; its builds, runs, versions and webhooks go with it.
        api.ActorDelete("/{actorId}", r =>
        {
            var actor = r.OwnActor();
            lock (store.Sync) store.RemoveActor(actor);
            r.NoContent();
            return Task.CompletedTask;
        });

        // GET /v2/actors/{actorId}/webhooks: the webhooks whose condition is this Actor (WebhookShort, paged).
        api.ActorGet("/{actorId}/webhooks", r =>
        {
            var actor = r.OwnActor();
            var paging = r.Paging();
            List<WebhookRecord> page;
            int total;
            lock (store.Sync)
            {
                var all = actor.Webhooks.OrderBy(h => h.CreatedAt).ThenBy(h => h.Seq).ToList();
                total = all.Count;
                page = paging.Slice(all);
            }
            return r.List(total, paging, page, ActorJson.WebhookShort);
        });

    }

    /// <summary>The fields of a create or update body, read and checked before anything changes.</summary>
    private sealed class ActorPatch
    {
        private readonly Dictionary<string, string?> _strings = new();
        public string? Name { get; private set; }
        public bool? IsPublic { get; private set; }
        public List<string>? Categories { get; private set; }
        public bool CategoriesGiven { get; private set; }
        public List<VersionRecord>? Versions { get; private set; }
        public JsonElement? RunOptions { get; private set; }
        public List<(string Tag, string? BuildId)>? Tags { get; private set; }

        public static ActorPatch Parse(JsonElement body, bool creating)
        {
            var p = new ActorPatch();
            if (body.TryString("name", out var name, nullable: creating) || creating)
            {
                Require(!string.IsNullOrEmpty(name), "Field 'name' is required: the Actor's name (lowercase letters, numbers and hyphens).");
                Require(ActorName.IsMatch(name!), $"Field 'name' must contain only lowercase letters, numbers and hyphens, got '{name}'.");
                p.Name = name;
            }
            foreach (var field in new[] { "title", "description", "seoTitle", "seoDescription" })
                if (body.TryString(field, out var value)) p._strings[field] = value;
            if (body.TryBool("isPublic", out var isPublic)) p.IsPublic = isPublic;
            if (body.TryArray("categories", out var categories))
            {
                p.CategoriesGiven = true;
                p.Categories = categories?.Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new InvalidInput("Field 'categories' must be an array of strings.")).ToList();
            }
            if (body.TryArray("versions", out var versions) && versions != null)
            {
                p.Versions = new List<VersionRecord>();
                foreach (var v in versions)
                {
                    Require(v.ValueKind == JsonValueKind.Object, "Each item of 'versions' must be an object.");
                    var version = VersionRoutes.ParseVersion(v, existing: null);
                    Require(p.Versions.All(x => x.VersionNumber != version.VersionNumber), $"Version {version.VersionNumber} is given twice in 'versions'.");
                    p.Versions.Add(version);
                }
            }
            if (body.TryObject("defaultRunOptions", out var runOptions) && runOptions != null)
            {
                ParseRunOptions(runOptions.Value, new RunOptionsRecord()); // checks it
                p.RunOptions = runOptions.Value.Clone();
            }
            if (!creating && body.TryObject("taggedBuilds", out var tagged) && tagged != null)
            {
                p.Tags = new();
                foreach (var tag in tagged.Value.EnumerateObject())
                {
                    if (tag.Value.ValueKind == JsonValueKind.Null) { p.Tags.Add((tag.Name, null)); continue; }
                    Require(tag.Value.ValueKind == JsonValueKind.Object, $"taggedBuilds.{tag.Name} must be null or {{\"buildId\": ...}}.");
                    tag.Value.TryString("buildId", out var buildId, nullable: false);
                    Require(!string.IsNullOrEmpty(buildId), $"taggedBuilds.{tag.Name} needs a buildId.");
                    p.Tags.Add((tag.Name, buildId));
                }
            }
            return p;
        }

        /// <summary>Checks what depends on the Actor's current state (under the store's lock).</summary>
        public void Check(ActorRecord? actor)
        {
            // Versions replace the Actor's: a secret sent without its value keeps the one it had.
            foreach (var v in Versions ?? new())
                VersionRoutes.ResolveEnvVars(v, actor?.Versions.FirstOrDefault(o => o.VersionNumber == v.VersionNumber));
            if (actor == null) return;
            foreach (var (tag, buildId) in Tags ?? new())
                if (buildId != null && ActorJson.FindBuild(actor, buildId) == null)
                    throw new InvalidInput($"taggedBuilds.{tag}: build '{buildId}' is not a build of this Actor.");
        }

        public void ApplyTo(ActorRecord actor, EmulatorStore store)
        {
            if (Name != null) actor.Name = Name;
            if (_strings.TryGetValue("title", out var title)) actor.Title = title;
            if (_strings.TryGetValue("description", out var description)) actor.Description = description;
            if (_strings.TryGetValue("seoTitle", out var seoTitle)) actor.SeoTitle = seoTitle;
            if (_strings.TryGetValue("seoDescription", out var seoDescription)) actor.SeoDescription = seoDescription;
            if (IsPublic.HasValue) actor.IsPublic = IsPublic.Value;
            if (CategoriesGiven) actor.Categories = Categories ?? new List<string>();
            if (Versions != null)
            {
                actor.Versions.Clear();
                actor.Versions.AddRange(Versions);
            }
            if (RunOptions != null) ParseRunOptions(RunOptions.Value, actor.DefaultRunOptions);
            foreach (var (tag, buildId) in Tags ?? new()) actor.TagOverrides[tag] = buildId;
            actor.ModifiedAt = DateTime.UtcNow;
        }

        /// <summary>DefaultRunOptions: only the fields given change.</summary>
        private static void ParseRunOptions(JsonElement o, RunOptionsRecord target)
        {
            if (o.TryString("build", out var build, nullable: false)) target.Build = build!;
            if (o.TryInt("timeoutSecs", out var timeout, min: 0) && timeout.HasValue) target.TimeoutSecs = (int)Math.Min(timeout.Value, int.MaxValue);
            if (o.TryInt("memoryMbytes", out var memory) && memory.HasValue)
            {
                Require(memory >= 128 && memory <= 32768 && (memory & (memory - 1)) == 0,
                    $"defaultRunOptions.memoryMbytes must be a power of 2 from 128 to 32768, got {memory}.");
                target.MemoryMbytes = (int)memory.Value;
            }
            if (o.TryBool("restartOnError", out var restart) && restart.HasValue) target.RestartOnError = restart.Value;
            if (o.TryInt("maxItems", out var maxItems, min: 1)) target.MaxItems = maxItems;
        }
    }
}
