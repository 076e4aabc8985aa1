namespace ApifyPS.Emulator.Http;

/// <summary>
/// A request body as the API reads an upload (item pushes, records): decoded by its Content-Encoding (gzip, deflate,
/// br; 415 for another), at most a cap once decoded. Over the cap the rest is read too, so the client gets the 413
/// the caller makes (with the whole length) rather than a reset connection.
/// </summary>
public static class DecodedBody
{
    public static async Task<MemoryStream> ReadAsync(HttpContext ctx, long maxBytes, Func<long, Exception> tooLarge)
    {
        var encoding = ctx.Request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        var input = encoding switch
        {
            "" or "identity" => ctx.Request.Body,
            "gzip" => new System.IO.Compression.GZipStream(ctx.Request.Body, System.IO.Compression.CompressionMode.Decompress),
            "deflate" => new System.IO.Compression.ZLibStream(ctx.Request.Body, System.IO.Compression.CompressionMode.Decompress),
            "br" => new System.IO.Compression.BrotliStream(ctx.Request.Body, System.IO.Compression.CompressionMode.Decompress),
            _ => throw new ApiError(415, "unsupported-content-encoding", $"Content-Encoding \"{encoding}\" is not supported."),
        };
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                var length = buffer.Length;
                while ((read = await input.ReadAsync(chunk, ctx.RequestAborted)) > 0) length += read;
                throw tooLarge(length);
            }
        }
        return buffer;
    }
}
