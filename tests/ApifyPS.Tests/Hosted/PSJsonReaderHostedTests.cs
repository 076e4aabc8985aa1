using System.Management.Automation;
using System.Text;
using System.Text.Json;
using ApifyPS.Cmdlets;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>JSON to PowerShell objects straight from the reader's tokens: the shapes, numbers, duplicates and bad input.</summary>
public class PSJsonReaderHostedTests
{
    private static object? Read(string json, PSJsonReader? reader = null)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        r.Read();
        var value = (reader ?? new PSJsonReader()).Read(ref r);
        Assert.False(r.Read(), "The reader must end on the value's last token.");
        return value;
    }

    private static object? Property(object? obj, string name) => Assert.IsType<PSObject>(obj).Properties[name]?.Value;

    [Fact]
    public void Objects_become_PSCustomObjects_with_nested_objects_and_arrays_intact()
    {
        var item = Read("{\"url\":\"https://example.com\",\"price\":12.5,\"count\":3,\"big\":12345678901,\"ok\":true,\"none\":null," +
                        "\"tags\":[\"a\",{\"b\":[1,[2]]}],\"seller\":{\"name\":\"S\",\"rating\":4},\"#debug\":{}}");
        var pso = Assert.IsType<PSObject>(item);
        Assert.IsType<PSCustomObject>(pso.BaseObject);
        Assert.Equal(new[] { "url", "price", "count", "big", "ok", "none", "tags", "seller", "#debug" }, pso.Properties.Select(p => p.Name));
        Assert.All(pso.Properties, p => Assert.IsType<PSNoteProperty>(p));
        Assert.Equal("https://example.com", Property(item, "url"));
        Assert.Equal(12.5, Property(item, "price"));
        Assert.Equal(3, Property(item, "count"));
        Assert.Equal(12345678901L, Property(item, "big"));
        Assert.Equal(true, Property(item, "ok"));
        Assert.Null(Property(item, "none"));
        var tags = Assert.IsType<object[]>(Property(item, "tags"));
        Assert.Equal("a", tags[0]);
        var inner = Assert.IsType<object[]>(Property(tags[1], "b"));
        Assert.Equal(1, inner[0]);
        Assert.Equal(new object[] { 2 }, Assert.IsType<object[]>(inner[1]));
        Assert.Equal("S", Property(Property(item, "seller"), "name"));
        Assert.Empty(Assert.IsType<PSObject>(Property(item, "#debug")).Properties);
    }

    [Fact]
    public void Scalars_and_dates_read_as_they_are()
    {
        Assert.Equal("2024-01-02T03:04:05.678Z", Read("\"2024-01-02T03:04:05.678Z\""));
        Assert.Equal(-1, Read("-1"));
        Assert.Equal(1e300, Read("1e300"));
        Assert.Equal("é\n\"", Read("\"\\u00e9\\n\\\"\""));
        Assert.Empty(Assert.IsType<object[]>(Read("[]")));
    }

    [Fact]
    public void A_later_duplicate_property_wins_also_when_only_the_case_differs()
    {
        var item = Read("{\"a\":1,\"b\":2,\"A\":3}");
        var pso = Assert.IsType<PSObject>(item);
        Assert.Equal(2, pso.Properties.Count());
        Assert.Equal(3, Property(item, "a"));
        // Nested objects keep their own names apart from their parent's.
        var nested = Read("{\"x\":{\"x\":1,\"y\":2},\"y\":3}");
        Assert.Equal(1, Property(Property(nested, "x"), "x"));
        Assert.Equal(3, Property(nested, "y"));
    }

    [Fact]
    public void Property_names_are_decoded_once_per_stream()
    {
        var reader = new PSJsonReader();
        var first = Assert.IsType<PSObject>(Read("{\"title\":1,\"t\\u0069tle2\":2}", reader));
        var second = Assert.IsType<PSObject>(Read("{\"title\":3,\"t\\u0069tle2\":4}", reader));
        Assert.Same(first.Properties.First().Name, second.Properties.First().Name);
        Assert.Equal("title2", second.Properties.Last().Name);
    }

    [Fact]
    public void A_property_without_a_name_is_refused()
    {
        Assert.Throws<JsonException>(() => Read("{\"\":1}"));
    }

    [Fact]
    public void Parse_reads_one_value_and_refuses_what_follows()
    {
        Assert.Equal(1, Property(PSJson.Parse(" {\"a\":1, /* comment */ } "), "a"));
        Assert.ThrowsAny<JsonException>(() => PSJson.Parse("{\"a\":1} {\"b\":2}"));
        Assert.ThrowsAny<JsonException>(() => PSJson.Parse(""));
        Assert.ThrowsAny<JsonException>(() => PSJson.Parse("{\"a\":"));
    }
}
