using System.Text.Json;
using System.Text.RegularExpressions;
using ApifyPS.Emulator.Http;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Routes;

/// <summary>
/// Datasets, key-value stores and request queues as objects (the spec's Storage groups): list
/// (<c>offset</c>/<c>limit</c>/<c>desc</c>, named ones unless <c>unnamed=1</c>, <c>ownership</c>), create
/// (<c>POST ?name=</c>: 201 + Location, or 200 with the existing storage of that name), get (by id or
/// <c>username~name</c>), update (<c>PUT {"name","generalAccess"}</c>) and delete (204). A run's default storages are
/// among them once they exist.
/// </summary>
public static class StorageRoutes
{
    private static readonly Regex NamePattern = new("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$", RegexOptions.CultureInvariant);
    private static readonly string[] GeneralAccessValues = { "ANYONE_WITH_ID_CAN_READ", "ANYONE_WITH_NAME_CAN_READ", "FOLLOW_USER_SETTING", "RESTRICTED" };

    /// <summary>One kind of storage: where it lives, what the API calls it, how it is written.</summary>
    private sealed class Kind<T>(string path, string param, string what, Func<RunStorages, Dictionary<string, T>> all,
        Func<string, T?> find, Func<string, UserRecord, T> create, Action<Utf8JsonWriter, T, string, bool> write) where T : StorageRecord
    {
        public string Path { get; } = path;
        public string Param { get; } = param;
        public string What { get; } = what;
        public Func<RunStorages, Dictionary<string, T>> All { get; } = all;
        public Func<string, T?> Find { get; } = find;
        public Func<string, UserRecord, T> Create { get; } = create;
        public Action<Utf8JsonWriter, T, string, bool> Write { get; } = write;
    }

    public static void MapStorageRoutes(this WebApplication app, EmulatorStore store, RunResults results)
    {
        var api = new ApiRoutes(app, store);
        Map(api, store, new Kind<DatasetRecord>("/v2/datasets", "datasetId", "Dataset", s => s.Datasets, results.FindDataset,
            (id, owner) => store.Storages.Dataset(id, owner), StorageJson.Dataset));
        Map(api, store, new Kind<KeyValueStoreRecord>("/v2/key-value-stores", "storeId", "Key-value store", s => s.KeyValueStores, results.FindKeyValueStore,
            (id, owner) => store.Storages.KeyValueStore(id, owner), (w, s, baseUrl, _) => StorageJson.KeyValueStore(w, s, baseUrl)));
        Map(api, store, new Kind<RequestQueueRecord>("/v2/request-queues", "queueId", "Request queue", s => s.RequestQueues, results.FindRequestQueue,
            (id, owner) => store.Storages.RequestQueue(id, owner), (w, q, _, full) => StorageJson.RequestQueue(w, q, full)));
    }

    /// <summary>The storage of the route's path parameter if the user owns it; 404 otherwise. Authenticates first.</summary>
    public static T OwnStorage<T>(this ApiRequest r, string param, string what, Func<string, T?> find) where T : StorageRecord
    {
        var id = r.Route(param);
        return r.Own($"{what} '{id}'", () => find(id), s => s.Owner);
    }

    private static string BaseUrl(ApiRequest r) => $"{r.Http.Request.Scheme}://{r.Http.Request.Host}";

    private static void Map<T>(ApiRoutes api, EmulatorStore store, Kind<T> kind) where T : StorageRecord
    {
        api.Get(kind.Path, r =>
        {
            var user = r.User();
            var paging = r.Paging();
            var unnamed = r.Flag("unnamed");
            var ownership = r.Query["ownership"].ToString();
            if (ownership.Length > 0 && ownership is not ("ownedByMe" or "sharedWithMe"))
                throw ApiError.InvalidParameter($"Parameter 'ownership' must be ownedByMe or sharedWithMe, got '{ownership}'.");
            List<T> page;
            int total;
            lock (store.Sync)
            {
                var all = ownership == "sharedWithMe"
                    ? new List<T>()
                    : kind.All(store.Storages).Values
                        .Where(s => s.Owner == user && !store.Storages.Deleted.Contains(s.Id) && (unnamed || s.Name != null))
                        .OrderBy(s => s.CreatedAt).ThenBy(s => s.Seq).ToList();
                if (paging.Desc) all.Reverse();
                total = all.Count;
                page = all.Skip(paging.Offset).Take(paging.Limit).ToList();
            }
            var baseUrl = BaseUrl(r);
            return r.List(total, paging, page, (w, s) => kind.Write(w, s, baseUrl, false));
        });

        api.Post(kind.Path, r =>
        {
            var user = r.User();
            var name = r.Query["name"].ToString();
            if (r.Query.ContainsKey("name") && !NamePattern.IsMatch(name))
                throw new RequestBody.InvalidInput($"The name '{name}' is not valid: 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen.");
            T storage;
            var existed = false;
            lock (store.Sync)
            {
                var named = name.Length == 0 ? null : kind.All(store.Storages).Values.FirstOrDefault(s =>
                    s.Owner == user && s.Name == name && !store.Storages.Deleted.Contains(s.Id));
                existed = named != null;
                storage = named ?? kind.Create(Ids.New(), user);
                if (!existed && name.Length > 0) storage.Name = name;
            }
            var baseUrl = BaseUrl(r);
            return existed
                ? r.Data(w => kind.Write(w, storage, baseUrl, true))
                : r.Created($"{kind.Path}/{storage.Id}", w => kind.Write(w, storage, baseUrl, true));
        });

        api.Get($"{kind.Path}/{{{kind.Param}}}", r =>
        {
            var storage = r.OwnStorage(kind.Param, kind.What, kind.Find);
            lock (store.Sync) storage.Touch(write: false);
            var baseUrl = BaseUrl(r);
            return r.Data(w => kind.Write(w, storage, baseUrl, true));
        });

        api.Put($"{kind.Path}/{{{kind.Param}}}", async r =>
        {
            var storage = r.OwnStorage(kind.Param, kind.What, kind.Find);
            var body = await r.Body();
            var hasName = body.TryString("name", out var name);
            body.TryString("generalAccess", out var access, nullable: false);
            if (hasName && name != null && !NamePattern.IsMatch(name))
                throw new RequestBody.InvalidInput($"The name '{name}' is not valid: 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen.");
            if (access != null && !GeneralAccessValues.Contains(access))
                throw new RequestBody.InvalidInput($"Field 'generalAccess' must be one of {string.Join(", ", GeneralAccessValues)}.");
            lock (store.Sync)
            {
                if (hasName && name != null && kind.All(store.Storages).Values.Any(s =>
                        s != storage && s.Owner == storage.Owner && s.Name == name && !store.Storages.Deleted.Contains(s.Id)))
                    throw new RequestBody.InvalidInput($"{kind.What} with name '{name}' already exists.", "record-duplicate");
                if (hasName) storage.Name = name;
                if (access != null) storage.GeneralAccess = access;
                storage.Touch(write: true);
            }
            var baseUrl = BaseUrl(r);
            await r.Data(w => kind.Write(w, storage, baseUrl, true));
        });

        api.Delete($"{kind.Path}/{{{kind.Param}}}", r =>
        {
            var storage = r.OwnStorage(kind.Param, kind.What, kind.Find);
            lock (store.Sync)
            {
                kind.All(store.Storages).Remove(storage.Id);
                store.Storages.Deleted.Add(storage.Id);
            }
            r.NoContent();
            return Task.CompletedTask;
        });
    }
}
