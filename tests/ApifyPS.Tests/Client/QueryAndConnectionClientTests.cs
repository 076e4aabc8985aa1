using ApifyPS.Client;
using Xunit;

namespace ApifyPS.Tests.Client;

public class QueryAndConnectionClientTests
{
    [Fact]
    public void Query_escapes_values_and_skips_nulls()
    {
        var q = new ApifyQuery().Add("a", "x y&z").Add("b", (string?)null).Add("limit", 3L).AddFlag("desc", false).AddFlag("clean", true);
        Assert.Equal("?a=x%20y%26z&limit=3&clean=true", q.ToString());
    }

    [Fact]
    public void Times_are_sent_in_utc_with_milliseconds()
    {
        var utc = new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        Assert.Equal("2026-01-02T03:04:05.678Z", ApifyQuery.ToApiTime(utc));
        Assert.Equal("2026-01-02T03:04:05.678Z", ApifyQuery.ToApiTime(utc.ToLocalTime()));
    }

    [Theory]
    [InlineData("https://api.apify.com", "https://api.apify.com/")]
    [InlineData("https://api.apify.com/", "https://api.apify.com/")]
    [InlineData("https://api.apify.com/v2", "https://api.apify.com/")]
    [InlineData("http://127.0.0.1:5000/v2/", "http://127.0.0.1:5000/")]
    [InlineData("https://proxy.example/apify", "https://proxy.example/apify/")]
    public void Base_uri_is_normalised(string given, string expected) =>
        Assert.Equal(expected, ApifyConnection.NormalizeBaseUri(new Uri(given)).ToString());

    [Fact]
    public void Connection_never_shows_its_token()
    {
        var c = new ApifyConnection(new Uri("https://api.apify.com"), "apify_api_secret", ApifyConnectionSource.Environment);
        Assert.DoesNotContain("apify_api_secret", c.ToString());
        Assert.DoesNotContain(typeof(ApifyConnection).GetProperties(), p => p.Name == "Token" && p.GetMethod!.IsPublic);
    }
}
