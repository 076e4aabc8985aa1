using System.Collections.Concurrent;
using System.Net;

namespace ApifyPS.Client
{
    /// <summary>
    /// One HttpClient per API authority for the whole process (its connections pooled and kept alive), so clients
    /// are cheap (one per cmdlet invocation). Nothing per request lives here: the Accept header, the token and the
    /// timeout are set on each message by <see cref="ApifyRequestCore"/>.
    /// </summary>
    internal static class HttpClientPool
    {
        private static readonly ConcurrentDictionary<string, HttpClient> s_clients =
            new ConcurrentDictionary<string, HttpClient>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Connections per server at least: room for every wait of an <see cref="ApifyWaitGroup{T}"/> and then some.</summary>
        internal const int MinConnectionsPerServer = ApifyWaitGroupOptions.DefaultMaxConcurrent * 2;

        public static HttpClient For(Uri baseUri) => s_clients.GetOrAdd(baseUri.GetLeftPart(UriPartial.Authority), _ => Create());

        private static HttpClient Create()
        {
            var handler = new HttpClientHandler
            {
                // The real API compresses when asked; the local server may not. Both are fine.
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
                // The API never redirects: a redirect (a proxy, a wrong base URI) would carry the token, and a start's
                // body, to wherever it points. A 3xx is an error instead (ApifyRequestCore.RedirectError).
                AllowAutoRedirect = false,
            };
            // Many jobs waited for at once hold a long poll (a connection) each. .NET allows any number per server;
            // .NET Framework (Windows PowerShell) only 2 by default, which would queue the waits behind each other.
            try
            {
                if (handler.MaxConnectionsPerServer < MinConnectionsPerServer) handler.MaxConnectionsPerServer = MinConnectionsPerServer;
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException || ex is NotSupportedException || ex is NotImplementedException)
            {
                // A runtime without the setting (Mono's own handler): its default stays.
            }
            var http = new HttpClient(handler, disposeHandler: true)
            {
                // Timeouts are per request, by the tier its endpoint declares (ApifyTimeoutTier).
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", ApifyClient.UserAgent);
            return http;
        }
    }
}
