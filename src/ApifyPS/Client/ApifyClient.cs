using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ApifyPS.Client
{
    /// <summary>
    /// The one door every request goes through: base URI, bearer auth, User-Agent, timeouts, the <c>data</c>
    /// envelope and typed errors. Endpoint methods live in the partial files next to this one (one per area).
    /// An instance is cheap (one per cmdlet invocation); the HTTP connections behind it are pooled per base URI
    /// for the whole process.
    /// </summary>
    public sealed partial class ApifyClient
    {
        private static readonly ConcurrentDictionary<string, HttpClient> s_httpClients =
            new ConcurrentDictionary<string, HttpClient>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The module version, read from the assembly (stamped from the one version source).</summary>
        public static readonly string Version =
            typeof(ApifyClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(ApifyClient).Assembly.GetName().Version?.ToString() ?? "0.0.0";

        public static readonly string UserAgent =
            $"ApifyPS/{Version} (PowerShell module; {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.Trim()})";

        private readonly HttpClient _http;

        public ApifyClient(ApifyConnection connection, ApifyClientOptions? options = null)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            Options = options ?? new ApifyClientOptions();
            _http = s_httpClients.GetOrAdd(connection.BaseUri.GetLeftPart(UriPartial.Authority), _ => CreateHttpClient());
        }

        public ApifyConnection Connection { get; }

        public ApifyClientOptions Options { get; }

        private static HttpClient CreateHttpClient()
        {
            var handler = new HttpClientHandler
            {
                // The real API compresses when asked; the local server may not. Both are fine.
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
            };
            var http = new HttpClient(handler, disposeHandler: true)
            {
                // Timeouts are per request kind (ApifyRequestKind), applied by SendCoreAsync.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return http;
        }

        /// <summary>
        /// Sends the request and hands a successful response to <paramref name="read"/>, all under the request's
        /// timeout; a failed answer becomes an <see cref="ApifyApiException"/>. The response is disposed afterwards.
        /// </summary>
        public async Task<T> ExecuteAsync<T>(ApifyRequest request, Func<HttpResponseMessage, CancellationToken, Task<T>> read,
            CancellationToken cancellationToken)
        {
            var timeout = TimeoutOf(request);
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout != System.Threading.Timeout.InfiniteTimeSpan) timeoutCts.CancelAfter(timeout);
            var token = timeoutCts.Token;
            var stopwatch = Stopwatch.StartNew();
            HttpResponseMessage? response = null;
            try
            {
                using (var message = CreateMessage(request))
                {
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                }
                Log($"{request.Method.Method} {request.PathAndQuery} -> {(int)response.StatusCode} {response.ReasonPhrase} in {stopwatch.ElapsedMilliseconds} ms");
                if (!response.IsSuccessStatusCode)
                    throw await ErrorFromResponseAsync(request, response, token).ConfigureAwait(false);
                return await read(response, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeoutCts.IsCancellationRequested)
            {
                throw Failure(request, null, ApifyErrorTypes.RequestTimeout,
                    $"{request.Method.Method} {request.PathAndQuery} got no complete answer within {timeout.TotalSeconds:0.#} s.", null);
            }
            catch (HttpRequestException ex)
            {
                throw Failure(request, null, ApifyErrorTypes.ConnectionFailed,
                    $"{request.Method.Method} {request.PathAndQuery} failed: {Innermost(ex).Message}", ex);
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Failure(request, response?.StatusCode, ApifyErrorTypes.ConnectionFailed,
                    $"{request.Method.Method} {request.PathAndQuery}: the connection broke while reading the answer: {ex.Message}", ex);
            }
            catch (JsonException ex)
            {
                throw Failure(request, response?.StatusCode, ApifyErrorTypes.InvalidResponse,
                    $"{request.Method.Method} {request.PathAndQuery} answered {(int?)response?.StatusCode} with JSON that could not be read: {ex.Message}", ex);
            }
            catch (ApifyApiException ex) when (ex.TargetId == null && request.TargetId != null)
            {
                ex.TargetId = request.TargetId;
                throw;
            }
            finally
            {
                response?.Dispose();
            }
        }

        /// <summary>Reads the <c>data</c> of a JSON answer straight from the response stream.</summary>
        public Task<T> GetDataAsync<T>(ApifyRequest request, CancellationToken cancellationToken) =>
            ExecuteAsync(request, (response, token) => ReadDataAsync<T>(request, response, token), cancellationToken);

        internal async Task<T> ReadDataAsync<T>(ApifyRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var envelope = await JsonSerializer.DeserializeAsync<DataEnvelope<T>>(stream, ApifyJson.Options, cancellationToken).ConfigureAwait(false);
            if (envelope == null || envelope.Data == null)
                throw Failure(request, response.StatusCode, ApifyErrorTypes.InvalidResponse,
                    $"{request.Method.Method} {request.PathAndQuery} answered {(int)response.StatusCode} without the expected 'data' object.", null);
            return envelope.Data;
        }

        private TimeSpan TimeoutOf(ApifyRequest request)
        {
            if (request.Timeout.HasValue) return request.Timeout.Value;
            return request.Kind == ApifyRequestKind.Stream ? System.Threading.Timeout.InfiniteTimeSpan : Options.RequestTimeout;
        }

        private HttpRequestMessage CreateMessage(ApifyRequest request)
        {
            var uri = new Uri(Connection.BaseUri, request.PathAndQuery.TrimStart('/'));
            var message = new HttpRequestMessage(request.Method, uri);
            // The token travels only here, never in the URL.
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Connection.Token);
            if (request.Content != null) message.Content = request.Content();
            return message;
        }

        private async Task<ApifyApiException> ErrorFromResponseAsync(ApifyRequest request, HttpResponseMessage response, CancellationToken token)
        {
            byte[] body;
            try
            {
                body = await ReadBoundedAsync(response, 64 * 1024, token).ConfigureAwait(false);
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

        private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, int max, CancellationToken token)
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[max];
            var total = 0;
            while (total < max)
            {
                var n = await stream.ReadAsync(buffer, total, max - total, token).ConfigureAwait(false);
                if (n == 0) break;
                total += n;
            }
            Array.Resize(ref buffer, total);
            return buffer;
        }

        private ApifyApiException Failure(ApifyRequest request, HttpStatusCode? status, string type, string message, Exception? inner) =>
            new ApifyApiException(status, type, ApifyErrorParser.Redact(message, Connection.Token), request.Method.Method,
                request.PathAndQuery, inner) { TargetId = request.TargetId };

        private void Log(string line) => Options.Verbose?.Invoke(ApifyErrorParser.Redact(line, Connection.Token));

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }
    }
}
