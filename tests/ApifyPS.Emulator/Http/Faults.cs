using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// Fault injection for resilience tests (POST /__emulator/faults): the next <c>count</c> /v2 requests matching a
/// method and a path pattern get a fault instead of (or on top of) their normal answer. Faults are taken oldest
/// first; each request consumes at most one.
/// </summary>
public sealed class FaultRegistry
{
    public static readonly string[] Actions =
        new[] { "status", "html", "empty", "delay", "reset-before", "reset-after", "close-after", "truncate", "body", "redirect" }.Concat(BodyFaults.Actions).ToArray();

    /// <summary>
    /// What a test asks for. <c>path</c>: <c>*</c> matches within one segment, <c>**</c> across segments.
    /// <c>location</c>: where a <c>redirect</c> points (its Location header; <c>status</c> 300-399, 307 by default).
    /// </summary>
    public sealed record FaultSpec(
        string Path,
        string? Method = null,
        int Count = 1,
        string Action = "status",
        int? Status = null,
        string? RetryAfter = null,
        string? ErrorType = null,
        string? Message = null,
        int DelayMs = 0,
        bool? Process = null,
        bool Abort = false,
        string? Body = null,
        string? ContentType = null,
        long? Bytes = null,
        int StallMs = 0,
        int IntervalMs = 0,
        bool Chunked = false,
        string? Location = null);

    public sealed class Fault
    {
        public required string Id { get; init; }
        public required FaultSpec Spec { get; init; }
        public required Regex PathRegex { get; init; }
        public int Remaining;
        public int Hits;

        public object ToJson() => new
        {
            id = Id, method = Spec.Method ?? "*", path = Spec.Path, action = Spec.Action, count = Spec.Count, remaining = Remaining,
            hits = Hits, status = Spec.Status, retryAfter = Spec.RetryAfter, errorType = Spec.ErrorType, delayMs = Spec.DelayMs,
            process = Spec.Process, abort = Spec.Abort, contentType = Spec.ContentType, bytes = Spec.Bytes, stallMs = Spec.StallMs,
            intervalMs = Spec.IntervalMs, chunked = Spec.Chunked, location = Spec.Location,
        };
    }

    private readonly List<Fault> _faults = new();
    private int _seq;

    /// <summary>Validates and adds a fault; returns null and an error text when the spec is not usable.</summary>
    public Fault? Add(FaultSpec spec, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(spec.Path) || !spec.Path.StartsWith('/')) error = "'path' must be a path pattern starting with '/'.";
        else if (!Actions.Contains(spec.Action)) error = $"'action' must be one of {string.Join(", ", Actions)}.";
        else if (spec.Count < 1) error = "'count' must be 1 or more.";
        else if (spec.Action == "status" && spec.Status is not (>= 400 and <= 599)) error = "action 'status' needs a 'status' from 400 to 599.";
        else if (spec.Status is < 100 or > 599) error = "'status' must be an HTTP status.";
        else if (spec.DelayMs < 0) error = "'delayMs' must not be negative.";
        else if (spec.Action == "delay" && spec.DelayMs == 0) error = "action 'delay' needs 'delayMs'.";
        else if (spec.Action == "body" && spec.Body == null) error = "action 'body' needs 'body'.";
        else if (BodyFaults.Handles(spec.Action)) error = BodyFaults.Validate(spec);
        else if (spec.Action == "redirect" && string.IsNullOrWhiteSpace(spec.Location)) error = "action 'redirect' needs a 'location'.";
        else if (spec.Action == "redirect" && spec.Status is not (null or (>= 300 and <= 399))) error = "action 'redirect' takes a 'status' from 300 to 399.";
        else if (spec.Location != null && !Uri.TryCreate(spec.Location, UriKind.RelativeOrAbsolute, out _)) error = "'location' must be a URI.";
        if (error != null) return null;
        var fault = new Fault
        {
            Id = "fault-" + Interlocked.Increment(ref _seq),
            Spec = spec,
            PathRegex = Glob(spec.Path),
            Remaining = spec.Count,
        };
        lock (_faults) _faults.Add(fault);
        return fault;
    }

    public Fault? TryTake(string method, string path)
    {
        lock (_faults)
        {
            foreach (var f in _faults)
            {
                if (f.Remaining <= 0) continue;
                if (f.Spec.Method != null && f.Spec.Method != "*" && !string.Equals(f.Spec.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
                if (!f.PathRegex.IsMatch(path)) continue;
                f.Remaining--;
                f.Hits++;
                return f;
            }
        }
        return null;
    }

    public object[] Snapshot()
    {
        lock (_faults) return _faults.Select(f => f.ToJson()).ToArray();
    }

    public void Clear()
    {
        lock (_faults) _faults.Clear();
    }

    private static Regex Glob(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '*') { sb.Append(".*"); i++; }
                else sb.Append("[^/]*");
            }
            else sb.Append(Regex.Escape(pattern[i].ToString()));
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}

/// <summary>Applies the faults of a <see cref="FaultRegistry"/> to /v2 requests (after auth and the request log).</summary>
public static class FaultMiddleware
{
    private const string HtmlPage =
        "<html>\r\n<head><title>{0} {1}</title></head>\r\n<body>\r\n<center><h1>{0} {1}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    public static void UseFaults(this WebApplication app, FaultRegistry faults)
    {
        app.Use(async (ctx, next) =>
        {
            var fault = ctx.Request.Path.StartsWithSegments("/v2") ? faults.TryTake(ctx.Request.Method, ctx.Request.Path.Value ?? "") : null;
            if (fault == null)
            {
                await next();
                return;
            }
            try
            {
                await Apply(ctx, fault.Spec, next);
            }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
            {
                // The client went away during a delay: nothing left to answer.
            }
        });
    }

    private static async Task Apply(HttpContext ctx, FaultRegistry.FaultSpec spec, Func<Task> next)
    {
        if (spec.DelayMs > 0 && spec.Action != "delay") await Task.Delay(spec.DelayMs, ctx.RequestAborted);
        if (BodyFaults.Handles(spec.Action))
        {
            await BodyFaults.Apply(ctx, spec, await RunBuffered(ctx, next));
            return;
        }
        switch (spec.Action)
        {
            case "reset-before":
                // The request was received (the log reads it), but nothing acts on it: the handler never runs.
                ctx.Abort();
                return;

            case "reset-after":
                await RunBuffered(ctx, next);
                ctx.Abort();
                return;

            case "close-after":
            {
                // A clean close (FIN, not RST) once the whole request was read, with no answer: what a server or proxy
                // closing an idle keep-alive connection looks like to the client. Processed unless "process": false.
                if (spec.Process != false) await RunBuffered(ctx, next);
                else await ctx.Request.Body.CopyToAsync(Stream.Null, ctx.RequestAborted);
                var socket = ctx.Features.Get<IConnectionSocketFeature>()?.Socket
                             ?? throw new InvalidOperationException("close-after needs the socket transport.");
                // Nothing unread may be left when the socket closes, or the close becomes a reset: the request was
                // read in full above, and FIN goes out before Kestrel lets go of the connection.
                socket.Shutdown(SocketShutdown.Send);
                ctx.Abort();
                return;
            }

            case "delay":
            {
                // The request is processed at once (a start starts); only the answer is late.
                var body = await RunBuffered(ctx, next);
                await Task.Delay(spec.DelayMs, ctx.RequestAborted);
                ctx.Response.ContentLength = body.Length;
                await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
                return;
            }

            case "truncate":
            {
                var body = await RunBuffered(ctx, next);
                var half = body.AsMemory(0, body.Length / 2);
                if (spec.Abort)
                {
                    // Announce the whole body and send half: Kestrel then closes the connection (too few bytes
                    // written), after sending what there is, so the client's read breaks off mid-body.
                    ctx.Response.ContentLength = body.Length;
                    await ctx.Response.Body.WriteAsync(half, ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                }
                else
                {
                    // A well-formed HTTP answer whose JSON simply stops.
                    ctx.Response.ContentLength = half.Length;
                    await ctx.Response.Body.WriteAsync(half, ctx.RequestAborted);
                }
                return;
            }

            case "redirect":
            {
                // A redirect as a proxy or a moved service answers it; with process=true the request is handled first.
                if (spec.Process == true) await RunBuffered(ctx, next);
                ResetAnswer(ctx);
                ctx.Response.StatusCode = spec.Status ?? 307;
                ctx.Response.Headers.Location = spec.Location;
                ctx.Response.ContentLength = 0;
                return;
            }

            case "empty":
            {
                if (spec.Process == true) await RunBuffered(ctx, next);
                else ctx.Response.StatusCode = 200;
                if (spec.Status is int s) ctx.Response.StatusCode = s;
                ctx.Response.ContentType = "application/json; charset=utf-8";
                ctx.Response.ContentLength = 0;
                return;
            }

            case "html":
            {
                if (spec.Process == true) await RunBuffered(ctx, next);
                ResetAnswer(ctx);
                var status = spec.Status ?? 502;
                ctx.Response.StatusCode = status;
                if (spec.RetryAfter != null) ctx.Response.Headers.RetryAfter = spec.RetryAfter;
                ctx.Response.ContentType = "text/html";
                var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
                await ctx.Response.WriteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, HtmlPage, status, reason));
                return;
            }

            case "body":
            {
                // A whole, well-formed answer with any body: JSON of another shape, absurd nesting, a portal's page.
                if (spec.Process == true) await RunBuffered(ctx, next);
                ResetAnswer(ctx);
                ctx.Response.StatusCode = spec.Status ?? 200;
                ctx.Response.ContentType = spec.ContentType ?? "application/json; charset=utf-8";
                var bytes = Encoding.UTF8.GetBytes(spec.Body!);
                ctx.Response.ContentLength = bytes.Length;
                await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
                return;
            }

            default: // "status"
            {
                if (spec.Process == true) await RunBuffered(ctx, next);
                ResetAnswer(ctx);
                var status = spec.Status!.Value;
                if (spec.RetryAfter != null) ctx.Response.Headers.RetryAfter = spec.RetryAfter;
                await ApiResponse.Error(ctx, status, spec.ErrorType ?? DefaultType(status),
                    spec.Message ?? $"Injected fault: {status} {Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)}.");
                return;
            }
        }
    }

    /// <summary>Runs the real handler with its body captured (nothing reaches the client); status and headers stay set.</summary>
    private static async Task<byte[]> RunBuffered(HttpContext ctx, Func<Task> next)
    {
        var original = ctx.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var capture = new StreamResponseBodyFeature(buffer, original);
        ctx.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next();
            await capture.CompleteAsync();
        }
        finally
        {
            ctx.Features.Set(original);
        }
        return buffer.ToArray();
    }

    private static void ResetAnswer(HttpContext ctx)
    {
        ctx.Response.Headers.Clear();
        ctx.Response.StatusCode = 200;
    }

    /// <summary>The error type the API uses for a status (as its error table lists them).</summary>
    public static string DefaultType(int status) => status switch
    {
        400 => "invalid-input",
        401 => "invalid-token",
        402 => "not-enough-usage-to-run-paid-actor",
        403 => "insufficient-permissions",
        404 => "record-not-found",
        408 => "run-timeout-exceeded",
        429 => "rate-limit-exceeded",
        _ when status >= 500 => "internal-server-error",
        _ => "http-" + status,
    };
}
