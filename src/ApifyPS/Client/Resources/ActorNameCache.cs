using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>An Actor as tab completion offers it.</summary>
    public sealed class ActorNameEntry
    {
        public ActorNameEntry(string id, string name, string? username, string? title)
        {
            Id = id;
            Name = name;
            Username = username;
            Title = title;
        }

        public string Id { get; }
        public string Name { get; }
        public string? Username { get; }
        public string? Title { get; }

        /// <summary>username~name, the form every -Actor parameter takes.</summary>
        public string FullName => string.IsNullOrEmpty(Username) ? Name : Username + "~" + Name;
    }

    /// <summary>
    /// The user's Actors for tab completion: asked of the server once (GET /v2/actors?my=true, a short timeout),
    /// kept for <see cref="Lifetime"/> per connection (base URI and token), and never an exception: offline or
    /// unauthenticated it answers nothing, and remembers the failure for <see cref="FailureLifetime"/> so that
    /// pressing Tab again does not wait again. Cmdlets that create, rename or remove Actors invalidate it.
    /// </summary>
    public sealed class ActorNameCache
    {
        public static ActorNameCache Default { get; } = new ActorNameCache();

        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        private readonly Func<DateTime> _clock;

        public ActorNameCache(Func<DateTime>? clock = null) => _clock = clock ?? (() => DateTime.UtcNow);

        public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(60);

        public TimeSpan FailureLifetime { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How long one completion may wait for the server.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>At most this many Actors are read (their first pages).</summary>
        public int MaxActors { get; set; } = 5000;

        /// <summary>The user's Actors (cached); empty when the server cannot be asked.</summary>
        public IReadOnlyList<ActorNameEntry> Get(ApifyConnection connection)
        {
            var key = KeyOf(connection);
            var now = _clock();
            if (_entries.TryGetValue(key, out var cached) && cached.ExpiresAt > now) return cached.Actors;
            IReadOnlyList<ActorNameEntry> actors;
            TimeSpan lifetime;
            try
            {
                // Task.Run: no caller's synchronization context can deadlock the wait.
                actors = Task.Run(() => FetchAsync(connection)).GetAwaiter().GetResult();
                lifetime = Lifetime;
            }
            catch (Exception)
            {
                actors = Array.Empty<ActorNameEntry>();
                lifetime = FailureLifetime;
            }
            _entries[key] = new Entry(actors, _clock() + lifetime);
            return actors;
        }

        /// <summary>Forgets what was read for this connection (after an Actor was created, renamed or removed).</summary>
        public void Invalidate(ApifyConnection connection) => _entries.TryRemove(KeyOf(connection), out _);

        private async Task<IReadOnlyList<ActorNameEntry>> FetchAsync(ApifyConnection connection)
        {
            var client = new ApifyClient(connection, new ApifyClientOptions { RequestTimeout = RequestTimeout });
            using var cts = new CancellationTokenSource(RequestTimeout + RequestTimeout);
            var list = new List<ActorNameEntry>();
            await foreach (var actor in client.Actors.ListAsync(my: true, sortBy: null, new PageRequest { First = MaxActors, PageSize = 1000 }, cts.Token).ConfigureAwait(false))
                list.Add(new ActorNameEntry(actor.Id, actor.Name, actor.Username, actor.Title));
            return list;
        }

        /// <summary>The base URI and a hash of the token: the cache never holds the token itself.</summary>
        private static string KeyOf(ApifyConnection connection)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(connection.Token));
            return connection.BaseUri + " " + Convert.ToBase64String(hash);
        }

        private sealed class Entry
        {
            public Entry(IReadOnlyList<ActorNameEntry> actors, DateTime expiresAt)
            {
                Actors = actors;
                ExpiresAt = expiresAt;
            }

            public IReadOnlyList<ActorNameEntry> Actors { get; }
            public DateTime ExpiresAt { get; }
        }
    }
}
