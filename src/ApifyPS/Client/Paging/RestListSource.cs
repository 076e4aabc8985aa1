using System.Globalization;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// Any list endpoint, for Invoke-ApifyRestMethod -All: which of the API's three kinds of paging it uses is read from
    /// each answer (<see cref="RestListKind"/>), and the walk goes on by that kind's rule, the same rules as the typed
    /// sources (<see cref="EnvelopeListSource{T}"/>, <see cref="DatasetItemsSource{T}"/>, <see cref="KeyListSource{T}"/>):
    /// a short or empty page ends an offset list (with <c>clean</c> or <c>skipEmpty</c>, dataset items advance by the
    /// window up to the total), a key list ends when it is not truncated. Each page is read into a pooled buffer inside
    /// its request and its items built by the caller's reader there, so a page that does not parse is a failed attempt.
    /// A <c>limit</c> is always sent (dataset items have no default of their own): 1000 unless the query gave one.
    /// </summary>
    internal sealed class RestListSource<T> : PageSource<T, RestCursor>
    {
        private readonly ApifyRequestCore _core;
        private readonly ApifyRestRequest _rest;
        private readonly ApifyQuery _query;
        private readonly JsonValueReader<T> _readItem;
        private readonly bool _advanceByWindow;
        private RestListKind? _kind;

        public RestListSource(ApifyRequestCore core, ApifyRestRequest rest, JsonValueReader<T> readItem)
        {
            _core = core;
            _rest = rest;
            _readItem = readItem;
            _query = rest.QueryWithout("offset", "limit", "exclusiveStartKey");
            _advanceByWindow = IsTrue(rest.QueryValue("clean")) || IsTrue(rest.QueryValue("skipEmpty"));
        }

        public override int? DefaultPageSize => ApifyPageLimits.MaxPageSize;

        public override long? MaxLimit => _kind == RestListKind.Keys ? KeyListSource<T>.MaxKeyPageSize : (long?)null;

        public override Task<IListPage<T>> FetchAsync(RestCursor cursor, long? limit, bool first, CancellationToken cancellationToken)
        {
            var query = _query.Clone();
            if (_kind != RestListKind.Keys && cursor.Offset > 0) query.Add("offset", cursor.Offset);
            if (_kind != RestListKind.Envelope && _kind != RestListKind.Array) query.Add("exclusiveStartKey", cursor.Key);
            query.Add("limit", limit);
            var request = new ApifyRequest(HttpMethod.Get, _rest.Path, new ApifyRequestPolicy(ApifyRequestKind.Read, ApifyTimeoutTier.Request, ApifyRequestPolicy.Json), query);
            return _core.ExecuteAsync(request, (response, token) => ReadPageAsync(request, response, token), cancellationToken);
        }

        private async Task<IListPage<T>> ReadPageAsync(ApifyRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
        {
            var media = response.Content.Headers.ContentType?.MediaType;
            if (media != null && !ContentTypes.IsJson(media)) throw NotAList(request, response, $"{media}, not a JSON list");
            using var body = await ResponseBody.ReadAllAsync(response,
                _core.JsonCap(ApifyBodyKind.ListPage, "one page of a list", "Ask for fewer items per page (limit in -Query)."), cancellationToken).ConfigureAwait(false);
            var reader = new Utf8JsonReader(body.Json, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read()) throw new JsonException("The answer is empty.");
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                var items = ReadItems(ref reader);
                return new RestPage(RestListKind.Array, items, Header(response, "Total"), Header(response, "Limit"), false, null);
            }
            if (reader.TokenType != JsonTokenType.StartObject) throw NotAList(request, response, "a JSON value that is not a list");
            List<T>? found = null;
            long? total = null, limit = null;
            bool? truncated = null;
            string? nextKey = null;
            var hasNextKey = false;
            var sawData = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("data") || sawData)
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }
                sawData = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    switch (name)
                    {
                        case "items" when reader.TokenType == JsonTokenType.StartArray: found = ReadItems(ref reader); break;
                        case "total" when reader.TokenType == JsonTokenType.Number: total = reader.GetInt64(); break;
                        case "limit" when reader.TokenType == JsonTokenType.Number: limit = reader.GetInt64(); break;
                        case "isTruncated" when reader.TokenType == JsonTokenType.True || reader.TokenType == JsonTokenType.False:
                            truncated = reader.GetBoolean();
                            break;
                        case "nextExclusiveStartKey":
                            hasNextKey = true;
                            nextKey = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                            if (reader.TokenType != JsonTokenType.String) reader.Skip();
                            break;
                        default: reader.Skip(); break;
                    }
                }
            }
            if (found == null) throw NotAList(request, response, "an answer without data.items");
            var keys = truncated.HasValue || hasNextKey;
            return new RestPage(keys ? RestListKind.Keys : RestListKind.Envelope, found, keys ? null : total, limit, truncated == true, nextKey);
        }

        private List<T> ReadItems(ref Utf8JsonReader reader)
        {
            var items = new List<T>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(_readItem(ref reader));
            return items;
        }

        public override bool TryAdvance(IListPage<T> page, RestCursor cursor, long? limit, out RestCursor next)
        {
            var p = (RestPage)page;
            _kind = p.Kind;
            if (p.Kind == RestListKind.Keys)
            {
                next = new RestCursor(0, p.NextKey);
                if (!p.IsTruncated || page.Count == 0 || string.IsNullOrEmpty(p.NextKey)) return false;
                if (string.Equals(p.NextKey, cursor.Key, StringComparison.Ordinal))
                    throw new ApifyApiException(null, ApifyErrorTypes.InvalidResponse,
                        $"GET {_rest.Path.Value} answered the same nextExclusiveStartKey it was asked to start after.", "GET", _rest.Path.Value, null)
                    { Stage = ApifyFailureStage.Answered };
                return true;
            }
            var window = page.Limit is long answered && answered > 0 ? (limit.HasValue ? Math.Min(answered, limit.Value) : answered) : limit;
            if (_advanceByWindow && p.Kind == RestListKind.Array)
            {
                var after = cursor.Offset + Math.Max(window ?? 0, page.Count);
                next = new RestCursor(after, null);
                return page.Total.HasValue ? after < page.Total.Value : page.Count > 0;
            }
            next = new RestCursor(cursor.Offset + page.Count, null);
            return !PagePlanner.IsLastPage(page.Count, window ?? 0, limit);
        }

        public override bool EndAnnounced(IListPage<T> page, RestCursor next) =>
            ((RestPage)page).Kind != RestListKind.Keys && page.Total > 0 && next.Offset >= page.Total;

        private ApifyApiException NotAList(ApifyRequest request, HttpResponseMessage response, string what)
        {
            var error = _core.Failure(request, response.StatusCode, ApifyErrorTypes.InvalidResponse,
                $"-All walks a list, but {request.Method.Method} {request.PathAndQuery} answered {what}. Call it without -All.", null,
                ApifyFailureStage.Answered);
            return error;
        }

        private static long? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues("X-Apify-Pagination-" + name, out var values) &&
            long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : (long?)null;

        private static bool IsTrue(string? value) => value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

        private sealed class RestPage : ArrayPage<T>
        {
            public RestPage(RestListKind kind, IReadOnlyList<T> items, long? total, long? limit, bool isTruncated, string? nextKey)
                : base(items, total, limit)
            {
                Kind = kind;
                IsTruncated = isTruncated;
                NextKey = nextKey;
            }

            public RestListKind Kind { get; }

            public bool IsTruncated { get; }

            public string? NextKey { get; }
        }
    }
}
