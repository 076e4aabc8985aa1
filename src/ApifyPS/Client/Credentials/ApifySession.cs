namespace ApifyPS.Client
{
    /// <summary>
    /// The state Connect-Apify leaves for the rest of the session: one instance per process (<see cref="Current"/>),
    /// shared by every runspace in it (ForEach-Object -Parallel, thread jobs), so a connection made once is used
    /// everywhere. The one place per-session settings live; tests make their own instance.
    /// </summary>
    public sealed class ApifySession
    {
        private readonly object _sync = new object();
        private ApifyConnection? _connection;
        private readonly System.Collections.Generic.HashSet<string> _warned = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>The session of this process.</summary>
        public static ApifySession Current { get; } = new ApifySession();

        /// <summary>The connection made by Connect-Apify, or null.</summary>
        public ApifyConnection? Connection
        {
            get { lock (_sync) return _connection; }
        }

        /// <summary>Makes <paramref name="connection"/> the session's connection (first in the order of sources).</summary>
        public ApifyConnection Connect(ApifyConnection connection, string? location = "Connect-Apify")
        {
            var session = connection.WithSource(ApifyConnectionSource.Session, location, connection.Profile);
            lock (_sync) _connection = session;
            return session;
        }

        /// <summary>
        /// True the first time it is asked about <paramref name="key"/> in this session, false after: a warning about a
        /// credential file is shown once per file per process, not on every cmdlet call.
        /// </summary>
        public bool FirstWarning(string key)
        {
            lock (_sync) return _warned.Add(key);
        }

        /// <summary>Ends the session's connection; returns the one that was there, or null.</summary>
        public ApifyConnection? Disconnect()
        {
            lock (_sync)
            {
                var previous = _connection;
                _connection = null;
                return previous;
            }
        }
    }
}
