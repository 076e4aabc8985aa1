using ApifyPS.Client;
using ApifyPS.Cmdlets;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Resilience;

/// <summary>
/// The write rule on the escape hatch (Invoke-ApifyRestMethod's core) under injected faults: a POST whose outcome is
/// unknown is sent once and names the GET that shows whether it happened; a POST that never reached the server, or
/// that was refused with 429, is sent again; PUT, DELETE and GET are retried. Each row counts the requests the server
/// saw and the work it started.
/// </summary>
public class RestWriteRuleResilienceTests(EmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;
    private readonly List<string> _verbose = new();

    private ApifyClient Client() => new(_server.Connection(), new ApifyClientOptions
    {
        MaxRetries = 8,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(4),
        Verbose = line => { lock (_verbose) _verbose.Add(line); },
    });

    private string NewActor() =>
        _server.Seed("rw" + Guid.NewGuid().ToString("N")[..10], builds: 1, extra: new { runDurationMs = 60_000 }).Actor;

    private ApifyRestRequest Rest(string method, string path, string? body = null) =>
        ApifyRestRequest.Create(method, path, null, _server.BaseUri, body == null ? null : System.Text.Encoding.UTF8.GetBytes(body));

    private int RequestsTo(string method, string path) => _server.Requests().Count(r => r.Method == method && r.Path == path);

    private void Print(Exception? ex = null)
    {
        lock (_verbose) foreach (var line in _verbose) output.WriteLine(line);
        if (ex != null) output.WriteLine(ex.Message);
    }

    [Theory]
    [InlineData("reset-before", 0)]
    [InlineData("reset-after", 1)]
    [InlineData("close-after", 1)]
    public async Task A_POST_whose_answer_was_lost_is_sent_once_and_names_what_to_check(string action, int started)
    {
        var actor = NewActor();
        var path = $"/v2/acts/{actor}/runs";
        _server.AddFault(new { path, method = "POST", action, count = 5 });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Rest.SendAsync(Rest("POST", path, "{}")));
        Print(ex);
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Equal($"Invoke-ApifyRestMethod -Path '{path}'", OutcomeCheckCommand.Render(ex.OutcomeCheck!));
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.True(EmulatorProcess.WaitUntil(() => _server.JobsStarted().Runs == before.Runs + started, TimeSpan.FromSeconds(10)));
        _server.ClearFaults();
    }

    [Fact]
    public async Task A_POST_answered_503_is_not_repeated()
    {
        var actor = NewActor();
        var path = $"/v2/acts/{actor}/runs";
        _server.AddFault(new { path, method = "POST", action = "status", status = 503, process = true, count = 5 });
        var before = _server.JobsStarted();
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => Client().Rest.SendAsync(Rest("POST", path)));
        Print(ex);
        Assert.Equal(1, RequestsTo("POST", path));
        Assert.Equal(before.Runs + 1, _server.JobsStarted().Runs);
        _server.ClearFaults();
    }

    [Fact]
    public async Task A_POST_refused_with_429_is_sent_again()
    {
        var actor = NewActor();
        var path = $"/v2/acts/{actor}/runs";
        _server.AddFault(new { path, method = "POST", action = "status", status = 429, errorType = "rate-limit-exceeded", count = 1 });
        var before = _server.JobsStarted();
        var answer = await Client().Rest.SendAsync(Rest("POST", path, "{}"));
        Print();
        Assert.Equal(201, answer.StatusCode);
        Assert.Equal(2, RequestsTo("POST", path));
        Assert.Equal(before.Runs + 1, _server.JobsStarted().Runs);
    }

    [Theory]
    [InlineData("PUT", "reset-after")]
    [InlineData("PUT", "close-after")]
    [InlineData("DELETE", "status")]
    [InlineData("GET", "status")]
    public async Task PUT_DELETE_and_GET_are_retried_after_a_lost_answer(string method, string action)
    {
        var actor = NewActor();
        var path = $"/v2/actors/{actor}";
        if (action == "status") _server.AddFault(new { path, method, action, status = 503, count = 2 });
        else _server.AddFault(new { path, method, action, count = 2 });
        var answer = await Client().Rest.SendAsync(Rest(method, path, method == "PUT" ? "{\"title\":\"Retried\"}" : null));
        Print();
        Assert.InRange(answer.StatusCode, 200, 204);
        Assert.Equal(3, RequestsTo(method, path));
    }
}
