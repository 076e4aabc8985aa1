using ApifyPS.Client;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>A million dataset items stream through the client core in flat memory.</summary>
[Collection(AloneCollection.Name)]
public class FlatMemoryClientTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    [Fact]
    public async Task A_million_items_stream_in_flat_memory()
    {
        const int count = 1_000_000;
        var seed = _server.Seed("million", 1, 0, new { runDurationMs = 100, datasetItemCount = count, logIntervalMs = 0 });
        var client = new ApifyClient(_server.Connection());
        var started = await client.Runs.StartAsync(seed.Actor, null);
        var run = (await client.Runs.WaitAsync(started.Id, new ApifyWaitOptions(), started)).Job;
        long expected = 1;
        var samples = new List<long>();
        await foreach (var position in client.Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), null, new PageRequest(),
                           ResultsClientTests.Position))
        {
            Assert.Equal(expected, position);
            if (expected % 200_000 == 0) samples.Add(GC.GetTotalMemory(forceFullCollection: true));
            expected++;
        }
        Assert.Equal(count + 1, expected);
        Assert.Equal(count / ApifyPageLimits.DefaultDatasetPageSize + 1, _server.Requests().Count(r => r.Path.EndsWith("/items")));
        // What is held while walking is one page (its bytes and items), not what was walked: the heap does not grow
        // with the items read. Growth is measured against the lowest sample before it: the heap may shrink on the
        // way (what earlier tests in this process left behind can go at the first samples' full collections).
        var growth = samples.Select((s, i) => s - samples.Take(i + 1).Min()).Max();
        Assert.True(growth < 16 * 1024 * 1024,
            $"The heap grew while walking: {string.Join(", ", samples.Select(s => s / 1024 / 1024 + " MB"))}");
    }
}
