using System.Text;
using System.Text.Json;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Run results in the client core against the local server: dataset items paged by the X-Apify-Pagination-*
/// headers (lazily, -First/-Skip as limit/offset, clean windows), a million items in flat memory, keys paged by
/// key, records as stored or written to a file, logs read and followed, and the wait loop handing over the log.
/// </summary>
public class ResultsClientTests(FastWaitEmulatorFixture fixture) : IClassFixture<FastWaitEmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client() => new(_server.Connection());

    private EmulatorProcess.SeedResult Seed(object? extra = null) =>
        _server.Seed("k" + Guid.NewGuid().ToString("N")[..10], 1, 0, extra);

    private async Task<ApifyRun> FinishedRun(string actor, ApifyInput? input = null)
    {
        var client = Client();
        var run = await client.Runs.StartAsync(actor, input);
        return (await client.Runs.WaitAsync(run.Id, new ApifyWaitOptions(), run)).Job;
    }

    /// <summary>Reads an item's "position" (or "n", "a") and skips the rest: cheap, so many items test the paging, not PowerShell.</summary>
    internal static long Position(ref Utf8JsonReader reader)
    {
        long position = -1;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 &&
                (reader.ValueTextEquals("position") || reader.ValueTextEquals("n") || reader.ValueTextEquals("a")))
            {
                reader.Read();
                position = reader.GetInt64();
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
        return position;
    }

    private static PageRequest Paging(int? pageSize = null, long? first = null, long skip = 0, bool descending = false) =>
        new() { PageSize = pageSize, First = first, Skip = skip, Descending = descending };

    private List<string> ItemQueries() => _server.Requests().Where(r => r.Path.EndsWith("/items")).Select(r => r.Query).ToList();

    [Fact]
    public async Task Items_stream_page_by_page_following_the_pagination_headers()
    {
        var run = await FinishedRun(Seed(new { runDurationMs = 100, datasetItemCount = 7 }).Actor);
        var client = Client();
        _server.ClearRequests();
        var items = await client.Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), null, Paging(3), Position).CollectAsync();
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7 }, items);
        // A short page (1 of 3) ends the walk.
        Assert.Equal(new[] { "limit=3", "offset=3&limit=3", "offset=6&limit=3" }, ItemQueries());

        // -First / -Skip become limit and offset; nothing beyond what is wanted is asked for.
        _server.ClearRequests();
        items = await client.Datasets.ListItemsAsync(ApifyStorageRef.RunDataset(run.Id), null, Paging(3, first: 4, skip: 2), Position).CollectAsync();
        Assert.Equal(new long[] { 3, 4, 5, 6 }, items);
        Assert.Equal(new[] { "offset=2&limit=3", "offset=5&limit=1" }, ItemQueries());
        Assert.All(_server.Requests(), r => Assert.Equal($"/v2/actor-runs/{run.Id}/dataset/items", r.Path));

        // Newest first.
        items = await client.Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), null, Paging(5, descending: true), Position).CollectAsync();
        Assert.Equal(new long[] { 7, 6, 5, 4, 3, 2, 1 }, items);
    }

    [Fact]
    public async Task Pages_are_read_only_as_far_as_the_consumer_reads()
    {
        var run = await FinishedRun(Seed(new { runDurationMs = 100, datasetItemCount = 7 }).Actor);
        _server.ClearRequests();
        var items = await Client().Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), null, Paging(3), Position).CollectAsync(take: 3);
        Assert.Equal(new long[] { 1, 2, 3 }, items);
        Assert.Single(ItemQueries());

        // Without a page size the client still asks for a page (the endpoint would send everything), never assuming more.
        _server.ClearRequests();
        await Client().Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), null, Paging(), Position).CollectAsync();
        Assert.Equal(new[] { $"limit={ApifyPageLimits.DefaultDatasetPageSize}" }, ItemQueries());
    }

    [Fact]
    public async Task With_clean_the_walk_advances_by_window_up_to_the_total()
    {
        // Empty items are dropped by the server from inside each page's window: a short page does not end the walk.
        var items = JsonDocument.Parse("[{\"a\":1},{},{},{\"a\":4},{},{\"a\":6},{}]").RootElement;
        var run = await FinishedRun(Seed(new { runDurationMs = 100, datasetItems = items }).Actor);
        var options = new ApifyDatasetItemOptions { Clean = true };
        _server.ClearRequests();
        long? total = null;
        var paging = Paging(2);
        paging.OnTotal = t => total = t;
        var got = await Client().Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), options, paging, Position).CollectAsync();
        Assert.Equal(new long[] { 1, 4, 6 }, got);
        Assert.Equal(new[] { "clean=true&limit=2", "clean=true&offset=2&limit=2", "clean=true&offset=4&limit=2", "clean=true&offset=6&limit=2" }, ItemQueries());
        Assert.Equal(7, total);
    }

    [Fact]
    public async Task Fields_and_omit_reach_the_server_and_shape_the_items()
    {
        var run = await FinishedRun(Seed(new { runDurationMs = 100 }).Actor);
        var options = new ApifyDatasetItemOptions { Fields = new[] { "title", "position" }, Omit = new[] { "title" } };
        _server.ClearRequests();
        var items = await Client().Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), options, Paging(first: 2),
            (ref Utf8JsonReader r) => JsonDocument.ParseValue(ref r).RootElement.GetRawText()).CollectAsync();
        Assert.Equal(new[] { "{\"position\":1}", "{\"position\":2}" }, items);
        Assert.Equal(new[] { "fields=title%2Cposition&omit=title&limit=2" }, ItemQueries());
    }

    [Fact]
    public async Task Keys_are_paged_by_key_and_carry_their_store()
    {
        var run = await FinishedRun(Seed(new { runDurationMs = 100, recordCount = 7 }).Actor, ApifyInput.FromText("{\"x\":1}"));
        var store = run.DefaultKeyValueStoreId!;
        var client = Client();
        _server.ClearRequests();
        var keys = await client.KeyValueStores.ListKeysAsync(store, new KeyPageRequest { PageSize = 3 }).CollectAsync();
        Assert.Equal(new[] { "INPUT", "OUTPUT", "page-00001", "page-00002", "page-00003", "page-00004", "page-00005", "page-00006", "page-00007" },
            keys.Select(k => k.Key));
        Assert.All(keys, k => Assert.Equal(store, k.StoreId));
        Assert.Equal(7, keys[0].Size);
        Assert.Equal(new[] { "limit=3", "exclusiveStartKey=page-00001&limit=3", "exclusiveStartKey=page-00004&limit=3" },
            _server.Requests().Select(r => r.Query));

        // -Skip is read and dropped (keys cannot be skipped by count); -First bounds the limits asked for.
        _server.ClearRequests();
        keys = await client.KeyValueStores.ListKeysAsync(store, new KeyPageRequest { PageSize = 3, Skip = 2, First = 2 }).CollectAsync();
        Assert.Equal(new[] { "page-00001", "page-00002" }, keys.Select(k => k.Key));
        Assert.Equal(new[] { "limit=3", "exclusiveStartKey=page-00001&limit=1" }, _server.Requests().Select(r => r.Query));

        keys = await client.KeyValueStores.ListKeysAsync(store, new KeyPageRequest { ExclusiveStartKey = "page-00005" }, prefix: "page-").CollectAsync();
        Assert.Equal(new[] { "page-00006", "page-00007" }, keys.Select(k => k.Key));

        // Lazily: stopping after the first page costs one request.
        _server.ClearRequests();
        await client.KeyValueStores.ListKeysAsync(store, new KeyPageRequest { PageSize = 3 }).CollectAsync(take: 3);
        Assert.Single(_server.Requests());
    }

    [Fact]
    public async Task Records_come_back_as_stored_and_files_are_written_whole()
    {
        var client = Client();
        var text = await FinishedRun(Seed(new { runDurationMs = 100, output = "<p>Done</p>", outputContentType = "text/html; charset=utf-8" }).Actor);
        var record = await client.KeyValueStores.GetRecordAsync(ApifyStorageRef.RunKeyValueStore(text.Id), "OUTPUT");
        Assert.True(record.IsText);
        Assert.False(record.IsJson);
        Assert.Equal("<p>Done</p>", record.Text);

        var json = await FinishedRun(Seed(new { runDurationMs = 100 }).Actor, ApifyInput.FromText("{\"q\":[1,2]}"));
        record = await client.KeyValueStores.GetRecordAsync(ApifyStorageRef.KeyValueStore(json.DefaultKeyValueStoreId!), "OUTPUT");
        Assert.True(record.IsJson);
        Assert.Contains("\"input\":{\"q\":[1,2]}", record.Text);

        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        var binary = await FinishedRun(Seed(new { runDurationMs = 100, output = Convert.ToBase64String(bytes), outputContentType = "application/zip" }).Actor);
        record = await client.KeyValueStores.GetRecordAsync(ApifyStorageRef.RunKeyValueStore(binary.Id), "OUTPUT");
        Assert.False(record.IsText);
        Assert.Equal(bytes, record.Body);

        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "out.zip");
        File.WriteAllText(path, "an older file that is replaced");
        var saved = await client.KeyValueStores.SaveRecordAsync(ApifyStorageRef.RunKeyValueStore(binary.Id), "OUTPUT", path);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(bytes.Length, saved.Length);
        Assert.Equal("application/zip", saved.ContentType);

        var missing = await Assert.ThrowsAsync<ApifyApiException>(() => client.KeyValueStores.SaveRecordAsync(ApifyStorageRef.RunKeyValueStore(binary.Id), "NOPE", Path.Combine(folder.Path, "nope.bin")));
        Assert.Equal("record-not-found", missing.ErrorType);
        Assert.Equal(new[] { "out.zip" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_log_is_read_line_by_line()
    {
        var run = await FinishedRun(Seed(new { runDurationMs = 300, logIntervalMs = 50 }).Actor);
        var client = Client();
        var lines = new List<string>();
        var count = await client.Logs.ReadAsync("run", run.Id, follow: false, lines.Add);
        Assert.Equal(lines.Count, count);
        Assert.EndsWith("ACTOR: Pulling Docker image of build 0.0.1 from registry.", lines[0]);
        Assert.EndsWith("ACTOR: The Actor process exited with code 0.", lines[^1]);
        Assert.Contains(lines, l => l.EndsWith("Crawl finished. 5 items stored in the default dataset."));

        var again = new List<string>();
        await client.Logs.ReadAsync(null, run.Id, follow: true, again.Add);
        Assert.Equal(lines, again);
        Assert.Equal("stream=true", _server.Requests().Last().Query);
    }

    [Fact]
    public async Task A_followed_log_delivers_lines_as_they_are_written_and_ends_with_the_job()
    {
        var seed = Seed(new { runDurationMs = 600_000, logIntervalMs = 50 });
        var client = Client();
        var run = await client.Runs.StartAsync(seed.Actor, null);
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var following = client.Logs.ReadAsync("run", run.Id, follow: true, line => { lock (lines) lines.Add(line); }, timeout.Token);
        await WaitUntil(() => { lock (lines) return lines.Count(l => l.Contains("Processed")) >= 3; });
        Assert.False(following.IsCompleted);
        await client.Runs.AbortAsync(run.Id);
        await following;
        Assert.EndsWith("ACTOR: The run was aborted.", lines[^1]);
    }

    [Fact]
    public async Task Cancelling_a_followed_log_ends_it_at_once()
    {
        var seed = Seed(new { runDurationMs = 600_000, logIntervalMs = 50 });
        var client = Client();
        var run = await client.Runs.StartAsync(seed.Actor, null);
        using var cancel = new CancellationTokenSource();
        var lines = 0;
        var following = client.Logs.ReadAsync("run", run.Id, follow: true, _ => Interlocked.Increment(ref lines), cancel.Token);
        await WaitUntil(() => Volatile.Read(ref lines) > 0);
        cancel.Cancel();
        var ended = await Task.WhenAny(following, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.Same(following, ended);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);
        Assert.Equal("RUNNING", (await client.Runs.GetAsync(run.Id)).Status);
        await client.Runs.AbortAsync(run.Id);
    }

    [Fact]
    public async Task Waiting_with_the_log_hands_over_every_line_before_the_job()
    {
        var seed = Seed(new { runDurationMs = 1500, logIntervalMs = 100 });
        var client = Client();
        var run = await client.Runs.StartAsync(seed.Actor, null);
        var lines = new List<string>();
        var result = await client.Runs.WaitAsync(run.Id, new ApifyWaitOptions { LogLine = line => { lock (lines) lines.Add(line); } }, run);
        Assert.Equal("SUCCEEDED", result.Job.Status);
        List<string> seen;
        lock (lines) seen = lines.ToList();
        Assert.EndsWith("ACTOR: The Actor process exited with code 0.", seen[^1]);
        var whole = new List<string>();
        await client.Logs.ReadAsync("run", run.Id, false, whole.Add);
        Assert.Equal(whole, seen);
        Assert.Contains(_server.Requests(), r => r.Path == $"/v2/actor-runs/{run.Id}/log" && r.Query == "stream=true");
    }

    [Fact]
    public async Task A_log_that_cannot_be_followed_does_not_fail_the_wait()
    {
        var verbose = new List<string>();
        var client = new ApifyClient(_server.Connection(), new ApifyClientOptions { Verbose = l => { lock (verbose) verbose.Add(l); } });
        var seed = Seed(new { runDurationMs = 200 });
        var run = await client.Runs.StartAsync(seed.Actor, null);
        // A build's log path for a run id: 404; the wait still ends with the run.
        var result = await JobWaiter.WaitAsync(client, "build", run.Id, run, (wait, token) => client.Runs.GetAsync(run.Id, wait, token),
            new ApifyWaitOptions { LogLine = _ => { } }, CancellationToken.None);
        Assert.Equal("SUCCEEDED", result.Job.Status);
        lock (verbose) Assert.Contains(verbose, l => l.Contains("could not be followed") && l.Contains("record-not-found"));
    }

    /// <summary>A client whose retries wait only a few milliseconds, for the injected faults.</summary>
    private ApifyClient QuickRetryClient() => new(_server.Connection(), new ApifyClientOptions
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(4),
    });

    [Theory]
    [InlineData("truncate", false)]
    [InlineData("truncate", true)]
    [InlineData("html", false)]
    [InlineData("status", false)]
    public async Task A_broken_page_of_items_is_read_again_and_no_item_comes_twice(string action, bool abort)
    {
        var run = await FinishedRun(Seed(new { runDurationMs = 100, datasetItemCount = 7 }).Actor);
        var path = $"/v2/datasets/{run.DefaultDatasetId}/items";
        // The first page breaks once.
        _server.AddFault(new { path, method = "GET", action, abort, status = action == "status" ? 503 : (int?)null, count = 1 });
        try
        {
            _server.ClearRequests();
            var items = await QuickRetryClient().Datasets.ListItemsAsync(ApifyStorageRef.Dataset(run.DefaultDatasetId!), null, Paging(3), Position).CollectAsync();
            Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7 }, items);
            Assert.Equal(new[] { "limit=3", "limit=3", "offset=3&limit=3", "offset=6&limit=3" }, ItemQueries());
        }
        finally
        {
            _server.ClearFaults();
        }
    }

    [Fact]
    public async Task A_log_read_that_breaks_off_is_read_again_and_hands_over_each_line_once()
    {
        var run = await FinishedRun(Seed(new { runDurationMs = 600, logIntervalMs = 20 }).Actor);
        var whole = new List<string>();
        await Client().Logs.ReadAsync("run", run.Id, false, whole.Add);
        _server.AddFault(new { path = $"/v2/actor-runs/{run.Id}/log", method = "GET", action = "truncate", abort = true, count = 1 });
        try
        {
            _server.ClearRequests();
            var lines = new List<string>();
            var count = await QuickRetryClient().Logs.ReadAsync("run", run.Id, false, lines.Add);
            Assert.Equal(2, _server.Requests().Count);
            Assert.Equal(whole, lines);
            Assert.Equal(whole.Count, count);
        }
        finally
        {
            _server.ClearFaults();
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 30 s.");
            await Task.Delay(20);
        }
    }
}
