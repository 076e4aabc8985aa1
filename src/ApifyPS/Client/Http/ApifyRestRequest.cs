using System.Text.RegularExpressions;

namespace ApifyPS.Client
{
    /// <summary>
    /// A request to any endpoint, as Invoke-ApifyRestMethod takes it: a method, a path the user wrote (<c>/v2/...</c>,
    /// or an absolute URL on the connection's own API root), query pairs and an optional body. <see cref="Create"/>
    /// refuses what must not be sent before anything is: a path outside <c>/v2</c>, a URL to another host, a part of
    /// the path that <see cref="PathSegment"/> refuses, a body with GET or HEAD. Every part of the path is rebuilt
    /// through <see cref="ApifyPath"/> (the API's fixed words as they are, every other part as one escaped segment), so
    /// what is sent and logged is what the user named, never a path a server would read differently.
    /// </summary>
    public sealed class ApifyRestRequest
    {
        private static readonly Regex s_fixedPart = new Regex(@"^[a-z][a-z0-9-]*(\.[a-z]+)?$", RegexOptions.CultureInvariant);

        private ApifyRestRequest(HttpMethod method, ApifyPath path, IReadOnlyList<KeyValuePair<string, string>> query)
        {
            Method = method;
            Path = path;
            QueryPairs = query;
        }

        public HttpMethod Method { get; }

        /// <summary>The path as rebuilt: its escaped text below the base URI.</summary>
        public ApifyPath Path { get; }

        /// <summary>The query pairs in order: those of the path's own query string, then the ones given apart.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> QueryPairs { get; }

        /// <summary>The body's bytes (sent anew on every attempt); null for none.</summary>
        public byte[]? Body { get; private set; }

        /// <summary>A file sent as the body, opened anew on every attempt; null for none.</summary>
        public string? BodyFile { get; private set; }

        /// <summary>The body's Content-Type.</summary>
        public string? ContentType { get; private set; }

        /// <summary>True when a body (bytes or a file) is sent.</summary>
        public bool HasBody => Body != null || BodyFile != null;

        /// <summary>The value of a query parameter (the last one given), or null.</summary>
        public string? QueryValue(string name)
        {
            string? value = null;
            foreach (var pair in QueryPairs)
                if (string.Equals(pair.Key, name, StringComparison.Ordinal)) value = pair.Value;
            return value;
        }

        /// <summary>The query pairs without those named (paging parameters the walk sets itself).</summary>
        public ApifyQuery QueryWithout(params string[] names)
        {
            var query = new ApifyQuery();
            foreach (var pair in QueryPairs)
                if (Array.IndexOf(names, pair.Key) < 0) query.Add(pair.Key, pair.Value);
            return query;
        }

        /// <summary>
        /// The request, or an <see cref="ArgumentException"/> (whose ParamName is the parameter at fault: <c>Path</c>,
        /// <c>Method</c>, <c>Body</c>) saying why it is refused; nothing is sent either way.
        /// </summary>
        public static ApifyRestRequest Create(string method, string path, IEnumerable<KeyValuePair<string, string>>? query, Uri baseUri,
            byte[]? body = null, string? bodyFile = null, string? contentType = null)
        {
            var verb = (method ?? "GET").Trim().ToUpperInvariant();
            if (verb != "GET" && verb != "POST" && verb != "PUT" && verb != "DELETE" && verb != "HEAD")
                throw new ArgumentException($"'{method}' is not a method the Apify API answers: use GET, POST, PUT, DELETE or HEAD.", "Method");
            var httpMethod = new HttpMethod(verb);
            if ((body != null || bodyFile != null) && (verb == "GET" || verb == "HEAD"))
                throw new ArgumentException($"A {verb} request has no body: send it with -Method POST or PUT, or give the values as -Query.", "Body");
            var (apiPath, pathQuery) = ParsePath(path, baseUri);
            var pairs = new List<KeyValuePair<string, string>>(pathQuery);
            if (query != null) pairs.AddRange(query);
            return new ApifyRestRequest(httpMethod, apiPath, pairs)
            {
                Body = body,
                BodyFile = bodyFile,
                ContentType = contentType,
            };
        }

        private static (ApifyPath Path, List<KeyValuePair<string, string>> Query) ParsePath(string path, Uri baseUri)
        {
            var text = (path ?? "").Trim();
            if (text.Length == 0) throw new ArgumentException("The path is empty: give an API path such as /v2/users/me.", "Path");
            if (Regex.IsMatch(text, "^[a-zA-Z][a-zA-Z0-9+.-]*://"))
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out var absolute))
                    throw new ArgumentException($"'{text}' is not a valid URL.", "Path");
                var root = new Uri(baseUri.GetLeftPart(UriPartial.Path));
                if (!string.Equals(absolute.Scheme, root.Scheme, StringComparison.OrdinalIgnoreCase) ||
                    !string.Equals(absolute.Authority, root.Authority, StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"'{absolute.GetLeftPart(UriPartial.Authority)}' is not the API this connection uses " +
                        $"({root.GetLeftPart(UriPartial.Authority)}): the token is sent only there. Give the path below it, e.g. /v2/users/me.", "Path");
                var prefix = root.AbsolutePath.TrimEnd('/');
                var rest = absolute.GetComponents(UriComponents.Path | UriComponents.Query | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
                if (!rest.StartsWith("/", StringComparison.Ordinal)) rest = "/" + rest;
                if (prefix.Length > 0)
                {
                    if (!rest.StartsWith(prefix + "/", StringComparison.Ordinal))
                        throw new ArgumentException($"'{text}' is not below the API root {root}.", "Path");
                    rest = rest.Substring(prefix.Length);
                }
                text = rest;
            }
            if (text.IndexOf('#') >= 0) throw new ArgumentException($"'{text}' has a fragment ('#'), which is never sent: remove it.", "Path");
            var queryAt = text.IndexOf('?');
            var pathPart = queryAt >= 0 ? text.Substring(0, queryAt) : text;
            var queryPart = queryAt >= 0 ? text.Substring(queryAt + 1) : "";
            if (!pathPart.StartsWith("/", StringComparison.Ordinal)) pathPart = "/" + pathPart;
            if (pathPart.IndexOf('\\') >= 0) throw new ArgumentException($"'{pathPart}' holds '\\': API paths are separated by '/'.", "Path");
            if (!(pathPart == "/v2" || pathPart.StartsWith("/v2/", StringComparison.Ordinal)))
                throw new ArgumentException($"'{pathPart}' is not an Apify API v2 path: the paths start with /v2/ (e.g. /v2{(pathPart == "/" ? "/users/me" : pathPart)}).", "Path");
            var parts = pathPart.Substring(3).Split('/');
            var apiPath = ApifyPath.V2;
            // The first part is empty (the '/' after v2); a trailing '/' adds nothing.
            for (var i = 1; i < parts.Length; i++)
            {
                if (i == parts.Length - 1 && parts[i].Length == 0) break;
                var value = Unescape(parts[i]);
                try
                {
                    apiPath = s_fixedPart.IsMatch(value) ? apiPath.Add(value) : apiPath.Add(PathSegment.Segment, value);
                }
                catch (ApifyPathException ex)
                {
                    throw new ArgumentException($"'{pathPart}' cannot be sent: part {i} ('{PathSegment.Show(value)}') {ex.Problem}.", "Path", ex);
                }
            }
            return (apiPath, ParseQuery(queryPart));
        }

        private static List<KeyValuePair<string, string>> ParseQuery(string query)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var part in query.Split('&'))
            {
                if (part.Length == 0) continue;
                var eq = part.IndexOf('=');
                var name = Unescape((eq >= 0 ? part.Substring(0, eq) : part).Replace('+', ' '));
                var value = eq >= 0 ? Unescape(part.Substring(eq + 1).Replace('+', ' ')) : "";
                if (name.Length > 0) pairs.Add(new KeyValuePair<string, string>(name, value));
            }
            return pairs;
        }

        private static string Unescape(string text) => text.IndexOf('%') >= 0 ? Uri.UnescapeDataString(text) : text;

        public override string ToString() => Method.Method + " " + Path.Value;
    }
}
