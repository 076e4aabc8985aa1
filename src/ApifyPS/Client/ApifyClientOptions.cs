using System;

namespace ApifyPS.Client
{
    /// <summary>Per-invocation settings of a client: where its diagnostics go and how long requests may take.</summary>
    public sealed class ApifyClientOptions
    {
        /// <summary>Receives one line per request (method, path, status, time). Never given the token.</summary>
        public Action<string>? Verbose { get; set; }

        /// <summary>Timeout of a plain read or write, per attempt, including reading the body.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

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
    }
}
