using System;

namespace ApifyPS.Client
{
    /// <summary>
    /// Finds the connection the next request uses. Today: the environment (<c>APIFY_TOKEN</c>,
    /// <c>APIFY_CLIENT_BASE_URL</c>, the variables the Apify CLI honours). The session connection, stored profiles and
    /// the Apify CLI's login file slot in ahead of and after it (see the credential issue); callers only ever ask
    /// <see cref="Resolve"/>.
    /// </summary>
    public static class ConnectionResolver
    {
        public const string TokenVariable = "APIFY_TOKEN";
        public const string BaseUrlVariable = "APIFY_CLIENT_BASE_URL";

        /// <summary>The connection to use, or an <see cref="ApifyApiException"/> of type not-connected saying how to connect.</summary>
        public static ApifyConnection Resolve()
        {
            var token = Environment.GetEnvironmentVariable(TokenVariable);
            if (!string.IsNullOrWhiteSpace(token))
                return new ApifyConnection(EnvironmentBaseUri(), token!.Trim(), ApifyConnectionSource.Environment);

            throw new ApifyApiException(null, ApifyErrorTypes.NotConnected,
                "No Apify token found. Set the environment variable APIFY_TOKEN to your API token " +
                "(Apify Console > Settings > API & Integrations).",
                "", "");
        }

        /// <summary>$env:APIFY_CLIENT_BASE_URL, or https://api.apify.com.</summary>
        public static Uri EnvironmentBaseUri()
        {
            var baseUrl = Environment.GetEnvironmentVariable(BaseUrlVariable);
            if (string.IsNullOrWhiteSpace(baseUrl)) return ApifyConnection.DefaultBaseUri;
            if (!Uri.TryCreate(baseUrl!.Trim(), UriKind.Absolute, out var uri))
                throw new ApifyApiException(null, ApifyErrorTypes.NotConnected,
                    $"The environment variable {BaseUrlVariable} ('{baseUrl}') is not an absolute URI.", "", "");
            return uri;
        }
    }
}
