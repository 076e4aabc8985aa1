using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>
    /// The user's named storages for tab completion, by kind: asked of the server once (the storage list, named ones
    /// only, a short timeout), kept for <see cref="Lifetime"/> per connection and kind, and never an exception: a
    /// failure answers nothing and is remembered for <see cref="FailureLifetime"/>. Cmdlets that create, rename or
    /// remove storages invalidate it. The same rules as <see cref="ActorNameCache"/>.
    /// </summary>
    public sealed class StorageNameCache
    {
        public static StorageNameCache Default { get; } = new StorageNameCache();

        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(60);

        public TimeSpan FailureLifetime { get; set; } = TimeSpan.FromSeconds(10);

        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>At most this many storages of a kind are read.</summary>
        public int MaxStorages { get; set; } = 5000;

        /// <summary>The user's named storages of <paramref name="kind"/> (cached); empty when the server cannot be asked.</summary>
        public IReadOnlyList<ApifyStorage> Get(ApifyConnection connection, ApifyStorageKind kind)
        {
            var key = KeyOf(connection, kind);
            var now = DateTime.UtcNow;
            if (_entries.TryGetValue(key, out var cached) && cached.ExpiresAt > now) return cached.Storages;
            IReadOnlyList<ApifyStorage> storages;
            TimeSpan lifetime;
            try
            {
                storages = Task.Run(() => FetchAsync(connection, kind)).GetAwaiter().GetResult();
                lifetime = Lifetime;
            }
            catch (Exception)
            {
                storages = Array.Empty<ApifyStorage>();
                lifetime = FailureLifetime;
            }
            _entries[key] = new Entry(storages, DateTime.UtcNow + lifetime);
            return storages;
        }

        /// <summary>Forgets what was read for this connection and kind.</summary>
        public void Invalidate(ApifyConnection connection, ApifyStorageKind kind) => _entries.TryRemove(KeyOf(connection, kind), out _);

        private async Task<IReadOnlyList<ApifyStorage>> FetchAsync(ApifyConnection connection, ApifyStorageKind kind)
        {
            var client = new ApifyClient(connection, new ApifyClientOptions { RequestTimeout = RequestTimeout });
            using var cts = new CancellationTokenSource(RequestTimeout + RequestTimeout);
            var paging = new PageRequest { First = MaxStorages, PageSize = 1000 };
            var list = new List<ApifyStorage>();
            switch (kind)
            {
                case ApifyStorageKind.Dataset:
                    await foreach (var s in client.Datasets.ListAsync(false, paging, cts.Token).ConfigureAwait(false)) list.Add(s);
                    break;
                case ApifyStorageKind.KeyValueStore:
                    await foreach (var s in client.KeyValueStores.ListAsync(false, paging, cts.Token).ConfigureAwait(false)) list.Add(s);
                    break;
                default:
                    await foreach (var s in client.RequestQueues.ListAsync(false, paging, cts.Token).ConfigureAwait(false)) list.Add(s);
                    break;
            }
            return list;
        }

        /// <summary>The base URI, the kind and a hash of the token: the cache never holds the token itself.</summary>
        private static string KeyOf(ApifyConnection connection, ApifyStorageKind kind)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(connection.Token));
            return connection.BaseUri + " " + kind + " " + Convert.ToBase64String(hash);
        }

        private sealed class Entry
        {
            public Entry(IReadOnlyList<ApifyStorage> storages, DateTime expiresAt)
            {
                Storages = storages;
                ExpiresAt = expiresAt;
            }

            public IReadOnlyList<ApifyStorage> Storages { get; }
            public DateTime ExpiresAt { get; }
        }
    }
}
