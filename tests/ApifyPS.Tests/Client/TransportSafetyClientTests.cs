using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Nothing goes where it was not meant to: no token over plain http to another machine unless the user said so, and
/// no redirect followed (a 3xx is an error naming where it pointed, never retried, the body never sent again).
/// Two local servers: the one the client talks to, and the other origin a redirect points at.
/// </summary>
public sealed class TransportSafetyClientTests : IDisposable
{
    // Literals, so the tests also read the old code's behaviour.
    private const string UnencryptedAuthentication = "unencrypted-authentication";
    private const string RedirectNotFollowed = "redirect-not-followed";

    private readonly EmulatorProcess _server = EmulatorProcess.Start("--username", "janedoe");
    private readonly EmulatorProcess _other = EmulatorProcess.Start();

    public void Dispose()
    {
        _server.Dispose();
        _other.Dispose();
    }

    [Fact]
    public async Task Plain_http_to_another_machine_is_refused_before_any_network_use()
    {
        // A name that cannot resolve: an attempt to connect would fail with connection-failed after a DNS lookup.
        var connection = new ApifyConnection(new Uri("http://apifyps-test.invalid/"), _server.Token, ApifyConnectionSource.Parameter);
        var verbose = new List<string>();
        var client = new ApifyClient(connection, new ApifyClientOptions { MaxRetries = 0, Verbose = verbose.Add });
        var ex = await Assert.ThrowsAnyAsync<ApifyException>(() => client.Users.GetCurrentAsync());
        Assert.Equal(UnencryptedAuthentication, ex.ErrorType);
        Assert.Contains("http://apifyps-test.invalid/", ex.Message);
        Assert.Contains("-AllowUnencryptedAuthentication", ex.Message);
        Assert.DoesNotContain(_server.Token, ex.Message);
        Assert.Empty(verbose); // no attempt was made
        // Connect-Apify's check refuses it the same way, before it could store anything.
        var verify = await Assert.ThrowsAnyAsync<ApifyException>(() => ApifyConnector.VerifyAsync(connection, null, default));
        Assert.Equal(UnencryptedAuthentication, verify.ErrorType);
    }

    [Fact]
    public async Task A_307_on_a_start_is_one_request_an_error_naming_the_location_and_the_other_origin_never_hears_of_it()
    {
        var seed = _server.Seed("redirected");
        var location = new Uri(_other.BaseUri, "/v2/acts/elsewhere/runs").ToString();
        _server.AddFault(new { path = "/v2/actors/*/runs", method = "POST", action = "redirect", status = 307, location });
        _server.ClearRequests();
        var verbose = new List<string>();
        var client = new ApifyClient(_server.Connection(), new ApifyClientOptions { Verbose = verbose.Add });
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() =>
            client.Runs.StartAsync(seed.ActorId, ApifyInput.FromText("{\"secret\":\"body\"}")));
        Assert.Equal(RedirectNotFollowed, ex.ErrorType);
        Assert.Contains(location, ex.Message);
        Assert.Contains("307", ex.Message);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, _server.Requests().Count);
        Assert.Equal(0, _server.JobsStarted().Runs);
        Assert.Empty(_other.Requests());
        Assert.Matches(@"^POST /v2/actors/\w+/runs -> 307 Temporary Redirect \(a redirect to http://127\.0\.0\.1:\d+/v2/acts/elsewhere/runs, not followed\) in \d+ ms \(attempt 1 of 9\)$",
            Assert.Single(verbose));
    }

    [Fact]
    public async Task A_redirect_on_a_read_is_not_retried_either_and_a_relative_location_is_named_in_full()
    {
        _server.AddFault(new { path = "/v2/actor-runs/*", method = "GET", action = "redirect", status = 302, location = "/v2/actor-runs/other", count = 9 });
        _server.ClearRequests();
        var client = new ApifyClient(_server.Connection());
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => client.Runs.GetAsync("somerun"));
        Assert.Equal(RedirectNotFollowed, ex.ErrorType);
        Assert.Contains(new Uri(_server.BaseUri, "/v2/actor-runs/other").ToString(), ex.Message);
        Assert.Equal(new Uri(_server.BaseUri, "/v2/actor-runs/other"), ex.Location);
        Assert.Equal("/v2/actor-runs/somerun", Assert.Single(_server.Requests()).Path);
        Assert.Empty(_other.Requests());
    }

    [Fact]
    public void The_redirect_fault_needs_a_location_and_a_3xx_status()
    {
        Assert.Throws<InvalidOperationException>(() => _server.AddFault(new { path = "/v2/**", action = "redirect" }));
        Assert.Throws<InvalidOperationException>(() => _server.AddFault(new { path = "/v2/**", action = "redirect", location = "/x", status = 404 }));
        var fault = _server.AddFault(new { path = "/v2/users/me", action = "redirect", location = "https://example.com/" });
        Assert.Equal("https://example.com/", fault.GetProperty("location").GetString());
        _server.ClearFaults();
    }
}
