namespace ApifyPS.Client
{
    /// <summary>
    /// How persistently failed requests are retried: how many times, and the backoff the API asks for (a random wait
    /// between DELAY and 2×DELAY, DELAY starting at <see cref="BaseDelay"/> and doubling up to <see cref="MaxDelay"/>;
    /// a Retry-After header wins). <see cref="Current"/> is the setting of the whole process, shared by every cmdlet
    /// and runspace (Set-ApifyRetryPolicy changes it); a client's options may override it.
    /// </summary>
    public sealed class ApifyRetryPolicy
    {
        /// <summary>As the official JavaScript client.</summary>
        public const int DefaultMaxRetries = 8;

        public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(500);

        public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);

        /// <summary>The longest Retry-After honoured as given; a longer one is shortened to this.</summary>
        public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(10);

        public static readonly ApifyRetryPolicy Default = new ApifyRetryPolicy(DefaultMaxRetries, DefaultBaseDelay, DefaultMaxDelay);

        private static ApifyRetryPolicy s_current = Default;

        public ApifyRetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries), "MaxRetries must be 0 or more.");
            if (baseDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(baseDelay), "BaseDelay must not be negative.");
            if (maxDelay < baseDelay) throw new ArgumentOutOfRangeException(nameof(maxDelay), "MaxDelay must not be shorter than BaseDelay.");
            MaxRetries = maxRetries;
            BaseDelay = baseDelay;
            MaxDelay = maxDelay;
        }

        /// <summary>Retries after the first attempt (so at most MaxRetries + 1 requests).</summary>
        public int MaxRetries { get; }

        /// <summary>DELAY before the first retry.</summary>
        public TimeSpan BaseDelay { get; }

        /// <summary>DELAY stops doubling here (each wait is at most twice this, unless Retry-After asks for more).</summary>
        public TimeSpan MaxDelay { get; }

        /// <summary>The process-wide setting every client uses unless its options say otherwise.</summary>
        public static ApifyRetryPolicy Current
        {
            get => Volatile.Read(ref s_current);
            set => Volatile.Write(ref s_current, value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>
        /// The wait before retry number <paramref name="retry"/> (1 for the first): random between DELAY and 2×DELAY,
        /// DELAY = BaseDelay × 2^(retry-1), at most MaxDelay.
        /// </summary>
        public TimeSpan Backoff(int retry, Random random)
        {
            if (retry < 1) throw new ArgumentOutOfRangeException(nameof(retry));
            var delayMs = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
            delayMs = Math.Min(delayMs, MaxDelay.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(delayMs + random.NextDouble() * delayMs);
        }

        public override string ToString() =>
            $"MaxRetries={MaxRetries}, BaseDelay={BaseDelay.TotalMilliseconds:0} ms, MaxDelay={MaxDelay.TotalSeconds:0.###} s";
    }
}
