namespace ApifyPS.Client
{
    /// <summary>Per-invocation settings of a client: where its diagnostics go, how long requests may take, how they are retried.</summary>
    public sealed class ApifyClientOptions
    {
        /// <summary>
        /// Receives one line per attempt (method, path, status, time, attempt n of max, the wait before the next).
        /// Never given the token.
        /// </summary>
        public Action<string>? Verbose { get; set; }

        /// <summary>
        /// -Debug: receives the HTTP exchange of every attempt (<see cref="HttpExchangeTrace"/>: the URL sent, headers
        /// with the token redacted, bounded excerpts of the bodies). Null (the default) costs nothing.
        /// </summary>
        public Action<string>? Debug { get; set; }

        /// <summary>
        /// Timeout of a plain read or write, per attempt, including reading the body. For a body streamed to a file
        /// (<see cref="ApifyRequest.TimeoutBetweenBytes"/>) it bounds the wait for the answer and then every pause
        /// between its bytes instead, so a large download may take as long as it keeps coming.
        /// </summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The largest cap that may be set: the pooled buffers that hold a body cannot grow past 1 GiB.</summary>
        public const long MaxCap = 1L << 30;

        /// <summary>
        /// The most bytes of one JSON answer read into memory, counted after decompression: a page of a list or of
        /// dataset items, one object. 64 MiB: a page holds at most 1000 items at the API's limits (a few MB for builds,
        /// runs, Actors; dataset items are the user's own, 64 KB each on average still fit), and a runaway answer (a
        /// broken proxy, a gzip bomb) stops there instead of growing the process by gigabytes. Larger is
        /// <see cref="ApifyErrorTypes.InvalidResponse"/>, not retried.
        /// </summary>
        public long MaxJsonBytes
        {
            get => _maxJsonBytes;
            set => _maxJsonBytes = CheckCap(value, nameof(MaxJsonBytes));
        }

        /// <summary>
        /// The most bytes of a record (or a synchronous run's OUTPUT) read into memory to be converted, counted after
        /// decompression: 64 MiB, seven times the largest request body the API takes (9 MiB, the limit its 413 answers
        /// name), so any record stored through the API fits. A record written to a file is streamed and has no cap.
        /// </summary>
        public long MaxRecordBytes
        {
            get => _maxRecordBytes;
            set => _maxRecordBytes = CheckCap(value, nameof(MaxRecordBytes));
        }

        private long _maxJsonBytes = 64L * 1024 * 1024;
        private long _maxRecordBytes = 64L * 1024 * 1024;

        private static long CheckCap(long value, string name) =>
            value >= 1 && value <= MaxCap ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be from 1 byte to 1 GiB.");

        /// <summary>Added to the server-side wait of a long poll (<c>waitForFinish</c>) to get its timeout.</summary>
        public TimeSpan LongPollMargin { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Read-ahead of lists: once the consumer has taken this fraction of a page (and at least
        /// <see cref="ReadAheadMinItems"/> items of it), the next page is requested while the rest is consumed; one
        /// page ahead at most, cancelled when the consumer stops. Null turns it off. See
        /// <see cref="ApifyClient.ListAsync{T}"/> for when a page is never read ahead.
        /// </summary>
        public double? ReadAheadAt { get; set; } = 0.1;

        /// <summary>
        /// No read-ahead before the consumer has taken this many items of a page, so that a consumer that stops
        /// early on its own (<c>Select-Object -First 50</c>) never causes a request a lazy walk would not make.
        /// </summary>
        public int ReadAheadMinItems { get; set; } = 50;

        /// <summary>Timeout of a synchronous run (<c>run-sync</c>): the API holds it up to 300 s, so more than that.</summary>
        public TimeSpan RunSyncTimeout { get; set; } = TimeSpan.FromSeconds(360);

        /// <summary>Retries after the first attempt; null uses <see cref="ApifyRetryPolicy.Current"/>.</summary>
        public int? MaxRetries { get; set; }

        /// <summary>The backoff's starting DELAY; null uses <see cref="ApifyRetryPolicy.Current"/> (500 ms by default).</summary>
        public TimeSpan? RetryBaseDelay { get; set; }

        /// <summary>Where DELAY stops doubling; null uses <see cref="ApifyRetryPolicy.Current"/>.</summary>
        public TimeSpan? RetryMaxDelay { get; set; }

        /// <summary>The retry policy these options give: the process-wide one with this client's overrides.</summary>
        public ApifyRetryPolicy EffectiveRetryPolicy()
        {
            var current = ApifyRetryPolicy.Current;
            if (MaxRetries == null && RetryBaseDelay == null && RetryMaxDelay == null) return current;
            var baseDelay = RetryBaseDelay ?? current.BaseDelay;
            var maxDelay = RetryMaxDelay ?? (RetryBaseDelay.HasValue && RetryBaseDelay.Value > current.MaxDelay ? RetryBaseDelay.Value : current.MaxDelay);
            return new ApifyRetryPolicy(MaxRetries ?? current.MaxRetries, baseDelay, maxDelay);
        }
    }
}
