using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>
    /// The user's tasks for tab completion, as <see cref="ActorNameCache"/> keeps Actors: asked of the server once
    /// (GET /v2/actor-tasks, a short timeout), kept for <see cref="Lifetime"/> per connection, never an exception
    /// (failures are kept for <see cref="FailureLifetime"/>). Cmdlets that create, rename or remove tasks invalidate it.
    /// </summary>
    public sealed class TaskNameCache
    {
        public static TaskNameCache Default { get; } = new TaskNameCache();

        private readonly ConcurrentDictionary<string, (IReadOnlyList<ActorNameEntry> Tasks, DateTime ExpiresAt)> _entries =
            new ConcurrentDictionary<string, (IReadOnlyList<ActorNameEntry>, DateTime)>(StringComparer.Ordinal);

        public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(60);

        public TimeSpan FailureLifetime { get; set; } = TimeSpan.FromSeconds(10);

        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

        public int MaxTasks { get; set; } = 5000;

        /// <summary>The user's tasks as username~name entries (cached); empty when the server cannot be asked.</summary>
        public IReadOnlyList<ActorNameEntry> Get(ApifyConnection connection)
        {
            var key = KeyOf(connection);
            if (_entries.TryGetValue(key, out var cached) && cached.ExpiresAt > DateTime.UtcNow) return cached.Tasks;
            IReadOnlyList<ActorNameEntry> tasks;
            TimeSpan lifetime;
            try
            {
                tasks = Task.Run(() => FetchAsync(connection)).GetAwaiter().GetResult();
                lifetime = Lifetime;
            }
            catch (Exception)
            {
                tasks = Array.Empty<ActorNameEntry>();
                lifetime = FailureLifetime;
            }
            _entries[key] = (tasks, DateTime.UtcNow + lifetime);
            return tasks;
        }

        public void Invalidate(ApifyConnection connection) => _entries.TryRemove(KeyOf(connection), out _);

        private async Task<IReadOnlyList<ActorNameEntry>> FetchAsync(ApifyConnection connection)
        {
            var client = new ApifyClient(connection, new ApifyClientOptions { RequestTimeout = RequestTimeout });
            using var cts = new CancellationTokenSource(RequestTimeout + RequestTimeout);
            var list = new List<ActorNameEntry>();
            await foreach (var task in client.Tasks.ListAsync(new PageRequest { First = MaxTasks, PageSize = 1000 }, cts.Token).ConfigureAwait(false))
                list.Add(new ActorNameEntry(task.Id, task.Name, task.Username, task.Title ?? (task.Actor != null ? "runs " + task.Actor : null)));
            return list;
        }

        private static string KeyOf(ApifyConnection connection)
        {
            using var sha = SHA256.Create();
            return connection.BaseUri + " " + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(connection.Token)));
        }
    }
}
