using System.IO;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// Any endpoint (Invoke-ApifyRestMethod), through the same request core as every typed call: the connection, pacing,
    /// retries and errors. The policy comes from the method, declared once here: GET and HEAD are reads (a
    /// <c>waitForFinish</c> makes a long poll), PUT and DELETE idempotent writes (an abort too), and a POST, or any
    /// run-sync, a create that is never repeated after an ambiguous failure (its error names the GET that shows whether
    /// it happened). Lists are walked by the one paging engine (<see cref="RestListSource{T}"/>).
    /// </summary>
    public sealed class RestClient : ApifyResourceClient
    {
        /// <summary>What an arbitrary endpoint is asked for: JSON, which nearly all answer with, or what it has.</summary>
        public const string AcceptAnswer = "application/json, */*;q=0.8";

        private static readonly string[] s_startParts = { "runs", "builds", "metamorph", "resurrect", "reboot" };
        private static readonly string[] s_actionParts = { "metamorph", "resurrect", "reboot", "charge", "validate-input", "test", "abort" };

        internal RestClient(ApifyClient client)
            : base(client)
        {
        }

        /// <summary>Sends the request and reads its answer whole (under the caps of JSON answers and records).</summary>
        public Task<ApifyRestResponse> SendAsync(ApifyRestRequest rest, CancellationToken cancellationToken = default)
        {
            var request = RequestFor(rest, rest.QueryWithout(), download: false);
            return Core.ExecuteAsync(request, (response, token) => ReadAsync(rest, response, token), cancellationToken);
        }

        /// <summary>
        /// Sends the request and streams its body to <paramref name="path"/> (<see cref="OutFileWriter"/>: a temporary
        /// file renamed over the target once complete; the folder and -NoClobber checked before the request).
        /// </summary>
        public async Task<ApifyRestResponse> SaveAsync(ApifyRestRequest rest, string path, bool noClobber, CancellationToken cancellationToken = default)
        {
            var request = RequestFor(rest, rest.QueryWithout(), download: true);
            var timeoutBetweenBytes = Core.Options.RequestTimeout;
            using var file = OutFileWriter.Create(path, noClobber);
            var answer = await Core.ExecuteAsync(request, async (response, token) =>
            {
                var written = await file.WriteAsync(response, timeoutBetweenBytes, token).ConfigureAwait(false);
                return new ApifyRestResponse((int)response.StatusCode, HeadersOf(response), response.Content.Headers.ContentType?.ToString(),
                    Array.Empty<byte>(), false, 0, 0, false, file.Path, written);
            }, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            file.Commit();
            return answer;
        }

        /// <summary>
        /// Every item of a list endpoint, lazily, whatever its kind of paging: offset lists in the <c>data</c> envelope,
        /// dataset items (a bare array, paged by the X-Apify-Pagination-* headers) and key lists (by
        /// <c>exclusiveStartKey</c>), told apart by the first answer. The query's <c>offset</c> or
        /// <c>exclusiveStartKey</c> is where the walk starts, its <c>limit</c> the page size (default 1000).
        /// </summary>
        public IAsyncEnumerable<T> WalkAsync<T>(ApifyRestRequest rest, JsonValueReader<T> readItem, CancellationToken cancellationToken = default)
        {
            if (rest.Method != HttpMethod.Get)
                throw new ArgumentException($"-All walks a list, which is read with GET, not {rest.Method.Method}.", "All");
            var source = new RestListSource<T>(Core, rest, readItem);
            var start = new RestCursor(ParseCount(rest.QueryValue("offset"), "offset") ?? 0, NullIfEmpty(rest.QueryValue("exclusiveStartKey")));
            var pageSize = ParseCount(rest.QueryValue("limit"), "limit");
            return PageWalker.WalkAsync(source, start, new PageWalk<T>
            {
                PageSize = pageSize > 0 ? (int)Math.Min(pageSize.Value, int.MaxValue) : (int?)null,
                ReadAheadAt = Core.Options.ReadAheadAt,
                ReadAheadMinItems = Core.Options.ReadAheadMinItems,
            }, cancellationToken);
        }

        /// <summary>The request with its declared policy; <paramref name="query"/> is what is sent.</summary>
        internal ApifyRequest RequestFor(ApifyRestRequest rest, ApifyQuery query, bool download)
        {
            var path = rest.Path.Value;
            var last = path.Substring(path.LastIndexOf('/') + 1);
            var runSync = last.StartsWith("run-sync", StringComparison.Ordinal);
            var method = rest.Method.Method;
            ApifyRequestPolicy policy;
            var longPoll = 0;
            if (runSync)
                policy = ApifyRequestPolicy.RunSync;
            else if (method == "GET" || method == "HEAD")
            {
                var wait = ParseCount(rest.QueryValue("waitForFinish"), "waitForFinish") ?? 0;
                if (wait > 0 && !download)
                {
                    longPoll = (int)Math.Min(wait, int.MaxValue);
                    policy = new ApifyRequestPolicy(ApifyRequestKind.LongPoll, ApifyTimeoutTier.LongPoll, AcceptAnswer);
                }
                else
                    policy = new ApifyRequestPolicy(ApifyRequestKind.Read, download ? ApifyTimeoutTier.BetweenBytes : ApifyTimeoutTier.Request, AcceptAnswer);
            }
            else if (method == "PUT" || method == "DELETE" || (method == "POST" && last == "abort"))
                policy = new ApifyRequestPolicy(ApifyRequestKind.Write, ApifyTimeoutTier.Request, AcceptAnswer);
            else
                policy = new ApifyRequestPolicy(ApifyRequestKind.Create, ApifyTimeoutTier.Request, AcceptAnswer,
                    Array.IndexOf(s_startParts, last) >= 0 ? ApifyRateLane.Starts : ApifyRateLane.Resource);
            var request = new ApifyRequest(rest.Method, rest.Path, policy, query)
            {
                Content = ContentOf(rest),
                OutcomeCheck = policy.Kind == ApifyRequestKind.Create ? ApifyOutcomeCheck.AtPath(CheckPathOf(path, last, runSync)) : null,
            };
            if (longPoll > 0) request.LongPollSeconds = longPoll;
            return request;
        }

        /// <summary>Where to look whether a create happened: the list it adds to (the Actor's runs for a run-sync), or the thing an action is on.</summary>
        private static string CheckPathOf(string path, string last, bool runSync)
        {
            var parent = path.Substring(0, path.LastIndexOf('/'));
            if (runSync) return parent + "/runs";
            return Array.IndexOf(s_actionParts, last) >= 0 ? parent : path;
        }

        private static Func<HttpContent>? ContentOf(ApifyRestRequest rest)
        {
            if (rest.Body != null)
            {
                var bytes = rest.Body;
                var type = rest.ContentType ?? "application/json; charset=utf-8";
                return () =>
                {
                    var content = new ByteArrayContent(bytes);
                    content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
                    return content;
                };
            }
            if (rest.BodyFile != null)
            {
                var file = rest.BodyFile;
                var type = rest.ContentType ?? ContentTypes.ForFile(file);
                return () =>
                {
                    var content = new StreamContent(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
                    content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
                    return content;
                };
            }
            return null;
        }

        private async Task<ApifyRestResponse> ReadAsync(ApifyRestRequest rest, HttpResponseMessage response, CancellationToken token)
        {
            var status = (int)response.StatusCode;
            var headers = HeadersOf(response);
            var contentType = response.Content.Headers.ContentType?.ToString();
            if (rest.Method == HttpMethod.Head || status == 204 || response.Content.Headers.ContentLength == 0)
                return new ApifyRestResponse(status, headers, contentType, Array.Empty<byte>(), false, 0, 0, false);
            var isJson = ContentTypes.IsJson(contentType);
            var cap = isJson
                ? Core.JsonCap(ApifyBodyKind.JsonAnswer, "a JSON answer", "Walk a list page by page with -All, or write the answer to a file with -OutFile.")
                : Core.RecordCap(ApifyBodyKind.Record, "an answer", "Write it to a file with -OutFile: that is streamed to disk.");
            byte[] body;
            using (var pooled = await ResponseBody.ReadAllAsync(response, cap, token).ConfigureAwait(false))
                body = pooled.ToArray();
            if (!isJson || body.Length == 0) return new ApifyRestResponse(status, headers, contentType, body, false, 0, 0, false);
            var (start, length, hasData) = LocateData(body);
            return new ApifyRestResponse(status, headers, contentType, body, true, start, length, hasData);
        }

        /// <summary>
        /// Checks the whole body is one JSON value (a <see cref="JsonException"/> otherwise: an unusable answer) and finds
        /// the value of a top-level <c>data</c>, the API's envelope; without one, the whole value.
        /// </summary>
        internal static (int Start, int Length, bool HasData) LocateData(byte[] body)
        {
            var offset = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            var span = new ReadOnlySpan<byte>(body, offset, body.Length - offset);
            var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read()) throw new JsonException("The answer is empty.");
            int dataStart = -1, dataEnd = -1;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isData = reader.ValueTextEquals("data");
                    reader.Read();
                    var at = (int)reader.TokenStartIndex;
                    reader.Skip();
                    if (isData && dataStart < 0)
                    {
                        dataStart = at;
                        dataEnd = (int)reader.BytesConsumed;
                    }
                }
            }
            else
            {
                reader.Skip();
            }
            var end = (int)reader.BytesConsumed;
            if (reader.Read()) throw new JsonException("The answer holds more than one JSON value.");
            return dataStart >= 0 ? (offset + dataStart, dataEnd - dataStart, true) : (offset, end, false);
        }

        internal static IReadOnlyDictionary<string, string[]> HeadersOf(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers) headers[header.Key] = header.Value.ToArray();
            foreach (var header in response.Content.Headers) headers[header.Key] = header.Value.ToArray();
            return headers;
        }

        private static long? ParseCount(string? text, string name)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (!long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 0)
                throw new ArgumentException($"The query parameter '{name}' must be a non-negative integer, not '{text}'.", "Query");
            return value;
        }

        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
    }
}
