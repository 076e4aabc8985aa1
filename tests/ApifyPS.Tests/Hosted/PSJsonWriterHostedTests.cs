using System.Collections;
using System.Management.Automation;
using System.Text;
using ApifyPS.Client;
using ApifyPS.Cmdlets;
using Xunit;

namespace ApifyPS.Tests.Hosted;

/// <summary>PowerShell objects to JSON through one reused writer, PSCustomObjects read from their own members.</summary>
public class PSJsonWriterHostedTests
{
    private static PSObject Custom(params (string Name, object? Value)[] properties)
    {
        var pso = new PSObject();
        foreach (var (name, value) in properties) pso.Properties.Add(new PSNoteProperty(name, value));
        return pso;
    }

    private static string Text(ArraySegment<byte> json) => Encoding.UTF8.GetString(json.Array!, json.Offset, json.Count);

    [Fact]
    public void This_PowerShell_lets_a_PSCustomObject_be_read_from_its_own_members()
    {
        // Without them every item goes through PSObject.Properties, 60 times slower (see PSNoteProperties).
        var own = new PSNoteProperties().OwnMembersOrNull(Custom(("a", 1), ("b", "x")));
        Assert.NotNull(own);
        Assert.Equal(new[] { "a", "b" }, own!.Values.OfType<PSNoteProperty>().Select(m => m.Name));
    }

    [Fact]
    public void One_writer_writes_value_after_value_each_whole_and_alone()
    {
        var writer = new PSJsonWriter();
        var first = Custom(("id", 1), ("name", "item 1"), ("tags", new object[] { "a", "b" }), ("seller", Custom(("name", "S"))));
        Assert.Equal("{\"id\":1,\"name\":\"item 1\",\"tags\":[\"a\",\"b\"],\"seller\":{\"name\":\"S\"}}", Text(writer.Write(first)));
        Assert.Equal("{\"x\":null}", Text(writer.Write(new Hashtable { ["x"] = null })));
        Assert.Equal("\"text\"", Text(writer.Write("text")));
        var deep = Custom(("a", 1));
        for (var i = 0; i < PSJson.MaxDepth + 2; i++) deep = Custom(("inner", deep));
        Assert.Throws<ArgumentException>(() => writer.Write(deep));
        // A refused value leaves nothing behind for the next.
        Assert.Equal("{\"id\":2}", Text(writer.Write(Custom(("id", 2)))));
        Assert.Equal(Encoding.UTF8.GetBytes("{\"id\":2}"), PSJson.ToUtf8(Custom(("id", 2))));
    }

    [Fact]
    public void Properties_added_by_a_script_or_a_type_are_not_note_properties_and_are_not_written()
    {
        var pso = Custom(("a", 1));
        pso.Properties.Add(new PSScriptProperty("computed", ScriptBlock.Create("'never sent'")));
        pso.Properties.Add(new PSAliasProperty("alias", "a"));
        Assert.Equal("{\"a\":1}", Text(new PSJsonWriter().Write(pso)));
    }

    [Fact]
    public void A_batch_is_sent_from_its_own_buffer_and_emptied_after()
    {
        var batch = new DatasetItemBatch(200_000);
        var item = new ArraySegment<byte>(Encoding.UTF8.GetBytes("xx{\"n\":1}yy"), 2, 7);
        for (var i = 0; i < 20_000 && batch.Fits(item.Count); i++) batch.Add(item);
        var body = batch.Body();
        Assert.Equal(batch.Bytes, body.Count);
        Assert.True(body.Count <= 200_000);
        var text = Encoding.UTF8.GetString(body.Array!, body.Offset, body.Count);
        Assert.StartsWith("[{\"n\":1},{\"n\":1}", text);
        Assert.EndsWith("{\"n\":1}]", text);
        Assert.Equal(batch.Count, text.Split("{\"n\":1}").Length - 1);
        batch.Clear();
        Assert.Equal(0, batch.Count);
        Assert.Equal("[]", Encoding.UTF8.GetString(batch.Take()));
        batch.Add(item);
        Assert.Equal("[{\"n\":1}]", Encoding.UTF8.GetString(batch.Take()));
    }
}
