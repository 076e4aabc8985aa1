using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApifyPS.Tests.Support;

/// <summary>
/// The local Apify-compatible server in its own process on a random loopback port, stopped (killed) on Dispose,
/// and tied to this process with --exit-with so a crashed test run leaves nothing behind.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _control = new() { Timeout = TimeSpan.FromSeconds(60) };

    private EmulatorProcess(Process process, Uri baseUri, string token)
    {
        _process = process;
        BaseUri = baseUri;
        Token = token;
    }

    public Uri BaseUri { get; }
    public string Token { get; }

    public static EmulatorProcess Start(params string[] extraArgs)
    {
        var token = "xunit_" + Guid.NewGuid().ToString("N");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { LocateServer(), "--port", "0", "--token", token, "--exit-with", Environment.ProcessId.ToString() }.Concat(extraArgs))
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || string.IsNullOrWhiteSpace(line.Result))
        {
            try { process.Kill(true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException("The local server did not print its URL within 60 s.");
        }
        return new EmulatorProcess(process, new Uri(line.Result.Trim()), token);
    }

    /// <summary>The built server: out/emulator when build.ps1 staged it, else the project's own output.</summary>
    public static string LocateServer()
    {
        var root = RepoRoot();
        var staged = Path.Combine(root, "out", "emulator", "ApifyPS.Emulator.dll");
        var config = typeof(EmulatorProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var own = Path.Combine(root, "tests", "ApifyPS.Emulator", "bin", config, "net10.0", "ApifyPS.Emulator.dll");
        if (File.Exists(own)) return own;
        if (File.Exists(staged)) return staged;
        throw new FileNotFoundException($"No built local server at {own} or {staged}.");
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ApifyPS.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("ApifyPS.sln not found above " + AppContext.BaseDirectory);
    }

    public sealed record SeedResult(string ActorId, string Actor, int Builds, int Runs);

    /// <summary>A request the server got; Body is its JSON body (null without one); RawPath the path as the request line carried it.</summary>
    public sealed record LoggedRequest(string Method, string Path, string Query, string Auth, JsonElement? Body = null, string? RawPath = null);

    public SeedResult Seed(string actor, int builds = 0, int runs = 0, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["actor"] = actor, ["builds"] = builds, ["runs"] = runs };
        if (extra != null)
            foreach (var p in extra.GetType().GetProperties()) body[p.Name] = p.GetValue(extra);
        var response = _control.PostAsJsonAsync(new Uri(BaseUri, "/__emulator/seed"), body).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return response.Content.ReadFromJsonAsync<SeedResult>(Json).GetAwaiter().GetResult()!;
    }

    /// <summary>The /v2 requests the server received, oldest first.</summary>
    public IReadOnlyList<LoggedRequest> Requests() =>
        _control.GetFromJsonAsync<LoggedRequest[]>(new Uri(BaseUri, "/__emulator/requests"), Json).GetAwaiter().GetResult()!
            .Where(r => r.Path.StartsWith("/v2/", StringComparison.Ordinal)).ToList();

    /// <summary>GET /__emulator/requests as the server sends it (JSON text), to look for what must never be in it.</summary>
    public string RequestLogText() =>
        _control.GetStringAsync(new Uri(BaseUri, "/__emulator/requests")).GetAwaiter().GetResult();

    /// <summary>POST /__emulator/env-vars/check: whether the Actor version's variable holds <paramref name="value"/> (the log redacts secrets).</summary>
    public bool EnvVarMatches(string actor, string version, string name, string value)
    {
        var response = _control.PostAsJsonAsync(new Uri(BaseUri, "/__emulator/env-vars/check"), new { actor, version, name, value }, Json)
            .GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Checking the variable failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("matches").GetBoolean();
    }

    /// <summary>The /v2 requests the server is answering right now (a request the client gave up on leaves at once).</summary>
    public IReadOnlyList<LoggedRequest> ActiveRequests() =>
        _control.GetFromJsonAsync<LoggedRequest[]>(new Uri(BaseUri, "/__emulator/requests/active"), Json).GetAwaiter().GetResult()!;

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes (no fixed sleep).</summary>
    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(20);
        }
        return true;
    }

    public void ClearRequests() =>
        _control.DeleteAsync(new Uri(BaseUri, "/__emulator/requests")).GetAwaiter().GetResult().EnsureSuccessStatusCode();

    /// <summary>POST /__emulator/faults: e.g. new { path = "/v2/actor-builds/*", action = "status", status = 503, count = 2 }.</summary>
    public JsonElement AddFault(object fault)
    {
        var response = _control.PostAsJsonAsync(new Uri(BaseUri, "/__emulator/faults"), fault, Json).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Adding the fault failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>GET /__emulator/faults: every fault with its remaining count and hits.</summary>
    public JsonElement Faults() =>
        JsonDocument.Parse(_control.GetStringAsync(new Uri(BaseUri, "/__emulator/faults")).GetAwaiter().GetResult()).RootElement.Clone();

    public void ClearFaults() =>
        _control.DeleteAsync(new Uri(BaseUri, "/__emulator/faults")).GetAwaiter().GetResult().EnsureSuccessStatusCode();

    /// <summary>PUT /__emulator/rate-limit, e.g. new { limit = 60 }; null turns it off.</summary>
    public void SetRateLimit(object? settings)
    {
        var uri = new Uri(BaseUri, "/__emulator/rate-limit");
        var response = settings == null
            ? _control.DeleteAsync(uri).GetAwaiter().GetResult()
            : _control.PutAsJsonAsync(uri, settings, Json).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    public sealed record RateLimitStats(bool Enabled, int? Limit, long Allowed, long Limited);

    public RateLimitStats RateLimit() =>
        _control.GetFromJsonAsync<RateLimitStats>(new Uri(BaseUri, "/__emulator/rate-limit"), Json).GetAwaiter().GetResult()!;

    public sealed record JobsStartedCount(long Builds, long Runs, long Metamorphs, long Total);

    /// <summary>GET /__emulator/jobs-started: jobs created through the API's start endpoints.</summary>
    public JobsStartedCount JobsStarted() =>
        _control.GetFromJsonAsync<JobsStartedCount>(new Uri(BaseUri, "/__emulator/jobs-started"), Json).GetAwaiter().GetResult()!;

    // Account and alerting.

    /// <summary>POST /__emulator/past-runs: finished runs of a seeded Actor at any time (e.g. new { startedAt, usageTotalUsd, origin }); their ids.</summary>
    public IReadOnlyList<string> AddPastRuns(string actor, params object[] runs)
    {
        var response = _control.PostAsJsonAsync(new Uri(BaseUri, "/__emulator/past-runs"), new { actor, runs }, Json).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Adding past runs failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("runs").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    public ApifyPS.Client.ApifyConnection Connection(string? token = null) =>
        new(BaseUri, token ?? Token, ApifyPS.Client.ApifyConnectionSource.Parameter);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _control.Dispose();
    }
}
