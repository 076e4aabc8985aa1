using System.Net;

namespace ApifyPS.Client
{
    /// <summary>Where the token of a connection came from, in the order the resolver tries them.</summary>
    public enum ApifyConnectionSource
    {
        Parameter,
        Session,
        Environment,
        StoredProfile,
        ApifyCli,
    }

    /// <summary>
    /// What a request needs to reach the API: base URI and token, plus where they came from. The token is
    /// internal: no public member, ToString or formatter can show it. A plain <c>http://</c> base URI to a host that is
    /// not this machine is refused (<see cref="EnsureTransportAllowed"/>) unless the user said so
    /// (<see cref="AllowUnencryptedAuthentication"/>): the token would cross the network in clear text.
    /// </summary>
    public sealed class ApifyConnection
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://api.apify.com");

        public ApifyConnection(Uri baseUri, string token, ApifyConnectionSource source, string? profile = null,
            bool allowUnencryptedAuthentication = false)
        {
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            if (string.IsNullOrEmpty(token)) throw new ArgumentException("The token is empty.", nameof(token));
            BaseUri = NormalizeBaseUri(baseUri);
            Token = token;
            Source = source;
            Profile = profile;
            AllowUnencryptedAuthentication = allowUnencryptedAuthentication;
        }

        /// <summary>The API root, always ending with a slash and without /v2 (requests add /v2/...).</summary>
        public Uri BaseUri { get; }

        internal string Token { get; }

        public ApifyConnectionSource Source { get; }

        public string? Profile { get; }

        /// <summary>The account's username, when known (checked by Connect-Apify, kept in a stored profile or the CLI's login).</summary>
        public string? Username { get; private set; }

        /// <summary>The account's user id, when known.</summary>
        public string? UserId { get; private set; }

        /// <summary>Where the token was found, for people: "$env:APIFY_TOKEN", a file path, a vault (never the token).</summary>
        public string? Location { get; private set; }

        /// <summary>
        /// The user said the token may go over plain http to another machine (<c>Connect-Apify
        /// -AllowUnencryptedAuthentication</c>, kept with a stored profile, or <c>$env:APIFY_ALLOW_UNENCRYPTED</c> for
        /// the environment's base URI).
        /// </summary>
        public bool AllowUnencryptedAuthentication { get; }

        /// <summary>Plain http to a host that is not this machine: the token would cross a network unencrypted.</summary>
        public bool IsUnencryptedToRemoteHost => IsUnencryptedToRemoteHostUri(BaseUri);

        /// <summary>The same token and base URI with the account they belong to.</summary>
        public ApifyConnection WithUser(string? username, string? userId) =>
            new ApifyConnection(BaseUri, Token, Source, Profile, AllowUnencryptedAuthentication) { Username = username, UserId = userId, Location = Location };

        /// <summary>The same token, base URI and account, found in another place.</summary>
        public ApifyConnection WithSource(ApifyConnectionSource source, string? location, string? profile) =>
            new ApifyConnection(BaseUri, Token, source, profile, AllowUnencryptedAuthentication) { Username = Username, UserId = UserId, Location = location };

        /// <summary>
        /// Refuses, before any request, a plain http base URI to another machine that the user did not allow: an
        /// <see cref="ApifyConnectionException"/> (<see cref="ApifyErrorTypes.UnencryptedAuthentication"/>) that says how to
        /// allow it where this connection came from. Loopback (127.0.0.0/8, ::1, localhost) over http is allowed.
        /// </summary>
        public void EnsureTransportAllowed()
        {
            if (!IsUnencryptedToRemoteHost || AllowUnencryptedAuthentication) return;
            var head = $"The base URI {BaseUri} is plain http to another machine, so the API token would cross the network unencrypted; nothing was sent.";
            string how;
            switch (Source)
            {
                case ApifyConnectionSource.Environment:
                case ApifyConnectionSource.ApifyCli:
                    how = $" It comes from $env:{ConnectionResolver.BaseUrlVariable}. Use https://, or, on a network you trust, set " +
                          $"$env:{ConnectionResolver.AllowUnencryptedVariable} = '1'.";
                    break;
                case ApifyConnectionSource.StoredProfile:
                    how = $" It is the base URI of the stored profile '{Profile}'. Use https://, or, on a network you trust, store it again with " +
                          $"Connect-Apify -Profile {Profile} -BaseUri {BaseUri} -AllowUnencryptedAuthentication.";
                    break;
                default:
                    how = " Use https://, or, on a network you trust, add -AllowUnencryptedAuthentication to Connect-Apify (a stored profile remembers it).";
                    break;
            }
            throw new ApifyConnectionException(ApifyErrorTypes.UnencryptedAuthentication, head + how)
            {
                RecommendedAction = "Use an https:// base URI, or allow plain http explicitly (Connect-Apify -AllowUnencryptedAuthentication, " +
                                    $"or $env:{ConnectionResolver.AllowUnencryptedVariable} = '1' for $env:{ConnectionResolver.BaseUrlVariable}).",
            };
        }

        /// <summary>Plain http to a host other than loopback (127.0.0.0/8, ::1, localhost).</summary>
        public static bool IsUnencryptedToRemoteHostUri(Uri uri) =>
            uri != null && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && !IsLoopback(uri);

        /// <summary>127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and the name localhost: this machine, whatever the network.</summary>
        public static bool IsLoopback(Uri uri)
        {
            var host = uri.IdnHost.TrimEnd('.');
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            if (host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal)) host = host.Substring(1, host.Length - 2);
            if (!IPAddress.TryParse(host, out var address)) return false;
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            return IPAddress.IsLoopback(address);
        }

        public override string ToString() => $"{BaseUri} ({Source})";

        /// <summary>Accepts https://api.apify.com, https://api.apify.com/ and https://api.apify.com/v2 alike.</summary>
        public static Uri NormalizeBaseUri(Uri uri)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"The base URI '{uri}' is not an absolute http(s) URI.", nameof(uri));
            var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            if (text.EndsWith("/v2", StringComparison.OrdinalIgnoreCase)) text = text.Substring(0, text.Length - 3);
            return new Uri(text + "/");
        }
    }
}
