using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ApifyPS.Client
{
    /// <summary>
    /// Keeps the process under the API's per-resource rate limits instead of bouncing off them. The API announces
    /// each endpoint's limit in <c>X-RateLimit-Limit</c> (60 requests/s per resource by default, 400/s for run starts);
    /// once a resource's limit is known, requests to it are spaced to stay at 90% of it. The state is static: every
    /// cmdlet and runspace of the process (ForEach-Object -Parallel included) shares one lane per resource, so many
    /// callers together stay under the limit. A 429's Retry-After pauses the whole lane.
    /// </summary>
    internal static class ApifyRateLimiter
    {
        /// <summary>The share of the announced limit the client uses: the rest absorbs timing jitter.</summary>
        internal const double Headroom = 0.9;

        /// <summary>After a 429 without Retry-After, the lane holds back this long so the server's window drains.</summary>
        private static readonly long s_drainTicks = Stopwatch.Frequency / 10;

        private const int PurgeThreshold = 4096;

        private static readonly ConcurrentDictionary<string, Lane> s_lanes = new ConcurrentDictionary<string, Lane>(StringComparer.Ordinal);

        private sealed class Lane
        {
            public readonly object Gate = new object();
            public int Limit;
            public long IntervalTicks;
            public long Next;
            public long PausedUntil;
            public long LastUsed;
            /// <summary>Requests sent while the limit was still unknown, counted per second, so learning it accounts for them.</summary>
            public long UnpacedSince;
            public int UnpacedCount;
        }

        /// <summary>
        /// The lane of a request: the API root, the resource its path was built for (<see cref="ApifyPath.RateResource"/>:
        /// <c>actor-runs/{id}</c>, <c>actors/{id}</c>, a store's records apart) and the lane its endpoint declares (starts
        /// apart from reads of the same resource: their limit is higher). Declared, never parsed from the path.
        /// </summary>
        public static string KeyOf(Uri baseUri, ApifyPath path, ApifyRateLane lane) =>
            baseUri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + " " + (lane == ApifyRateLane.Starts ? "start " : "") + path.RateResource;

        /// <summary>
        /// Waits for the request's turn in its lane (nothing to wait for while the lane's limit is unknown and it is
        /// not paused; such requests are counted, see <see cref="Observe"/>). Returns how long it waited. Cancellation ends the wait at once.
        /// </summary>
        public static async Task<TimeSpan> WaitTurnAsync(string key, CancellationToken cancellationToken)
        {
            var lane = s_lanes.GetOrAdd(key, _ => new Lane());
            long waitTicks;
            lock (lane.Gate)
            {
                var now = Stopwatch.GetTimestamp();
                lane.LastUsed = now;
                var slot = Math.Max(now, lane.PausedUntil);
                if (lane.IntervalTicks > 0)
                {
                    // A little credit after an idle spell lets a late timer catch up without bunching more than two.
                    slot = Math.Max(slot, Math.Max(lane.Next, now - 2 * lane.IntervalTicks));
                    lane.Next = slot + lane.IntervalTicks;
                }
                else
                {
                    if (now - lane.UnpacedSince > Stopwatch.Frequency)
                    {
                        lane.UnpacedSince = now;
                        lane.UnpacedCount = 0;
                    }
                    lane.UnpacedCount++;
                }
                waitTicks = slot - now;
            }
            if (waitTicks <= 0) return TimeSpan.Zero;
            var wait = TimeSpan.FromSeconds((double)waitTicks / Stopwatch.Frequency);
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            return wait;
        }

        /// <summary>Learns from an answer: the limit it announces, and a 429's pause.</summary>
        public static void Observe(string key, HttpResponseMessage response, TimeSpan? retryAfter)
        {
            var limit = AnnouncedLimit(response);
            var tooMany = (int)response.StatusCode == 429;
            if (limit == null && !tooMany) return;
            var lane = s_lanes.GetOrAdd(key, _ => new Lane());
            lock (lane.Gate)
            {
                var now = Stopwatch.GetTimestamp();
                lane.LastUsed = now;
                if (limit is int l && l != lane.Limit)
                {
                    var learning = lane.IntervalTicks == 0;
                    lane.Limit = l;
                    lane.IntervalTicks = (long)(Stopwatch.Frequency / (l * Headroom));
                    // The requests that went out before the limit was known (8 runspaces starting together) count
                    // as if they had been paced from the first one: the next ones queue behind them.
                    if (learning && now - lane.UnpacedSince <= Stopwatch.Frequency)
                        lane.Next = Math.Max(lane.Next, lane.UnpacedSince + lane.UnpacedCount * lane.IntervalTicks);
                }
                if (tooMany)
                {
                    var pause = retryAfter.HasValue ? (long)(retryAfter.Value.TotalSeconds * Stopwatch.Frequency) : s_drainTicks;
                    lane.PausedUntil = Math.Max(lane.PausedUntil, now + pause);
                }
            }
            if (s_lanes.Count > PurgeThreshold) Purge();
        }

        /// <summary>The limit currently known for a lane (0 when none), for diagnostics and tests.</summary>
        public static int KnownLimit(string key) => s_lanes.TryGetValue(key, out var lane) ? Volatile.Read(ref lane.Limit) : 0;

        private static int? AnnouncedLimit(HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("X-RateLimit-Limit", out var values)) return null;
            var text = values.FirstOrDefault();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : (int?)null;
        }

        /// <summary>Forgets lanes idle for a minute, so a long session touching many resources stays small.</summary>
        private static void Purge()
        {
            var cutoff = Stopwatch.GetTimestamp() - 60 * Stopwatch.Frequency;
            foreach (var pair in s_lanes)
                if (Volatile.Read(ref pair.Value.LastUsed) < cutoff && Volatile.Read(ref pair.Value.PausedUntil) < cutoff)
                    s_lanes.TryRemove(pair.Key, out _);
        }
    }
}
