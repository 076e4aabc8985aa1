using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// The one door every request goes through: the absolute URI exactly as built, bearer auth (the token only ever in
    /// the Authorization header), the Accept header and timeout of the endpoint's declared policy, the process's one
    /// resilience pipeline (retries, pacing, one verbose line per attempt), bounded body reads and typed errors.
    /// Resource clients reach it through <see cref="ApifyClient"/>.
    /// </summary>
    internal sealed class ApifyRequestCore
    {
        private readonly HttpClient _http;

        public ApifyRequestCore(ApifyConnection connection, ApifyClientOptions options)
        {
            Connection = connection;
            Options = options;
            _http = HttpClientPool.For(connection.BaseUri);
        }

        public ApifyConnection Connection { get; }

        public ApifyClientOptions Options { get; }

        /// <summary>
        /// Sends the request and hands a successful response to <paramref name="read"/>, all under the request's
        /// timeout; a failed answer becomes an <see cref="ApifyApiException"/>. The response is disposed afterwards.
        /// Every attempt (send and read together) runs in the process's one resilience pipeline
        /// (<see cref="ApifyResilience"/>): retried with backoff when that is safe for the request's
        /// <see cref="ApifyRequestKind"/>, paced under the resource's rate limit, one verbose line per attempt.
        /// </summary>
        public async Task<T> ExecuteAsync<T>(ApifyRequest request, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
            CancellationToken cancellationToken)
        {
            // Both refusals happen before anything is sent: no token over plain http to another machine unless the
            // user said so, and no URI that would not be sent exactly as built.
            Connection.EnsureTransportAllowed();
            request.UriOn(Connection.BaseUri);
            if (request.Kind == ApifyRequestKind.Create && request.OutcomeCheck == null)
                throw new InvalidOperationException($"{request}: a request that creates or starts something declares its outcome check.");
            var attempts = new ApifyRequestAttempts(request, Options.EffectiveRetryPolicy(), Log);
            var context = Polly.ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(ApifyResilience.AttemptsKey, attempts);
            try
            {
                return await ApifyResilience.Pipeline.ExecuteAsync(
                    (ctx, state) => new ValueTask<T>(state.Core.AttemptAsync(state.Attempts, state.Read, ctx.CancellationToken)),
                    context, (Core: this, Attempts: attempts, Read: read)).ConfigureAwait(false);
            }
            catch (ApifyApiException ex)
            {
                throw attempts.Final(ex, Connection.Token);
            }
            finally
            {
                Polly.ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>One attempt: wait for the resource's turn, send, read; every failure becomes a classified ApifyApiException.</summary>
        private async Task<T> AttemptAsync<T>(ApifyRequestAttempts attempts, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
            CancellationToken cancellationToken)
        {
            var request = attempts.Request;
            attempts.BeginAttempt();
            var rateKey = ApifyRateLimiter.KeyOf(Connection.BaseUri, request.ApiPath, request.Policy.Lane);
            var paced = await ApifyRateLimiter.WaitTurnAsync(rateKey, cancellationToken).ConfigureAwait(false);
            var timeout = TimeoutOf(request);
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout != System.Threading.Timeout.InfiniteTimeSpan) timeoutCts.CancelAfter(timeout);
            var token = timeoutCts.Token;
            var stopwatch = Stopwatch.StartNew();
            HttpResponseMessage? response = null;
            CapturingContent? traced = null;
            try
            {
                using (var message = CreateMessage(request))
                {
                    if (Options.Debug != null) Trace(await HttpExchangeTrace.RequestAsync(message, _http, attempts.Count, Connection.Token).ConfigureAwait(false));
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                }
                if (Options.Debug != null)
                {
                    // -Debug: the answer's status and headers now, its body's excerpt once read (in finally).
                    Trace(HttpExchangeTrace.Response(response, stopwatch.ElapsedMilliseconds, Connection.Token));
                    response.Content = traced = new CapturingContent(response.Content, HttpExchangeTrace.ExcerptBytes);
                }
                // A body streamed to disk: from here on only a pause between its bytes times it out (the reader's own
                // timer, see ResponseBody.CopyToAsync), not the whole download.
                if (request.Policy.Timeout == ApifyTimeoutTier.BetweenBytes) timeoutCts.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
                var retryAfter = RetryAfterOf(response);
                ApifyRateLimiter.Observe(rateKey, response, retryAfter);
                if (IsRedirect(response.StatusCode))
                {
                    var error = RedirectError(request, response);
                    error.Stage = ApifyFailureStage.Answered;
                    attempts.RecordFailure($"{$"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd()} (a redirect to {error.Location?.ToString() ?? "nowhere"}, not followed)",
                        stopwatch.ElapsedMilliseconds, paced);
                    throw error;
                }
                if (!response.IsSuccessStatusCode)
                {
                    var error = await ErrorFromResponseAsync(request, response, token).ConfigureAwait(false);
                    error.RetryAfter = retryAfter;
                    error.Stage = ApifyFailureStage.Answered;
                    attempts.RecordFailure($"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd(), stopwatch.ElapsedMilliseconds, paced);
                    throw error;
                }
                attempts.BodyHandedOver = true;
                var result = await read(response, token).ConfigureAwait(false);
                attempts.LogSuccess($"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd(), stopwatch.ElapsedMilliseconds, paced);
                return result;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && timeoutCts.IsCancellationRequested &&
                                       (ex is OperationCanceledException || ex is IOException || ex is HttpRequestException))
            {
                // The time that really passed, measured: every read is bounded by the same token, so it is the timeout
                // give or take the moment it took to notice.
                var elapsed = stopwatch.Elapsed;
                attempts.RecordFailure($"no complete answer within {Seconds(timeout)} s", stopwatch.ElapsedMilliseconds, paced);
                throw Failure(request, response?.StatusCode, ApifyErrorTypes.RequestTimeout,
                    $"{request.Method.Method} {request.PathAndQuery} got no complete answer in {Seconds(elapsed, "0.0")} s " +
                    $"(the timeout of this request is {Seconds(timeout)} s).", null,
                    // Success headers had come (a start was accepted): only its body is missing.
                    response?.IsSuccessStatusCode == true ? ApifyFailureStage.Body : ApifyFailureStage.Timeout);
            }
            catch (ResponseBodyStalledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                attempts.RecordFailure($"{(int?)response?.StatusCode}, then nothing for {Seconds(ex.Waited, "0.0")} s after {ex.BytesBefore} bytes",
                    stopwatch.ElapsedMilliseconds, paced);
                throw Failure(request, response?.StatusCode, ApifyErrorTypes.RequestTimeout,
                    $"{request.Method.Method} {request.PathAndQuery} answered {(int?)response?.StatusCode}, then sent nothing for " +
                    $"{Seconds(ex.Waited, "0.0")} s after {ex.BytesBefore} bytes ({Seconds(stopwatch.Elapsed, "0.0")} s in all; at most " +
                    $"{Seconds(ex.Timeout)} s may pass between bytes).", null,
                    response?.IsSuccessStatusCode == true ? ApifyFailureStage.Body : ApifyFailureStage.Timeout);
            }
            catch (ResponseTooLargeException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var announced = ex.Announced.HasValue ? $" (its Content-Length: {ex.Announced.Value} bytes)" : "";
                attempts.RecordFailure($"{(int?)response?.StatusCode} with more than {BodyCap.Format(ex.Cap.Bytes)}", stopwatch.ElapsedMilliseconds, paced);
                var tooLarge = Failure(request, response?.StatusCode, ApifyErrorTypes.InvalidResponse,
                    $"{request.Method.Method} {request.PathAndQuery} answered {(int?)response?.StatusCode} with {ex.Message}{announced}." +
                    (ex.Cap.Advice == null ? "" : " " + ex.Cap.Advice), null, ApifyFailureStage.TooLarge);
                tooLarge.OversizedBody = ex.Cap.Kind;
                throw tooLarge;
            }
            catch (ApifyOutFileException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A local failure: the answer was fine, so it is not repeated (ShouldRetry takes only API errors).
                attempts.LogSuccess($"{(int?)response?.StatusCode}, but the file could not be written ({ex.Problem})", stopwatch.ElapsedMilliseconds, paced);
                throw;
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && !(ex is OperationCanceledException))
            {
                // Ctrl+C can surface as an IOException from a read it interrupted: report it as the cancellation it is.
                throw new OperationCanceledException(cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                var neverSent = ApifyResilience.NeverSent(ex);
                attempts.RecordFailure($"connection failed ({Innermost(ex).Message})", stopwatch.ElapsedMilliseconds, paced);
                throw Failure(request, null, ApifyErrorTypes.ConnectionFailed,
                    $"{request.Method.Method} {request.PathAndQuery} failed: {Innermost(ex).Message}", ex,
                    neverSent ? ApifyFailureStage.NotSent : ApifyFailureStage.NoAnswer);
            }
            catch (IOException ex)
            {
                attempts.RecordFailure($"{(int?)response?.StatusCode} with a body that broke off ({ex.Message})".TrimStart(), stopwatch.ElapsedMilliseconds, paced);
                throw Failure(request, response?.StatusCode, ApifyErrorTypes.ConnectionFailed,
                    $"{request.Method.Method} {request.PathAndQuery} answered {(int?)response?.StatusCode}, then the connection broke while reading the answer: {ex.Message}", ex,
                    response == null ? ApifyFailureStage.NoAnswer : ApifyFailureStage.Body);
            }
            catch (JsonException ex)
            {
                // The whole answer arrived (a body that broke off is an IOException above), but it is not the JSON expected.
                var media = response?.Content.Headers.ContentType?.MediaType;
                var what = media == null || ContentTypes.IsJson(media) ? "" : $" ({media})";
                attempts.RecordFailure($"{(int?)response?.StatusCode}{what} with unreadable JSON", stopwatch.ElapsedMilliseconds, paced);
                throw Failure(request, response?.StatusCode, ApifyErrorTypes.InvalidResponse,
                    $"{request.Method.Method} {request.PathAndQuery} answered {(int?)response?.StatusCode}{what} with JSON that could not be read: {ex.Message}", ex,
                    ApifyFailureStage.Unusable);
            }
            catch (ApifyApiException ex)
            {
                if (ex.TargetId == null) ex.TargetId = request.TargetId;
                if (ex.Stage == ApifyFailureStage.Unknown && response != null && response.IsSuccessStatusCode)
                {
                    // The reader refused a successful answer (no 'data', wrong shape): garbage, like unreadable JSON.
                    ex.Stage = ApifyFailureStage.Unusable;
                    attempts.RecordFailure($"{(int)response.StatusCode} with an unusable body", stopwatch.ElapsedMilliseconds, paced);
                }
                throw;
            }
            finally
            {
                if (traced != null && HttpExchangeTrace.BodyRead(traced, Connection.Token) is string body) Trace(body);
                response?.Dispose();
            }
        }

        /// <summary>Retry-After as a wait (seconds or a date), capped at <see cref="ApifyRetryPolicy.MaxRetryAfter"/>.</summary>
        private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            TimeSpan? wait = header.Delta ?? (header.Date.HasValue ? header.Date.Value - DateTimeOffset.UtcNow : (TimeSpan?)null);
            if (wait == null) return null;
            if (wait < TimeSpan.Zero) return TimeSpan.Zero;
            return wait > ApifyRetryPolicy.MaxRetryAfter ? ApifyRetryPolicy.MaxRetryAfter : wait;
        }

        /// <summary>Reads the <c>data</c> of a JSON answer straight from the response stream.</summary>
        public Task<T> GetDataAsync<T>(ApifyRequest request, CancellationToken cancellationToken) =>
            ExecuteAsync(request, (response, token) => ReadDataAsync<T>(request, response, token), cancellationToken);

        internal async Task<T> ReadDataAsync<T>(ApifyRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
        {
            DataEnvelope<T>? envelope;
            using (var body = await ResponseBody.ReadAllAsync(response, JsonCap(ApifyBodyKind.JsonAnswer, "a JSON answer"), cancellationToken).ConfigureAwait(false))
                envelope = JsonSerializer.Deserialize<DataEnvelope<T>>(body.Json, ApifyJson.Options);
            if (envelope == null || envelope.Data == null)
                throw Failure(request, response.StatusCode, ApifyErrorTypes.InvalidResponse,
                    $"{request.Method.Method} {request.PathAndQuery} answered {(int)response.StatusCode} without the expected 'data' object.", null);
            return envelope.Data;
        }

        /// <summary>The per-attempt timeout of the request's declared tier (<see cref="ApifyTimeoutTier"/>).</summary>
        internal TimeSpan TimeoutOf(ApifyRequest request)
        {
            switch (request.Policy.Timeout)
            {
                case ApifyTimeoutTier.LongPoll: return TimeSpan.FromSeconds(request.LongPollSeconds) + Options.LongPollMargin;
                case ApifyTimeoutTier.RunSync: return Options.RunSyncTimeout;
                case ApifyTimeoutTier.None: return System.Threading.Timeout.InfiniteTimeSpan;
                default: return Options.RequestTimeout;
            }
        }

        private HttpRequestMessage CreateMessage(ApifyRequest request)
        {
            // Composed as text and checked, never resolved against the base: no dot segment or unescaping can move it.
            var uri = request.UriOn(Connection.BaseUri);
            var message = new HttpRequestMessage(request.Method, uri);
            // The token travels only here, never in the URL.
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Connection.Token);
            message.Headers.Accept.ParseAdd(request.Policy.Accept);
            message.Content = request.Content != null ? request.Content() : EmptyBody(request);
            return message;
        }

        /// <summary>
        /// A request without a body of its own gets an empty one (Content-Length: 0), except a plain read (GET or HEAD
        /// that starts nothing). Why: .NET's SocketsHttpHandler sends a request that has no body again by itself, up to
        /// 3 more times, when the connection closes cleanly (FIN) before the first byte of an answer, as a server or
        /// proxy closing a keep-alive connection does, even after the server read the request and acted on it (one
        /// Start-ApifyBuild made 4 builds); a request with a body it never sends twice. So a start or create (run-sync
        /// without input is a GET start) reaches the server exactly as often as the module decides. Plain reads go
        /// without one, as HTTP expects (some CDNs refuse a GET with a body): the pool may repeat such a read after a
        /// clean close, which is harmless for a read, and the verbose line counts the module's own attempts.
        /// .NET Framework's HttpWebRequest refuses a body on GET and HEAD, which go without one there.
        /// </summary>
        private static HttpContent? EmptyBody(ApifyRequest request)
        {
            var plainRead = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
            if (plainRead && (request.Kind != ApifyRequestKind.Create || s_onNetFramework)) return null;
            return new ByteArrayContent(Array.Empty<byte>());
        }

        private static readonly bool s_onNetFramework =
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static bool IsRedirect(HttpStatusCode status) => (int)status >= 300 && (int)status <= 399;

        /// <summary>
        /// A 3xx answer, not followed: the API never redirects, so it comes from something in between (a proxy, a
        /// captive portal, a wrong base URI), and following it would send the token, and a start's body, there. Not
        /// retried: the answer would be the same.
        /// </summary>
        private ApifyApiException RedirectError(ApifyRequest request, HttpResponseMessage response)
        {
            var sent = request.UriOn(Connection.BaseUri);
            var location = response.Headers.Location;
            if (location != null && !location.IsAbsoluteUri && Uri.TryCreate(sent, location, out var resolved)) location = resolved;
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
            var where = location != null ? $"a redirect to {location}" : "a redirect without a Location";
            var error = Failure(request, response.StatusCode, ApifyErrorTypes.RedirectNotFollowed,
                $"{request.Method.Method} {request.PathAndQuery} answered {status}, {where}. It was not followed: the Apify API never " +
                $"redirects, and following it would send the token{(request.Content != null ? " and the request's body" : "")} there. " +
                $"Check the base URI ({Connection.BaseUri}).", null, ApifyFailureStage.Answered);
            error.Location = location;
return error;
        }

        private async Task<ApifyApiException> ErrorFromResponseAsync(ApifyRequest request, HttpResponseMessage response, CancellationToken token)
        {
            byte[] body;
            try
            {
                body = await ResponseBody.ReadPrefixAsync(response, 64 * 1024, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                body = Array.Empty<byte>();
            }
            var error = ApifyErrorParser.FromResponse(response.StatusCode, response.ReasonPhrase,
                response.Content.Headers.ContentType?.MediaType, body, request.Method.Method, request.PathAndQuery, Connection.Token);
            error.TargetId = request.TargetId;
            return error;
        }

        /// <summary>The cap of a JSON answer read into memory (<see cref="ApifyClientOptions.MaxJsonBytes"/>).</summary>
        internal BodyCap JsonCap(ApifyBodyKind kind, string what, string? advice = null) => new BodyCap(Options.MaxJsonBytes, kind, what, advice);

        /// <summary>The cap of a record read into memory (<see cref="ApifyClientOptions.MaxRecordBytes"/>).</summary>
        internal BodyCap RecordCap(ApifyBodyKind kind, string what, string advice) => new BodyCap(Options.MaxRecordBytes, kind, what, advice);

        private static string Seconds(TimeSpan time, string format = "0.###") =>
            time.TotalSeconds.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

        internal ApifyApiException Failure(ApifyRequest request, HttpStatusCode? status, string type, string message, Exception? inner,
            ApifyFailureStage stage = ApifyFailureStage.Unknown) =>
            new ApifyApiException(status, type, ApifyErrorParser.Redact(message, Connection.Token), request.Method.Method,
                request.PathAndQuery, inner) { TargetId = request.TargetId, Stage = stage };

        internal void Log(string line) => Options.Verbose?.Invoke(ApifyErrorParser.Redact(line, Connection.Token));

        /// <summary>A -Debug line (<see cref="ApifyClientOptions.Debug"/>); redacted again, whatever made it.</summary>
        private void Trace(string text)
        {
            try
            {
                Options.Debug?.Invoke(ApifyErrorParser.Redact(text, Connection.Token));
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // A trace that cannot be written must not fail the request.
            }
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }
}
