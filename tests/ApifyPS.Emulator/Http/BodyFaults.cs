using System.IO.Compression;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// The faults of an answer's body (tests of the client's body timeouts and size caps): the real handler runs first,
/// its status and headers are kept, and only the way its body is sent changes.
/// <list type="bullet">
/// <item><c>stall-body</c>: the first <c>bytes</c> bytes (default 0), then nothing for <c>stallMs</c> (0: until the
/// client goes away), then the rest. Content-Length announces the whole body.</item>
/// <item><c>trickle</c>: the whole body, <c>bytes</c> bytes at a time with <c>intervalMs</c> between them: slow but
/// steady.</item>
/// <item><c>huge-body</c>: the body with <c>bytes</c> bytes of JSON whitespace inserted after its first byte (so a
/// JSON answer stays the same JSON; any other body gets them at its end), made up as it is sent (no memory).
/// Content-Length announces the whole size unless <c>chunked: true</c>.</item>
/// <item><c>gzip-bomb</c>: the same body and padding, sent gzip-compressed (Content-Encoding: gzip, about 1 KB per
/// MiB of padding, no Content-Length) when the request's Accept-Encoding allows gzip; otherwise as
/// <c>huge-body</c> with <c>chunked: true</c>.</item>
/// </list>
/// </summary>
public static class BodyFaults
{
    public static readonly string[] Actions = { "stall-body", "trickle", "huge-body", "gzip-bomb" };

    private const int Block = 1024 * 1024;
    private static readonly byte[] Spaces = CreateSpaces(64 * 1024);

    /// <summary>One gzip member holding 1 MiB of spaces; a gzip body may be a row of members (RFC 1952, 2.2).</summary>
    private static readonly Lazy<byte[]> CompressedBlock = new(() => Gzip(CreateSpaces(Block)));

    public static bool Handles(string action) => Actions.Contains(action);

    /// <summary>The problem with a spec for one of these actions, or null.</summary>
    public static string? Validate(FaultRegistry.FaultSpec spec)
    {
        if (spec.Bytes is < 0) return "'bytes' must not be negative.";
        if (spec.StallMs < 0 || spec.IntervalMs < 0) return "'stallMs' and 'intervalMs' must not be negative.";
        switch (spec.Action)
        {
            case "trickle" when spec.Bytes is not > 0 || spec.IntervalMs == 0:
                return "action 'trickle' needs 'bytes' (per write) and 'intervalMs' (between writes).";
            case "huge-body" or "gzip-bomb" when spec.Bytes is not > 0:
                return $"action '{spec.Action}' needs 'bytes' (the padding to add).";
        }
        return null;
    }

    public static async Task Apply(HttpContext ctx, FaultRegistry.FaultSpec spec, byte[] body)
    {
        var aborted = ctx.RequestAborted;
        try
        {
            switch (spec.Action)
            {
                case "stall-body":
                {
                    var head = (int)Math.Min(spec.Bytes ?? 0, body.Length);
                    ctx.Response.ContentLength = body.Length;
                    await ctx.Response.Body.WriteAsync(body.AsMemory(0, head), aborted);
                    await ctx.Response.Body.FlushAsync(aborted);
                    await Task.Delay(spec.StallMs > 0 ? TimeSpan.FromMilliseconds(spec.StallMs) : Timeout.InfiniteTimeSpan, aborted);
                    await ctx.Response.Body.WriteAsync(body.AsMemory(head), aborted);
                    return;
                }
                case "trickle":
                {
                    ctx.Response.ContentLength = body.Length;
                    var step = (int)Math.Min(spec.Bytes!.Value, int.MaxValue);
                    for (var sent = 0; sent < body.Length; sent += step)
                    {
                        if (sent > 0) await Task.Delay(spec.IntervalMs, aborted);
                        await ctx.Response.Body.WriteAsync(body.AsMemory(sent, Math.Min(step, body.Length - sent)), aborted);
                        await ctx.Response.Body.FlushAsync(aborted);
                    }
                    return;
                }
                case "gzip-bomb" when AcceptsGzip(ctx):
                    ctx.Response.ContentLength = null;
                    ctx.Response.Headers.ContentEncoding = "gzip";
                    await WritePaddedGzip(ctx.Response.Body, body, spec.Bytes!.Value, aborted);
                    return;
                default: // huge-body, and gzip-bomb to a client that does not take gzip
                    ctx.Response.ContentLength = spec.Chunked || spec.Action == "gzip-bomb" ? null : body.Length + spec.Bytes!.Value;
                    await WritePadded(ctx.Response.Body, body, spec.Bytes!.Value, aborted);
                    return;
            }
        }
        catch (Exception ex) when ((ex is IOException or OperationCanceledException) && aborted.IsCancellationRequested)
        {
            // The client stopped reading (a cap, a timeout, Ctrl+C): nothing left to send.
        }
    }

    private static bool AcceptsGzip(HttpContext ctx) =>
        ctx.Request.Headers.AcceptEncoding.ToString().Split(',')
            .Select(e => e.Split(';'))
            .Any(parts => string.Equals(parts[0].Trim(), "gzip", StringComparison.OrdinalIgnoreCase) &&
                          !parts.Skip(1).Any(p => p.Replace(" ", "") is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));

    /// <summary>Where the padding goes: after the first byte of a body (inside its JSON), at the end of an empty one.</summary>
    private static int Split(byte[] body) => Math.Min(1, body.Length);

    private static async Task WritePadded(Stream output, byte[] body, long padding, CancellationToken token)
    {
        var split = Split(body);
        await output.WriteAsync(body.AsMemory(0, split), token);
        for (var left = padding; left > 0; left -= Spaces.Length)
            await output.WriteAsync(Spaces.AsMemory(0, (int)Math.Min(left, Spaces.Length)), token);
        await output.WriteAsync(body.AsMemory(split), token);
    }

    private static async Task WritePaddedGzip(Stream output, byte[] body, long padding, CancellationToken token)
    {
        var split = Split(body);
        await output.WriteAsync(Gzip(body.AsSpan(0, split).ToArray()), token);
        var block = CompressedBlock.Value;
        for (var i = 0L; i < padding / Block; i++) await output.WriteAsync(block, token);
        if (padding % Block > 0) await output.WriteAsync(Gzip(CreateSpaces((int)(padding % Block))), token);
        await output.WriteAsync(Gzip(body.AsSpan(split).ToArray()), token);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }

    private static byte[] CreateSpaces(int length)
    {
        var spaces = new byte[length];
        Array.Fill(spaces, (byte)' ');
        return spaces;
    }
}
