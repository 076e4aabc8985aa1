using System;

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
    /// internal: no public member, ToString or formatter can show it.
    /// </summary>
    public sealed class ApifyConnection
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://api.apify.com");

        public ApifyConnection(Uri baseUri, string token, ApifyConnectionSource source, string? profile = null)
        {
            if (baseUri == null) throw new ArgumentNullException(nameof(baseUri));
            if (string.IsNullOrEmpty(token)) throw new ArgumentException("The token is empty.", nameof(token));
            BaseUri = NormalizeBaseUri(baseUri);
            Token = token;
            Source = source;
            Profile = profile;
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

        /// <summary>The same token and base URI with the account they belong to.</summary>
        public ApifyConnection WithUser(string? username, string? userId) =>
            new ApifyConnection(BaseUri, Token, Source, Profile) { Username = username, UserId = userId, Location = Location };

        /// <summary>The same token, base URI and account, found in another place.</summary>
        public ApifyConnection WithSource(ApifyConnectionSource source, string? location, string? profile) =>
            new ApifyConnection(BaseUri, Token, source, profile) { Username = Username, UserId = UserId, Location = location };

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
