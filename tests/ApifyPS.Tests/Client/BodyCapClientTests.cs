using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Caps on what an answer may put in memory (issue 12, item 4), against the local server's huge-body and gzip-bomb
/// faults: a page or JSON body over the cap (counted after decompression) is an invalid-response error naming the
/// cap, not retried, and reading it stops at the cap; a record streamed to a file has no cap. These measure the
/// bytes this process allocates, so nothing else runs beside them.
/// </summary>
[Collection(AloneCollection.Name)]
public class BodyCapClientTests(FastWaitEmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<FastWaitEmulatorFixture>
{
    private const long MiB = 1024 * 1024;

    /// <summary>Reading up to the default cap of 64 MiB may allocate about twice that (a buffer that doubles).</summary>
    private const long MostAllocated = 400 * MiB;

    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client(int maxRetries = 3) => new(_server.Connection(), new ApifyClientOptions
    {
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(4),
    });

    private int RequestsTo(string path) => _server.Requests().Count(r => r.Path == path);

    private async Task<ApifyRun> FinishedRun(object behaviour)
    {
        var seed = _server.Seed("bc" + Guid.NewGuid().ToString("N")[..10], 1, 0, behaviour);
        var client = Client();
        var run = await client.Runs.StartAsync(seed.Actor, null);
        return (await client.Runs.WaitAsync(run.Id, new ApifyWaitOptions(), run)).Job;
    }

    /// <summary>Runs <paramref name="call"/> and returns what it threw and the bytes this process allocated meanwhile.</summary>
    private async Task<(Exception? Error, long Allocated)> Measure(Func<Task> call)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        Exception? error = null;
        var run = call();
        Assert.True(run == await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120))), "the call was still going after 120 s");
        try { await run; }
        catch (Exception ex) { error = ex; }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"allocated {allocated / MiB} MiB; {error?.GetType().Name}: {error?.Message}");
        return (error, allocated);
    }

    private static ApifyApiException AssertTooLarge(Exception? error, string cap)
    {
        var ex = Assert.IsType<ApifyApiException>(error);
        Assert.Equal(ApifyErrorTypes.InvalidResponse, ex.ErrorType);
        Assert.Contains($"more than {cap}", ex.Message);
        Assert.Equal(1, ex.Attempts); // the same answer would come again: not retried
        return ex;
    }

    [Fact]
    public async Task A_huge_list_page_is_refused_at_the_cap_without_growing_memory()
    {
        var seed = _server.Seed("bcl" + Guid.NewGuid().ToString("N")[..10], builds: 3);
        var path = $"/v2/actors/{seed.Actor}/builds";
        // 2.2 GB without a Content-Length: only counting the bytes finds out.
        _server.AddFault(new { path, action = "huge-body", bytes = 2_200_000_000L, chunked = true, count = 5 });
        var (error, allocated) = await Measure(() => Client().Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync());
        AssertTooLarge(error, "64 MiB");
        Assert.Equal(1, RequestsTo(path));
        Assert.True(allocated < MostAllocated, $"{allocated / MiB} MiB allocated reading a 2.2 GB page");
    }

    [Fact]
    public async Task A_gzip_bomb_is_counted_after_decompression()
    {
        var run = await FinishedRun(new { runDurationMs = 100 });
        var path = "/v2/actor-runs/" + run.Id;
        var before = RequestsTo(path);
        // About 1 MB on the wire, 1 GiB once decompressed.
        _server.AddFault(new { path, action = "gzip-bomb", bytes = 1024 * MiB, count = 5 });
        var (error, allocated) = await Measure(() => Client().Runs.GetAsync(run.Id));
        AssertTooLarge(error, "64 MiB");
        Assert.Equal(before + 1, RequestsTo(path));
        Assert.True(allocated < MostAllocated, $"{allocated / MiB} MiB allocated reading a 1 GiB body");
    }

    [Fact]
    public async Task A_huge_dataset_page_announced_by_its_length_is_refused_before_it_is_read()
    {
        var run = await FinishedRun(new { runDurationMs = 100, datasetItemCount = 10 });
        var path = $"/v2/datasets/{run.DefaultDatasetId}/items";
        _server.AddFault(new { path, action = "huge-body", bytes = 3_000_000_000L, count = 5 });
        var (error, allocated) = await Measure(() =>
            Client().Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), null, new PageRequest(), ResultsClientTests.Position).CollectAsync());
        var ex = AssertTooLarge(error, "64 MiB");
        // What to do about it (the cmdlet layer renders it): ask for fewer items per page.
        Assert.Equal(ApifyBodyKind.DatasetItemsPage, ex.OversizedBody);
        Assert.Contains("-PageSize", ApifyPS.Cmdlets.ApifyErrorRecords.For(ex, null).ErrorDetails.RecommendedAction);
        Assert.Equal(1, RequestsTo(path));
        Assert.True(allocated < 64 * MiB, $"{allocated / MiB} MiB allocated for an answer refused by its Content-Length");
    }

    [Fact]
    public async Task A_huge_record_is_refused_in_memory_and_streamed_to_a_file()
    {
        var run = await FinishedRun(new { runDurationMs = 100, output = "small", outputContentType = "text/plain" });
        var store = ApifyStorageRef.KeyValueStore(run.DefaultKeyValueStoreId!);
        var path = store.BasePath + "/records/OUTPUT";
        _server.AddFault(new { path, action = "huge-body", bytes = 200 * MiB, chunked = true, count = 1 });
        var (error, allocated) = await Measure(() => Client().KeyValueStores.GetRecordAsync(store, "OUTPUT"));
        var ex = AssertTooLarge(error, "64 MiB");
        Assert.Equal(ApifyBodyKind.Record, ex.OversizedBody);
        Assert.Contains("Get-ApifyRecord -OutFile", ApifyPS.Cmdlets.ApifyErrorRecords.For(ex, null).ErrorDetails.RecommendedAction);
        Assert.True(allocated < MostAllocated, $"{allocated / MiB} MiB allocated reading a 200 MiB record");

        // The same record to a file: streamed whole, in little memory.
        _server.AddFault(new { path, action = "huge-body", bytes = 200 * MiB, chunked = true, count = 1 });
        using var folder = new TempDirectory();
        var file = folder.Combine("output.txt");
        (error, allocated) = await Measure(() => Client().KeyValueStores.SaveRecordAsync(store, "OUTPUT", file));
        Assert.Null(error);
        Assert.Equal(200 * MiB + "small".Length, new FileInfo(file).Length);
        Assert.True(allocated < 64 * MiB, $"{allocated / MiB} MiB allocated writing a 200 MiB record to a file");
    }

    [Fact]
    public async Task A_huge_run_sync_output_is_refused_and_says_where_to_get_it()
    {
        var seed = _server.Seed("bcs" + Guid.NewGuid().ToString("N")[..10], 1, 0, new { runDurationMs = 100 });
        var path = $"/v2/actors/{seed.Actor}/run-sync";
        _server.AddFault(new { path, method = "POST", action = "gzip-bomb", bytes = 512 * MiB, count = 5 });
        var (error, allocated) = await Measure(() => Client().Runs.RunSyncAsync(seed.Actor, ApifyInput.FromText("{}")));
        var ex = AssertTooLarge(error, "64 MiB");
        Assert.Equal(ApifyBodyKind.RunOutput, ex.OversizedBody);
        Assert.Contains($"Get-ApifyRun -Actor '{seed.Actor}' -Descending -First 1 | Get-ApifyRecord -Key OUTPUT -OutFile",
            ApifyPS.Cmdlets.ApifyErrorRecords.For(ex, null).ErrorDetails.RecommendedAction);
        Assert.Equal(1, RequestsTo(path));
        Assert.True(allocated < MostAllocated, $"{allocated / MiB} MiB allocated reading a 512 MiB output");
    }

    [Fact]
    public async Task The_caps_are_options()
    {
        var run = await FinishedRun(new { runDurationMs = 100, output = "small", outputContentType = "text/plain" });
        var store = ApifyStorageRef.KeyValueStore(run.DefaultKeyValueStoreId!);
        var client = new ApifyClient(_server.Connection(), new ApifyClientOptions { MaxJsonBytes = MiB, MaxRecordBytes = 100 * 1024, MaxRetries = 0 });
        var runPath = "/v2/actor-runs/" + run.Id;
        _server.AddFault(new { path = runPath, action = "gzip-bomb", bytes = 256 * MiB });
        var (error, allocated) = await Measure(() => client.Runs.GetAsync(run.Id));
        AssertTooLarge(error, "1 MiB");
        Assert.True(allocated < 16 * MiB, $"{allocated / MiB} MiB allocated under a cap of 1 MiB");

        var recordPath = store.BasePath + "/records/OUTPUT";
        _server.AddFault(new { path = recordPath, action = "huge-body", bytes = 100 * 1024 - 5, chunked = true });
        Assert.Equal(100 * 1024, (await client.KeyValueStores.GetRecordAsync(store, "OUTPUT")).Body.Length); // exactly the cap fits
        _server.AddFault(new { path = recordPath, action = "huge-body", bytes = 100 * 1024 - 4, chunked = true });
        AssertTooLarge(await Record.ExceptionAsync(() => client.KeyValueStores.GetRecordAsync(store, "OUTPUT")), "100 KiB");

        Assert.Throws<ArgumentOutOfRangeException>(() => new ApifyClientOptions { MaxJsonBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApifyClientOptions { MaxRecordBytes = ApifyClientOptions.MaxCap + 1 });
    }

    [Fact]
    public async Task A_log_line_that_never_ends_is_handed_over_in_pieces()
    {
        var run = await FinishedRun(new { runDurationMs = 100, logIntervalMs = 0 });
        var path = $"/v2/actor-runs/{run.Id}/log";
        _server.AddFault(new { path, action = "gzip-bomb", bytes = 64 * MiB });
        long longest = 0, total = 0;
        var (error, _) = await Measure(() => Client().Logs.ReadAsync("run", run.Id, follow: false, line =>
        {
            longest = Math.Max(longest, line.Length);
            total += line.Length;
        }));
        Assert.Null(error);
        Assert.True(total >= 64 * MiB, $"{total} characters handed over");
        Assert.True(longest <= LogLines.MaxLineChars, $"a line of {longest} characters was held");
    }
}
