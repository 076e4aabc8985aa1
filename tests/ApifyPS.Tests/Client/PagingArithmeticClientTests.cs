using ApifyPS.Client;
using Xunit;

namespace ApifyPS.Tests.Client;

public class PagingArithmeticClientTests
{
    [Theory]
    [InlineData(null, null, null)]       // nothing bounds it: let the server choose its own page size
    [InlineData(3L, null, 3L)]           // -First 3 asks for 3, not a full page
    [InlineData(null, 250, 250L)]        // -PageSize
    [InlineData(5L, 250, 5L)]            // the smaller of what is still wanted and the page size
    [InlineData(2000L, 1000, 1000L)]
    public void NextLimit_asks_for_no_more_than_wanted(long? remaining, int? pageSize, long? expected) =>
        Assert.Equal(expected, PagePlanner.NextLimit(remaining, pageSize));

    [Theory]
    [InlineData(0, 1000, null, true)]    // empty page
    [InlineData(500, 1000, null, true)]  // short page against the server's answered limit
    [InlineData(1000, 1000, null, false)]
    [InlineData(500, 500, 1000L, false)] // the server clamped the limit to 500: a full page, go on
    [InlineData(10, 0, 10L, false)]      // no answered limit: compare with what was asked
    [InlineData(9, 0, 10L, true)]
    [InlineData(7, 0, null, false)]      // nothing to compare with: only an empty page ends the walk
    public void IsLastPage_stops_on_empty_or_short_pages(long count, long answeredLimit, long? requested, bool expected) =>
        Assert.Equal(expected, PagePlanner.IsLastPage(count, answeredLimit, requested));
}
