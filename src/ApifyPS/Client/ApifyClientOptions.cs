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
    }
}
