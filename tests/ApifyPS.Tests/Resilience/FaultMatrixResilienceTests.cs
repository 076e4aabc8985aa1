using System.Diagnostics;
using System.Net;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Resilience;

/// <summary>
/// The fault matrix: the client core against the local server's injected faults, over real HTTP. Each row asserts
/// recovery or the exact error, and the number of requests the server saw. Backoff delays are tiny here (1-4 ms)
/// except where a row is about the delay itself.
/// </summary>
public class FaultMatrixResilienceTests(EmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private sealed class Probe
    {
        public required ApifyClient Client { get; init; }
        public required string BuildId { get; init; }
        public required string Path { get; init; }
        public required List<string> Verbose { get; init; }
    }

    /// <summary>A fresh Actor with one build, and a client with tiny backoff whose verbose lines are collected.</summary>
    private Probe NewProbe(int maxRetries = 8, TimeSpan? requestTimeout = null, string? token = null)
    {
        var seed = _server.Seed("fm" + Guid.NewGuid().ToString("N")[..10], builds: 1);
        var lister = new ApifyClient(_server.Connection());
        var buildId = lister.Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync().GetAwaiter().GetResult().Single().Id;
        var verbose = new List<string>();
        var client = new ApifyClient(_server.Connection(token), new ApifyClientOptions
        {
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(4),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
            Verbose = line => { lock (verbose) verbose.Add(line); },
        });
        return new Probe { Client = client, BuildId = buildId, Path = "/v2/actor-builds/" + buildId, Verbose = verbose };
    }

    private int RequestsTo(string path) => _server.Requests().Count(r => r.Path == path);

    private void Fault(Probe p, string action, int count = 1, int? status = null, string? retryAfter = null, int delayMs = 0,
        bool abort = false, string? errorType = null, string method = "GET") =>
        _server.AddFault(new { path = p.Path, method, action, count, status, retryAfter, delayMs, abort, errorType });

    private void Print(Probe p)
    {
        lock (p.Verbose) foreach (var line in p.Verbose) output.WriteLine(line);
    }

    [Fact]
    public async Task Recovers_from_429_without_retry_after_and_shows_each_attempt()
    {
        var p = NewProbe();
        Fault(p, "status", count: 2, status: 429);
        var build = await p.Client.Builds.GetAsync(p.BuildId);
        Print(p);
        Assert.Equal(p.BuildId, build.Id);
        Assert.Equal(3, RequestsTo(p.Path));
        Assert.Equal(3, p.Verbose.Count);
        Assert.Matches($@"^GET {p.Path} -> 429 Too Many Requests in \d+ ms \(attempt 1 of 9\); retrying in \d+ ms$", p.Verbose[0]);
        // A 429 also holds back the resource's lane a moment (for every caller): that shows as pacing.
        Assert.Matches(@"\(attempt 2 of 9(, after \d+ ms pacing for the rate limit)?\); retrying in \d+ ms$", p.Verbose[1]);
        Assert.Matches($@"^GET {p.Path} -> 200 OK in \d+ ms \(attempt 3 of 9(, after \d+ ms pacing for the rate limit)?\)$", p.Verbose[2]);
        Assert.DoesNotContain(_server.Token, string.Join("\n", p.Verbose));
    }

    [Fact]
    public async Task Retry_after_wins_over_the_backoff()
    {
        // About the delay itself: the server asks for 1 s, the backoff would be 1-2 ms.
        var p = NewProbe();
        Fault(p, "status", status: 429, retryAfter: "1");
        var watch = Stopwatch.StartNew();
        await p.Client.Builds.GetAsync(p.BuildId);
        Print(p);
        Assert.Equal(2, RequestsTo(p.Path));
        Assert.EndsWith("; retrying in 1000 ms (Retry-After)", p.Verbose[0]);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {watch.Elapsed}");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Recovers_from_server_errors_on_a_read(int status)
    {
        var p = NewProbe();
        Fault(p, "status", count: 2, status: status);
        Assert.Equal(p.BuildId, (await p.Client.Builds.GetAsync(p.BuildId)).Id);
        Assert.Equal(3, RequestsTo(p.Path));
        Assert.StartsWith($"GET {p.Path} -> {status} ", p.Verbose[0]);
    }

    [Theory]
    [InlineData("reset-before")]
    [InlineData("reset-after")]
    public async Task Recovers_from_a_connection_reset_on_a_read(string action)
    {
        var p = NewProbe();
        Fault(p, action);
        Assert.Equal(p.BuildId, (await p.Client.Builds.GetAsync(p.BuildId)).Id);
        Print(p);
        Assert.Equal(2, RequestsTo(p.Path));
        // The retry is the module's own: each request the server saw has its verbose line.
        Assert.Equal(2, p.Verbose.Count);
        Assert.Matches(@"-> connection failed .*\(attempt 1 of 9\); retrying in \d+ ms$", p.Verbose[0]);
        Assert.Matches(@"-> 200 OK in \d+ ms \(attempt 2 of 9\)$", p.Verbose[1]);
    }

    [Fact]
    public async Task A_read_after_a_clean_close_is_answered_and_sent_as_a_read_without_a_body()
    {
        // A GET goes without a body (as HTTP expects; some CDNs refuse a GET with one), so after a clean close (FIN)
        // before any answer .NET's pool may send it again by itself: harmless for a read. It is answered, once.
        var p = NewProbe();
        Fault(p, "close-after");
        Assert.Equal(p.BuildId, (await p.Client.Builds.GetAsync(p.BuildId)).Id);
        Print(p);
        Assert.Equal(2, RequestsTo(p.Path));
        Assert.Matches(@"-> 200 OK in \d+ ms \(attempt \d of 9\)$", p.Verbose[^1]);
    }

    [Fact]
    public async Task A_read_whose_connection_keeps_closing_cleanly_gives_up_after_the_policys_attempts()
    {
        // The module makes the policy's attempts; .NET's pool may send each of them up to 4 times (a body-less GET
        // after a clean close), which a read can afford. It ends as connection-failed, not in a loop.
        var p = NewProbe(maxRetries: 2);
        Fault(p, "close-after", count: 100);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.Builds.GetAsync(p.BuildId));
        Print(p);
        output.WriteLine(ex.Message);
        Assert.Equal(ApifyErrorTypes.ConnectionFailed, ex.ErrorType);
        Assert.Equal(3, ex.Attempts);
        Assert.InRange(RequestsTo(p.Path), 3, 12);
        Assert.Equal(3, p.Verbose.Count);
        Assert.EndsWith("(attempt 3 of 3); giving up after 3 attempts", p.Verbose[^1]);
    }

    [Theory]
    [InlineData("close-after", true)]
    [InlineData("reset-after", false)]
    public async Task The_server_closes_cleanly_for_close_after_and_resets_for_reset_after(string action, bool clean)
    {
        // What the faults look like on the wire, below any HTTP client: FIN (a read ends) or RST (a read fails).
        var p = NewProbe();
        Fault(p, action);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_server.BaseUri.Host, _server.BaseUri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"GET {p.Path} HTTP/1.1\r\nHost: {_server.BaseUri.Authority}\r\nAuthorization: Bearer {_server.Token}\r\n\r\n"));
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        if (clean)
        {
            Assert.Equal(0, await stream.ReadAsync(buffer, timeout.Token)); // end of stream, not one byte of an answer
        }
        else
        {
            var ex = await Assert.ThrowsAsync<IOException>(async () => { while (await stream.ReadAsync(buffer, timeout.Token) > 0) { } });
            Assert.Equal(System.Net.Sockets.SocketError.ConnectionReset, Assert.IsType<System.Net.Sockets.SocketException>(ex.InnerException).SocketErrorCode);
        }
        Assert.Equal(1, RequestsTo(p.Path));
    }

    [Fact]
    public async Task Retries_a_read_that_timed_out()
    {
        var p = NewProbe(requestTimeout: TimeSpan.FromSeconds(1));
        Fault(p, "delay", delayMs: 20_000);
        Assert.Equal(p.BuildId, (await p.Client.Builds.GetAsync(p.BuildId)).Id);
        Print(p);
        Assert.Equal(2, RequestsTo(p.Path));
        Assert.Contains("no complete answer within 1 s", p.Verbose[0]);
    }

    [Theory]
    [InlineData("truncate", false)]
    [InlineData("truncate", true)]
    [InlineData("html", false)]
    [InlineData("empty", false)]
    public async Task Recovers_from_garbage_on_a_read(string action, bool abort)
    {
        var p = NewProbe();
        Fault(p, action, abort: abort);
        Assert.Equal(p.BuildId, (await p.Client.Builds.GetAsync(p.BuildId)).Id);
        Print(p);
        Assert.Equal(2, RequestsTo(p.Path));
    }

    [Theory]
    [InlineData("truncate", false)]
    [InlineData("truncate", true)]
    [InlineData("html", false)]
    [InlineData("empty", false)]
    public async Task Recovers_from_garbage_on_the_first_page_of_a_list(string action, bool abort)
    {
        // The first page hands its first item out early (read-ahead, issue 9): its JSON must still be checked inside
        // the request, so garbage is retried like any read and no item is written twice or lost.
        var p = NewProbe();
        var seed = _server.Seed("fml" + Guid.NewGuid().ToString("N")[..10], builds: 5);
        var path = $"/v2/actors/{seed.Actor}/builds";
        _server.AddFault(new { path, method = "GET", action, count = 1, abort });
        var builds = await p.Client.Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync();
        Print(p);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"0.0.{i}"), builds.Select(b => b.BuildNumber));
        Assert.Equal(2, _server.Requests().Count(r => r.Path == path));
    }

    [Theory]
    [InlineData("html", false, 502, "http-502", "Bad Gateway", 3)]
    // A whole 200 that is not the JSON expected is tried once more only; one that broke off, up to the policy.
    [InlineData("truncate", false, 200, "invalid-response", "JSON that could not be read", 2)]
    [InlineData("truncate", true, 200, "connection-failed", "broke while reading", 3)]
    [InlineData("empty", false, 200, "invalid-response", "JSON that could not be read", 2)]
    public async Task Garbage_that_persists_is_a_clear_error_naming_request_and_status(string action, bool abort, int status, string type, string text,
        int attempts)
    {
        var p = NewProbe(maxRetries: 2);
        Fault(p, action, count: 100, abort: abort);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.Builds.GetAsync(p.BuildId));
        Print(p);
        output.WriteLine(ex.Message);
        Assert.Equal(type, ex.ErrorType);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal("GET", ex.Method);
        Assert.Equal(p.Path, ex.Path);
        Assert.Equal(p.BuildId, ex.TargetId);
        Assert.Contains($"GET {p.Path}", ex.Message);
        Assert.Contains(status.ToString(), ex.Message);
        Assert.Contains(text, ex.Message);
        Assert.Contains($"gave up after {attempts} attempts", ex.Message);
        Assert.Equal(attempts, ex.Attempts);
        Assert.Equal(attempts, RequestsTo(p.Path));
        Assert.EndsWith($"; giving up after {attempts} attempts", p.Verbose[^1]);
    }

    [Theory]
    [InlineData("html")] // a captive portal's page, with 200
    [InlineData("shape")] // JSON, but 'data' is not the object expected
    [InlineData("no-data")] // JSON without 'data'
    [InlineData("nesting")] // absurdly deep JSON
    public async Task A_whole_200_that_is_not_the_json_expected_is_tried_twice_then_is_invalid_response(string kind)
    {
        var p = NewProbe();
        var fault = kind switch
        {
            "html" => (object)new { path = p.Path, method = "GET", action = "html", status = 200, count = 100 },
            "shape" => new { path = p.Path, method = "GET", action = "body", body = "{\"data\":\"not a build\"}", count = 100 },
            "no-data" => new { path = p.Path, method = "GET", action = "body", body = "{\"items\":[]}", count = 100 },
            _ => new { path = p.Path, method = "GET", action = "body", count = 100,
                body = "{\"data\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_001) },
        };
        _server.AddFault(fault);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.Builds.GetAsync(p.BuildId));
        Print(p);
        output.WriteLine(ex.Message);
        Assert.Equal(ApifyErrorTypes.InvalidResponse, ex.ErrorType);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(2, ex.Attempts);
        Assert.Contains("gave up after 2 attempts", ex.Message);
        if (kind == "html") Assert.Contains("answered 200 (text/html) with JSON that could not be read", ex.Message);
        if (kind == "nesting") Assert.Contains("depth", ex.Message);
        Assert.Equal(2, RequestsTo(p.Path));
        Assert.Equal(2, p.Verbose.Count);
        Assert.Matches(@"\(attempt 1 of 9\); retrying in \d+ ms$", p.Verbose[0]);
        Assert.EndsWith("(attempt 2 of 9); giving up after 2 attempts", p.Verbose[1]);
    }

    [Fact]
    public async Task A_200_whose_body_keeps_breaking_off_is_retried_up_to_the_policy()
    {
        var p = NewProbe();
        Fault(p, "truncate", count: 100, abort: true);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.Builds.GetAsync(p.BuildId));
        Print(p);
        Assert.Equal(ApifyErrorTypes.ConnectionFailed, ex.ErrorType);
        Assert.Equal(9, ex.Attempts);
        Assert.Equal(9, RequestsTo(p.Path));
        Assert.EndsWith("(attempt 9 of 9); giving up after 9 attempts", p.Verbose[^1]);
    }

    [Fact]
    public async Task A_list_page_that_is_a_whole_html_page_is_tried_twice()
    {
        var p = NewProbe();
        var seed = _server.Seed("fmh" + Guid.NewGuid().ToString("N")[..10], builds: 3);
        var path = $"/v2/actors/{seed.Actor}/builds";
        _server.AddFault(new { path, method = "GET", action = "html", status = 200, count = 100 });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync());
        Print(p);
        Assert.Equal(ApifyErrorTypes.InvalidResponse, ex.ErrorType);
        Assert.Equal(2, ex.Attempts);
        Assert.Equal(2, _server.Requests().Count(r => r.Path == path));
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        var p = NewProbe();
        Fault(p, "status", status: 403, errorType: "insufficient-permissions");
        var forbidden = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.Builds.GetAsync(p.BuildId));
        Assert.Equal("insufficient-permissions", forbidden.ErrorType);
        Assert.Equal(1, forbidden.Attempts);
        Assert.Equal(1, RequestsTo(p.Path));

        var missing = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.Builds.GetAsync("NoSuchBuild" + p.BuildId));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1, RequestsTo("/v2/actor-builds/NoSuchBuild" + p.BuildId));

        var wrong = NewProbe(token: "wrong_" + Guid.NewGuid().ToString("N"));
        var unauthorized = await Assert.ThrowsAsync<ApifyApiException>(() => wrong.Client.Builds.GetAsync(wrong.BuildId));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(1, RequestsTo(wrong.Path));
        Assert.Single(wrong.Verbose);
    }

    [Fact]
    public async Task Retries_exhausted_give_the_last_error_with_the_attempt_count()
    {
        var p = NewProbe(maxRetries: 3);
        Fault(p, "status", count: 100, status: 503);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.Builds.GetAsync(p.BuildId));
        Print(p);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("internal-server-error", ex.ErrorType);
        Assert.Equal(4, ex.Attempts);
        Assert.EndsWith("(gave up after 4 attempts)", ex.Message);
        Assert.Equal(4, RequestsTo(p.Path));
        Assert.Equal(4, p.Verbose.Count);
        Assert.Matches(@"\(attempt 4 of 4\); giving up after 4 attempts$", p.Verbose[^1]);
    }

    [Fact]
    public async Task Max_retries_zero_sends_once()
    {
        var p = NewProbe(maxRetries: 0);
        Fault(p, "status", count: 5, status: 503);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.Builds.GetAsync(p.BuildId));
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, RequestsTo(p.Path));
    }

    [Fact]
    public async Task Cancellation_during_a_backoff_wait_stops_at_once()
    {
        var p = NewProbe();
        Fault(p, "status", status: 503, retryAfter: "60");
        using var cts = new CancellationTokenSource();
        var call = p.Client.Builds.GetAsync(p.BuildId, cts.Token);
        await Until(() => RequestsTo(p.Path) == 1 && p.Verbose.Count == 1, "the first attempt");
        cts.Cancel();
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.Same(call, finished); // not the 60 s Retry-After
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, RequestsTo(p.Path));
    }

    [Fact]
    public async Task Cancellation_during_a_request_stops_at_once()
    {
        var p = NewProbe();
        Fault(p, "delay", delayMs: 60_000);
        using var cts = new CancellationTokenSource();
        var call = p.Client.Builds.GetAsync(p.BuildId, cts.Token);
        await Until(() => RequestsTo(p.Path) == 1, "the request to arrive");
        cts.Cancel();
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.Same(call, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, RequestsTo(p.Path));
    }

    // ---- The start rule, through ExecuteAsync with a request of kind Start. ----

    private static ApifyRequest StartLike(Probe p, TimeSpan? capacityWait = null) =>
        new(HttpMethod.Get, TestPaths.Of(p.Path), ApifyRequestPolicy.Start)
        {
            TargetId = p.BuildId,
            CapacityWait = capacityWait,
            OutcomeCheck = ApifyOutcomeCheck.InConsole("the test's request"),
        };

    [Theory]
    [InlineData("status", 503)]
    [InlineData("status", 500)]
    [InlineData("reset-before", 0)]
    [InlineData("reset-after", 0)]
    public async Task A_start_is_not_repeated_after_an_ambiguous_failure(string action, int status)
    {
        var p = NewProbe();
        Fault(p, action, status: status == 0 ? null : status);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.GetDataAsync<ApifyBuild>(StartLike(p), default));
        Print(p);
        output.WriteLine(ex.Message);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Contains("may have happened", ex.Message);
        Assert.Contains("not sent again", ex.Message);
        Assert.NotNull(ex.RecommendedAction);
        Assert.IsType<ApifyApiException>(ex.InnerException);
        Assert.Equal(1, RequestsTo(p.Path));
        Assert.EndsWith("; not repeated: the start may have happened", p.Verbose[^1]);
    }

    [Theory]
    [InlineData("reset-before")]
    [InlineData("reset-after")]
    public async Task A_start_post_on_a_reused_connection_reaches_the_server_once_when_the_connection_drops(string action)
    {
        // HttpClient may resend a request on its own when a pooled connection dies before any answer byte: a start
        // must not be resent that way either. NewProbe's listing left a pooled connection for the POST to reuse.
        var p = NewProbe();
        var path = $"/v2/actors/{p.BuildId}/runs";
        _server.AddFault(new { path, method = "POST", action, count = 5 });
        var request = new ApifyRequest(HttpMethod.Post, TestPaths.Of(path), ApifyRequestPolicy.Start)
        {
            OutcomeCheck = ApifyOutcomeCheck.RunsOf(p.BuildId),
            Content = () => new StringContent("{\"url\":\"https://example.com\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.GetDataAsync<ApifyBuild>(request, default));
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal(1, _server.Requests().Count(r => r.Path == path));
    }

    [Fact]
    public async Task A_start_that_timed_out_is_not_repeated()
    {
        var p = NewProbe(requestTimeout: TimeSpan.FromSeconds(1));
        Fault(p, "delay", delayMs: 20_000);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.GetDataAsync<ApifyBuild>(StartLike(p), default));
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal(ApifyErrorTypes.RequestTimeout, ((ApifyApiException)ex.InnerException!).ErrorType);
        Assert.Equal(1, RequestsTo(p.Path));
    }

    [Fact]
    public async Task A_start_whose_success_answer_broke_says_it_most_likely_took_effect()
    {
        var p = NewProbe();
        Fault(p, "truncate");
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.GetDataAsync<ApifyBuild>(StartLike(p), default));
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        // Not a job path, so the neutral wording; StartFaultMatrixResilienceTests has the job one ("accepted the start (201)").
        Assert.Contains("accepted the request (200)", ex.Message);
        Assert.Contains("most likely took effect", ex.Message);
        Assert.Equal(1, RequestsTo(p.Path));
    }

    [Fact]
    public async Task A_start_is_repeated_after_a_429()
    {
        var p = NewProbe();
        Fault(p, "status", count: 2, status: 429);
        var build = await p.Client.GetDataAsync<ApifyBuild>(StartLike(p), default);
        Assert.Equal(p.BuildId, build.Id);
        Assert.Equal(3, RequestsTo(p.Path));
    }

    [Fact]
    public async Task A_start_is_repeated_when_the_connection_could_not_be_made()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var lines = new List<string>();
        var client = new ApifyClient(new ApifyConnection(new Uri($"http://127.0.0.1:{port}"), "t", ApifyConnectionSource.Parameter),
            new ApifyClientOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1), Verbose = lines.Add });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() =>
            client.GetDataAsync<ApifyBuild>(new ApifyRequest(HttpMethod.Post, TestPaths.Of("/v2/actors/a~b/runs"), ApifyRequestPolicy.Start) { OutcomeCheck = ApifyOutcomeCheck.RunsOf("a~b") }, default));
        Assert.Equal(ApifyErrorTypes.ConnectionFailed, ex.ErrorType);
        Assert.Equal(3, ex.Attempts);
        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public async Task Capacity_refusals_are_waited_out_only_when_asked()
    {
        var p = NewProbe();
        Fault(p, "status", status: 402, errorType: ApifyErrorTypes.ActorMemoryLimitExceeded);
        var refused = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.GetDataAsync<ApifyBuild>(StartLike(p), default));
        Assert.Equal(ApifyErrorTypes.ActorMemoryLimitExceeded, refused.ErrorType);
        Assert.Equal(1, RequestsTo(p.Path));

        Fault(p, "status", count: 2, status: 402, errorType: ApifyErrorTypes.ConcurrentRunsLimitExceeded);
        var build = await p.Client.GetDataAsync<ApifyBuild>(StartLike(p, capacityWait: TimeSpan.FromSeconds(30)), default);
        Print(p);
        Assert.Equal(p.BuildId, build.Id);
        Assert.Equal(4, RequestsTo(p.Path));
        Assert.Contains("concurrent-runs-limit-exceeded: waiting for capacity until", p.Verbose[^2]);
    }

    [Fact]
    public async Task Capacity_wait_gives_up_at_its_deadline()
    {
        var p = NewProbe();
        Fault(p, "status", count: 1000, status: 402, errorType: ApifyErrorTypes.ActorMemoryLimitExceeded, retryAfter: "1");
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() =>
            p.Client.GetDataAsync<ApifyBuild>(StartLike(p, capacityWait: TimeSpan.FromMilliseconds(1500)), default));
        Assert.Equal(ApifyErrorTypes.ActorMemoryLimitExceeded, ex.ErrorType);
        Assert.Equal(2, RequestsTo(p.Path)); // one wait of 1 s fits in 1.5 s, a second does not
    }

    [Fact]
    public async Task A_stream_is_not_repeated_once_its_body_was_handed_over()
    {
        var p = NewProbe();
        Fault(p, "truncate", abort: true);
        var request = new ApifyRequest(HttpMethod.Get, TestPaths.Of(p.Path), ApifyRequestPolicy.FollowText);
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => p.Client.ExecuteAsync(request, async (response, token) =>
        {
            using var stream = await response.Content.ReadAsStreamAsync(token);
            await stream.CopyToAsync(Stream.Null, token);
            return 0;
        }, default));
        Assert.Equal(ApifyErrorTypes.ConnectionFailed, ex.ErrorType);
        Assert.Equal(1, RequestsTo(p.Path));
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}
