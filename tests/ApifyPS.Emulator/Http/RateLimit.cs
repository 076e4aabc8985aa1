using System.Collections.Concurrent;
using System.Diagnostics;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// The API's rate limit, off until a test turns it on (PUT /__emulator/rate-limit): at most <c>limit</c> requests
/// per second (a sliding one-second window) per token and resource (a single Actor, run, build, dataset...; the
/// first two path segments after /v2), 400/s by default for run starts and metamorphs, as the API documents.
/// Every /v2 answer then carries <c>X-RateLimit-Limit</c>; one over the limit gets 429 <c>rate-limit-exceeded</c>
/// (with <c>Retry-After</c> when configured). With scope <c>token</c> the window is per token, across resources.
/// </summary>
public sealed class RateLimiter
{
    public sealed record Settings(int Limit = 60, int StartLimit = 400, string Scope = "resource", string? RetryAfter = null);

    private sealed class Window
    {
        public readonly Queue<long> Times = new();
    }

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private Settings? _settings;
    private long _allowed;
    private long _limited;

    public Settings? Current => Volatile.Read(ref _settings);

    public string? Configure(Settings? settings)
    {
        if (settings != null)
        {
            if (settings.Limit < 1 || settings.StartLimit < 1) return "'limit' and 'startLimit' must be 1 or more.";
            if (settings.Scope is not ("resource" or "token")) return "'scope' must be 'resource' or 'token'.";
        }
        Volatile.Write(ref _settings, settings);
        _windows.Clear();
        Interlocked.Exchange(ref _allowed, 0);
        Interlocked.Exchange(ref _limited, 0);
        return null;
    }

    public object ToJson()
    {
        var s = Current;
        return new
        {
            enabled = s != null, limit = s?.Limit, startLimit = s?.StartLimit, scope = s?.Scope, retryAfter = s?.RetryAfter,
            allowed = Interlocked.Read(ref _allowed), limited = Interlocked.Read(ref _limited),
        };
    }

    public void UseRateLimit(WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            var settings = Current;
            if (settings == null || !ctx.Request.Path.StartsWithSegments("/v2"))
            {
                await next();
                return;
            }
            var path = ctx.Request.Path.Value ?? "";
            var start = IsStart(ctx.Request.Method, path);
            var limit = start ? settings.StartLimit : settings.Limit;
            var who = ctx.User()?.Token ?? "anonymous " + ctx.Connection.RemoteIpAddress;
            var key = settings.Scope == "token" ? who : who + " " + (start ? "start " : "") + Resource(path);
            ctx.Response.Headers["X-RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!Admit(key, limit))
            {
                Interlocked.Increment(ref _limited);
                if (settings.RetryAfter != null) ctx.Response.Headers.RetryAfter = settings.RetryAfter;
                await ApiResponse.Error(ctx, 429, "rate-limit-exceeded", $"You have exceeded the rate limit of {limit} requests per second");
                return;
            }
            Interlocked.Increment(ref _allowed);
            await next();
        });
    }

    private bool Admit(string key, int limit)
    {
        var window = _windows.GetOrAdd(key, _ => new Window());
        var now = Stopwatch.GetTimestamp();
        var horizon = now - Stopwatch.Frequency;
        lock (window)
        {
            while (window.Times.Count > 0 && window.Times.Peek() <= horizon) window.Times.Dequeue();
            if (window.Times.Count >= limit) return false;
            window.Times.Enqueue(now);
            return true;
        }
    }

    /// <summary>The resource a path addresses: <c>actor-runs/{id}</c>, <c>actors/{id}</c>, <c>actor-builds</c>, ...</summary>
    public static string Resource(string path)
    {
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length < 2) return "";
        var resource = s[1] == "acts" ? "actors" : s[1];
        return s.Length > 2 ? resource + "/" + s[2] : resource;
    }

    /// <summary>Run starts and metamorphs have the higher limit (POST .../runs, .../run-sync*, .../metamorph).</summary>
    public static bool IsStart(string method, string path)
    {
        if (!HttpMethods.IsPost(method)) return false;
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length < 4) return false;
        var last = s[^1];
        return last == "metamorph" || (s.Length == 4 && (last == "runs" || last.StartsWith("run-sync", StringComparison.Ordinal)));
    }
}
