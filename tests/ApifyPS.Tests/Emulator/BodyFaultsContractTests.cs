using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Emulator;

/// <summary>
/// The local server's body faults (stall-body, trickle, huge-body, gzip-bomb) as a plain HttpClient without
/// decompression sees them: the real answer's status and bytes, delivered as the fault says.
/// </summary>
public class BodyFaultsContractTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const int MiB = 1024 * 1024;
    private readonly EmulatorProcess _server = fixture.Server;
    private static readonly HttpClient Http = new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });

    private string BuildPath()
    {
        var seed = _server.Seed("bf" + Guid.NewGuid().ToString("N")[..10], builds: 2);
        return $"/v2/actors/{seed.Actor}/builds";
    }

    private Task<HttpResponseMessage> Send(string path, string? acceptEncoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        if (acceptEncoding != null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<byte[]> Normal(string path)
    {
        using var response = await Send(path);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Canonical(byte[] json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Fact]
    public async Task Stall_body_sends_the_first_bytes_then_waits_then_the_rest()
    {
        var path = BuildPath();
        var normal = await Normal(path);
        _server.AddFault(new { path, action = "stall-body", bytes = 10, stallMs = 300 });
        using var response = await Send(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(normal.Length, response.Content.Headers.ContentLength);
        using var body = await response.Content.ReadAsStreamAsync();
        var head = new byte[10];
        await body.ReadExactlyAsync(head);
        Assert.Equal(normal[..10], head);
        using var rest = new MemoryStream();
        await body.CopyToAsync(rest);
        Assert.Equal(normal, head.Concat(rest.ToArray()).ToArray());
    }

    [Fact]
    public async Task Stall_body_without_stall_ms_holds_until_the_client_goes_away()
    {
        var path = BuildPath();
        _server.AddFault(new { path, action = "stall-body", bytes = 0 });
        using (var response = await Send(path))
        {
            using var body = await response.Content.ReadAsStreamAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await body.ReadAsync(new byte[1], cts.Token));
        }
        Assert.True(EmulatorProcess.WaitUntil(() => _server.ActiveRequests().All(r => r.Path != path), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Trickle_sends_the_whole_body_in_small_writes()
    {
        var path = BuildPath();
        var normal = await Normal(path);
        _server.AddFault(new { path, action = "trickle", bytes = 64, intervalMs = 5 });
        using var response = await Send(path);
        Assert.Equal(normal, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Huge_body_pads_the_JSON_with_whitespace(bool chunked)
    {
        var path = BuildPath();
        var normal = await Normal(path);
        _server.AddFault(new { path, action = "huge-body", bytes = 3 * MiB + 5, chunked });
        using var response = await Send(path);
        Assert.Equal(chunked ? null : normal.Length + 3 * MiB + 5, response.Content.Headers.ContentLength);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(normal.Length + 3 * MiB + 5, body.Length);
        Assert.Equal(Canonical(normal), Canonical(body));
    }

    [Fact]
    public async Task Gzip_bomb_is_small_on_the_wire_when_gzip_is_accepted()
    {
        var path = BuildPath();
        var normal = await Normal(path);
        _server.AddFault(new { path, action = "gzip-bomb", bytes = 64L * MiB + 3 });
        using var response = await Send(path, "gzip, deflate");
        Assert.Equal(new[] { "gzip" }, response.Content.Headers.ContentEncoding);
        Assert.Null(response.Content.Headers.ContentLength);
        var wire = await response.Content.ReadAsByteArrayAsync();
        Assert.True(wire.Length < 64 * MiB / 500, $"{wire.Length} bytes on the wire for 64 MiB");
        using var inflated = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(wire), CompressionMode.Decompress)) await gzip.CopyToAsync(inflated);
        Assert.Equal(normal.Length + 64L * MiB + 3, inflated.Length);
        Assert.Equal(Canonical(normal), Canonical(inflated.ToArray()));

        // Not accepted (or refused with q=0): the same bytes, plain.
        _server.AddFault(new { path, action = "gzip-bomb", bytes = MiB, count = 2 });
        foreach (var accept in new string?[] { null, "gzip;q=0" })
        {
            using var plain = await Send(path, accept);
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            Assert.Equal(normal.Length + MiB, (await plain.Content.ReadAsByteArrayAsync()).Length);
        }
    }

    [Theory]
    [InlineData("{\"path\":\"/v2/x\",\"action\":\"trickle\",\"bytes\":10}")]
    [InlineData("{\"path\":\"/v2/x\",\"action\":\"trickle\",\"intervalMs\":10}")]
    [InlineData("{\"path\":\"/v2/x\",\"action\":\"huge-body\"}")]
    [InlineData("{\"path\":\"/v2/x\",\"action\":\"gzip-bomb\",\"bytes\":0}")]
    [InlineData("{\"path\":\"/v2/x\",\"action\":\"stall-body\",\"bytes\":-1}")]
    public async Task Body_faults_without_what_they_need_are_refused(string spec)
    {
        using var response = await Http.PostAsync(new Uri(_server.BaseUri, "/__emulator/faults"),
            new StringContent(spec, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
