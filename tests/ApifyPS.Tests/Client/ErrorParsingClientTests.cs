using System.Net;
using System.Text;
using ApifyPS.Client;
using Xunit;

namespace ApifyPS.Tests.Client;

public class ErrorParsingClientTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Apify_envelope_gives_type_message_and_status()
    {
        var ex = ApifyErrorParser.FromResponse(HttpStatusCode.NotFound, "Not Found", "application/json",
            Utf8("{\"error\":{\"type\":\"record-not-found\",\"message\":\"Actor build was not found\"}}"), "GET", "/v2/actor-builds/x", "tok");
        Assert.Equal("record-not-found", ex.ErrorType);
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.StartsWith("Actor build was not found", ex.Message);
        Assert.Contains("GET /v2/actor-builds/x", ex.Message);
    }

    [Fact]
    public void Html_page_from_a_proxy_becomes_a_readable_http_error()
    {
        var ex = ApifyErrorParser.FromResponse(HttpStatusCode.BadGateway, "Bad Gateway", "text/html",
            Utf8("<html><body><h1>502 Bad Gateway</h1></body></html>"), "GET", "/v2/actor-builds", null);
        Assert.Equal("http-502", ex.ErrorType);
        Assert.Contains("502 Bad Gateway", ex.Message);
        Assert.DoesNotContain("<h1>", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"error\":")]
    [InlineData("{\"data\":{}}")]
    [InlineData("[1,2]")]
    public void Anything_but_the_envelope_is_not_taken_for_it(string body)
    {
        Assert.False(ApifyErrorParser.TryParseEnvelope(Utf8(body), out _, out _));
        var ex = ApifyErrorParser.FromResponse((HttpStatusCode)500, "Internal Server Error", "application/json", Utf8(body), "GET", "/v2/x", null);
        Assert.Equal("http-500", ex.ErrorType);
    }

    [Fact]
    public void The_token_is_redacted_wherever_it_appears()
    {
        const string token = "apify_api_secretsecretsecret";
        var ex = ApifyErrorParser.FromResponse(HttpStatusCode.Unauthorized, "Unauthorized", "application/json",
            Utf8($"{{\"error\":{{\"type\":\"invalid-token\",\"message\":\"Token {token} is not valid\"}}}}"), "GET", $"/v2/x?token={token}", token);
        Assert.DoesNotContain(token, ex.Message);
        Assert.DoesNotContain(token, ex.Path);
        Assert.Contains("***", ex.Message);
    }
}
