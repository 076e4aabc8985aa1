using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ApifyPS.Client;
using ApifyPS.Cmdlets;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Storages in the client core against the local server: datasets, key-value stores and request queues as objects,
/// item pushes batched at the size limit and never repeated after a lost answer, exports in every format written
/// whole or not at all (and over an existing file only when asked), queue de-duplication, and the deletes the server
/// refuses.
/// </summary>
public class StoragesClientTests(EmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorProcess _server = fixture.Server;

    // Fast retries (the fault rows below try every attempt), MaxRetries explicit: hosted tests may change the process-wide policy.
    private ApifyClient Client() => new(_server.Connection(), new ApifyClientOptions
    {
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(4),
        Verbose = line => output.WriteLine(line),
    });

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    private int Pushes(string datasetId) =>
        _server.Requests().Count(r => r.Method == "POST" && r.Path == $"/v2/datasets/{datasetId}/items");

    private static byte[] Item(long n, int padding) =>
        Encoding.UTF8.GetBytes($"{{\"n\":{n},\"pad\":\"{new string('x', padding)}\"}}");

    /// <summary>Pushes <paramref name="count"/> items the way Add-ApifyDatasetItem does: a batch filled until the next item would not fit.</summary>
    private static async Task<long> PushAll(ApifyClient client, string datasetId, int count, int padding, int maxBytes = DatasetItemBatch.DefaultMaxBytes)
    {
        var batch = new DatasetItemBatch(maxBytes);
        long stored = 0;
        for (var n = 1; n <= count; n++)
        {
            var item = Item(n, padding);
            if (!batch.Fits(item.Length)) stored += await client.Datasets.PushItemsAsync(datasetId, batch, stored);
            batch.Add(item);
        }
        stored += await client.Datasets.PushItemsAsync(datasetId, batch, stored);
        return stored;
    }

    private static long N(ref Utf8JsonReader reader) => ResultsClientTests.Position(ref reader);

    [Fact]
    public async Task Datasets_are_created_by_name_listed_named_or_unnamed_renamed_and_deleted()
    {
        var client = Client();
        var name = Unique("ds");
        var named = await client.Datasets.CreateAsync(name);
        Assert.Equal(name, named.Name);
        // The same name again is the same dataset (the API's keyed create).
        Assert.Equal(named.Id, (await client.Datasets.CreateAsync(name)).Id);
        var unnamed = await client.Datasets.CreateAsync(null);
        Assert.Null(unnamed.Name);
        Assert.NotEqual(unnamed.Id, (await client.Datasets.CreateAsync(null)).Id);

        var listed = await client.Datasets.ListAsync(false, new PageRequest()).CollectAsync();
        Assert.Contains(listed, d => d.Id == named.Id);
        Assert.DoesNotContain(listed, d => d.Id == unnamed.Id);
        Assert.Contains(await client.Datasets.ListAsync(true, new PageRequest()).CollectAsync(), d => d.Id == unnamed.Id);

        // By username~name, as the API accepts it.
        var byName = await client.Datasets.GetAsync(named.Username + "~" + name);
        Assert.Equal(named.Id, byName.Id);
        Assert.NotNull(byName.CreatedAt);
        Assert.NotNull(byName.ModifiedAt);
        Assert.NotNull(byName.AccessedAt);

        var renamed = await client.Datasets.UpdateAsync(named.Id, new ApifyBody().Set("name", name + "-2"));
        Assert.Equal(name + "-2", renamed.Name);
        await client.Datasets.DeleteAsync(named.Id);
        var gone = await Assert.ThrowsAsync<ApifyApiException>(() => client.Datasets.GetAsync(named.Id));
        Assert.Equal(ApifyErrorTypes.RecordNotFound, gone.ErrorType);
    }

    [Fact]
    public async Task Pushes_fill_batches_up_to_the_size_limit_and_never_over_it()
    {
        var client = Client();
        var dataset = await client.Datasets.CreateAsync(null);
        _server.ClearRequests();
        // 12,000 items of about 1 KB: 12 MB, so at least three pushes of up to 5,000,000 bytes, none refused (413).
        const int count = 12_000;
        var stored = await PushAll(client, dataset.Id, count, 1000);
        Assert.Equal(count, stored);
        var pushes = Pushes(dataset.Id);
        var bytesPerItem = Item(count, 1000).Length + 1;
        var perBatch = (DatasetItemBatch.DefaultMaxBytes - 1) / bytesPerItem;
        Assert.Equal((int)Math.Ceiling(count / (double)perBatch), pushes);
        // Read back whole and in order.
        var items = await client.Datasets.ListItemsAsync(ApifyStorageRef.Dataset(dataset.Id), null, new PageRequest(), N).CollectAsync();
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), items);
        Assert.Equal(count, (await client.Datasets.GetAsync(dataset.Id)).ItemCount);
    }

    [Fact]
    public void A_batch_holds_what_fits_and_refuses_an_item_too_large_for_any_push()
    {
        var batch = new DatasetItemBatch(100);
        var item = Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 40) + "\"}"); // 48 bytes
        Assert.True(batch.Fits(item.Length));
        batch.Add(item);
        Assert.Equal(50, batch.Bytes); // [ + 48 + ]
        Assert.True(batch.Fits(item.Length)); // [ + 48 + , + 48 + ] = 99
        batch.Add(item);
        Assert.Equal(99, batch.Bytes);
        Assert.False(batch.Fits(1));
        Assert.True(batch.CanHold(98));
        Assert.False(batch.CanHold(99));
        Assert.Equal(99, batch.Take().Length);
        Assert.Equal(0, batch.Count);
        Assert.True(batch.Fits(98));
    }

    [Fact]
    public async Task The_server_refuses_a_push_over_its_limit_with_413()
    {
        var client = Client();
        var dataset = await client.Datasets.CreateAsync(null);
        // A batch allowed to exceed the API's limit (6 MB): the server's own check answers.
        var batch = new DatasetItemBatch(6_000_000);
        batch.Add(Item(1, 5_400_000));
        var ex = await Assert.ThrowsAsync<ApifyApiException>(() => client.Datasets.PushItemsAsync(dataset.Id, batch, 0));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, ex.StatusCode);
        Assert.Equal("request-too-large", ex.ErrorType);
        Assert.Contains("item 1 (this push) were not stored", ex.Message);
        Assert.Equal(0, (await client.Datasets.GetAsync(dataset.Id)).ItemCount);
    }

    [Theory]
    [InlineData("reset-after")]
    [InlineData("close-after")]
    public async Task A_push_whose_answer_is_lost_is_not_repeated_and_the_error_says_which_items_were_stored(string action)
    {
        var client = Client();
        var dataset = await client.Datasets.CreateAsync(null);
        var first = new DatasetItemBatch();
        for (var n = 1; n <= 10; n++) first.Add(Item(n, 10));
        await client.Datasets.PushItemsAsync(dataset.Id, first, 0);
        _server.ClearRequests();
        _server.AddFault(new { path = $"/v2/datasets/{dataset.Id}/items", method = "POST", action, count = 5 });
        try
        {
            var second = new DatasetItemBatch();
            for (var n = 11; n <= 15; n++) second.Add(Item(n, 10));
            var ex = await Assert.ThrowsAsync<ApifyApiException>(() => client.Datasets.PushItemsAsync(dataset.Id, second, 10));
            output.WriteLine(ex.Message);
            Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
            Assert.Equal(1, Pushes(dataset.Id));
            Assert.Contains("Items 1-10 of this pipeline were stored", ex.Message);
            Assert.Contains("items 11-15 (this push) may or may not have been stored", ex.Message);
            Assert.Equal($"(Get-ApifyDataset -Id '{dataset.Id}').ItemCount", OutcomeCheckCommand.Render(ex.OutcomeCheck!));
            // The server did store them (the fault came after processing): once, not twice.
            Assert.Equal(15, (await client.Datasets.GetAsync(dataset.Id)).ItemCount);
        }
        finally
        {
            _server.ClearFaults();
        }
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("xlsx")]
    [InlineData("xml")]
    [InlineData("html")]
    public async Task Every_format_exports_every_item_in_one_whole_file(string format)
    {
        var client = Client();
        var dataset = await client.Datasets.CreateAsync(null);
        var batch = new DatasetItemBatch();
        for (var n = 1; n <= 30; n++)
            batch.Add(Encoding.UTF8.GetBytes($"{{\"n\":{n},\"title\":\"Item, \\\"{n}\\\"\",\"seller\":{{\"name\":\"S{n % 3}\"}},\"tags\":[\"a\",\"b\"]}}"));
        await client.Datasets.PushItemsAsync(dataset.Id, batch, 0);
        using var dir = new TempDirectory();
        var path = dir.Combine("items." + format);
        var reports = new List<ApifyExportProgress>();
        var file = await client.Datasets.ExportAsync(ApifyStorageRef.Dataset(dataset.Id), format, null, path, overwrite: false,
            new SyncProgress(reports));
        Assert.Equal(Path.GetFullPath(path), file.Path);
        Assert.Equal(new FileInfo(path).Length, file.Length);
        Assert.Equal(30, file.TotalItems);
        Assert.True(reports.Last().Completed);
        Assert.Single(Directory.GetFiles(dir.Path)); // no temporary file left
        var request = _server.Requests().Last(r => r.Path == $"/v2/datasets/{dataset.Id}/items");
        Assert.Equal($"format={format}", request.Query); // no limit: one answer holds every item
        switch (format)
        {
            case "csv":
                var lines = File.ReadAllLines(path, Encoding.UTF8);
                Assert.Equal("n,title,seller/name,tags/0,tags/1", lines[0].TrimStart('\uFEFF'));
                Assert.Equal(31, lines.Length);
                Assert.Equal("30,\"Item, \"\"30\"\"\",S0,a,b", lines[30]);
                break;
            case "json":
                using (var doc = JsonDocument.Parse(File.ReadAllBytes(path)))
                {
                    Assert.Equal(30, doc.RootElement.GetArrayLength());
                    Assert.Equal("S0", doc.RootElement[29].GetProperty("seller").GetProperty("name").GetString());
                    Assert.Equal(30, doc.RootElement[29].GetProperty("n").GetInt32());
                }
                break;
            case "jsonl":
                var jsonl = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
                Assert.Equal(30, jsonl.Count);
                Assert.Equal(1, JsonDocument.Parse(jsonl[0]).RootElement.GetProperty("n").GetInt32());
                break;
            case "xlsx":
                using (var zip = ZipFile.OpenRead(path))
                {
                    Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
                    Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
                    using var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
                    var rows = XDocument.Load(sheet).Descendants().Where(e => e.Name.LocalName == "row").ToList();
                    Assert.Equal(31, rows.Count);
                    Assert.Equal("30", rows[30].Descendants().First(e => e.Name.LocalName == "v").Value);
                }
                break;
            case "xml":
                var xml = XDocument.Load(path);
                Assert.Equal("items", xml.Root!.Name.LocalName);
                var rowsXml = xml.Root.Elements("item").ToList();
                Assert.Equal(30, rowsXml.Count);
                Assert.Equal(2, rowsXml[0].Elements("tags").Count());
                Assert.Equal("S1", rowsXml[0].Element("seller")!.Element("name")!.Value);
                break;
            case "html":
                var html = File.ReadAllText(path);
                Assert.StartsWith("<table>", html);
                Assert.Equal(31, html.Split("<tr>").Length - 1);
                Assert.Contains("<th>seller/name</th>", html);
                break;
        }
    }

    [Fact]
    public async Task A_csv_without_its_header_row_and_with_another_delimiter_comes_from_the_server()
    {
        var client = Client();
        var dataset = await client.Datasets.CreateAsync(null);
        var batch = new DatasetItemBatch();
        batch.Add(Encoding.UTF8.GetBytes("{\"a\":1,\"b\":\"x;y\"}"));
        await client.Datasets.PushItemsAsync(dataset.Id, batch, 0);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _server.Token);
        var csv = await http.GetStringAsync(new Uri(_server.BaseUri, $"/v2/datasets/{dataset.Id}/items?format=csv&skipHeaderRow=1&delimiter=%3B&bom=0"));
        Assert.Equal("1;\"x;y\"\n", csv);
    }

    [Fact]
    public async Task An_export_broken_off_mid_way_leaves_no_file_and_an_existing_one_untouched()
    {
        var client = Client();
        var run = _server.Seed(Unique("ex"), 1, 1, new { datasetItemCount = 2000 });
        var dataset = (await client.Runs.ListAsync(run.Actor, new PageRequest()).CollectAsync()).Single().DefaultDatasetId!;
        using var dir = new TempDirectory();
        var fresh = dir.Combine("fresh.csv");
        var existing = dir.Combine("existing.csv");
        File.WriteAllText(existing, "keep me");
        // Every attempt breaks off after part of the body (the full Content-Length announced).
        _server.AddFault(new { path = $"/v2/datasets/{dataset}/items", method = "GET", action = "truncate", abort = true, count = 20 });
        try
        {
            await Assert.ThrowsAnyAsync<ApifyException>(() =>
                client.Datasets.ExportAsync(ApifyStorageRef.Dataset(dataset), "csv", null, fresh, overwrite: false));
            await Assert.ThrowsAnyAsync<ApifyException>(() =>
                client.Datasets.ExportAsync(ApifyStorageRef.Dataset(dataset), "csv", null, existing, overwrite: true));
        }
        finally
        {
            _server.ClearFaults();
        }
        Assert.False(File.Exists(fresh));
        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.Equal(new[] { existing }, Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task An_existing_file_is_replaced_only_when_asked_and_nothing_is_sent_otherwise()
    {
        var client = Client();
        var dataset = await client.Datasets.CreateAsync(null);
        var batch = new DatasetItemBatch();
        batch.Add(Encoding.UTF8.GetBytes("{\"a\":1}"));
        await client.Datasets.PushItemsAsync(dataset.Id, batch, 0);
        using var dir = new TempDirectory();
        var path = dir.Combine("out.json");
        File.WriteAllText(path, "old");
        _server.ClearRequests();
        var ex = await Assert.ThrowsAsync<ApifyOutFileException>(() =>
            client.Datasets.ExportAsync(ApifyStorageRef.Dataset(dataset.Id), "json", null, path, overwrite: false));
        Assert.Equal(ApifyOutFileProblem.Exists, ex.Problem);
        Assert.Empty(_server.Requests());
        Assert.Equal("old", File.ReadAllText(path));
        await client.Datasets.ExportAsync(ApifyStorageRef.Dataset(dataset.Id), "json", null, path, overwrite: true);
        Assert.Equal("[{\"a\":1}]", File.ReadAllText(path));
    }

    [Fact]
    public async Task Records_of_any_type_are_written_and_deleted()
    {
        var client = Client();
        var store = await client.KeyValueStores.CreateAsync(Unique("kv"));
        var kv = ApifyStorageRef.KeyValueStore(store.Id);
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await client.KeyValueStores.SetRecordAsync(kv, "blob", () => new ByteArrayContent(bytes), "image/png");
        await client.KeyValueStores.SetRecordAsync(kv, "note", () => new StringContent("hello"), "text/plain; charset=utf-8");
        var blob = await client.KeyValueStores.GetRecordAsync(kv, "blob");
        Assert.Equal(bytes, blob.Body);
        Assert.Equal("image/png", blob.ContentType);
        Assert.Equal("hello", (await client.KeyValueStores.GetRecordAsync(kv, "note")).Text);
        await client.KeyValueStores.DeleteRecordAsync(kv, "blob");
        var keys = await client.KeyValueStores.ListKeysAsync(store.Id, new KeyPageRequest()).CollectAsync();
        Assert.Equal(new[] { "note" }, keys.Select(k => k.Key));
        var missing = await Assert.ThrowsAsync<ApifyApiException>(() => client.KeyValueStores.DeleteRecordAsync(kv, "blob"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_queue_adds_a_url_once_whatever_its_spelling_and_lists_by_cursor()
    {
        var client = Client();
        var queue = await client.RequestQueues.CreateAsync(null);
        var urls = new[] { "https://Example.com/a/?b=1&a=2#top", "https://example.com/a?a=2&b=1", "https://example.com/b" };
        var added = await client.RequestQueues.AddRequestsAsync(queue.Id, urls.Select(u => new ApifyBody().Set("url", u)).ToList(), forefront: false);
        Assert.Equal(3, added.Count);
        Assert.False(added[0].WasAlreadyPresent);
        Assert.True(added[1].WasAlreadyPresent);
        Assert.Equal(added[0].RequestId, added[1].RequestId);
        Assert.False(added[2].WasAlreadyPresent);
        // Sent again (a retried batch): nothing is added twice.
        var again = await client.RequestQueues.AddRequestsAsync(queue.Id, urls.Select(u => new ApifyBody().Set("url", u)).ToList(), forefront: false);
        Assert.All(again, a => Assert.True(a.WasAlreadyPresent));
        var listed = await client.RequestQueues.ListRequestsAsync(queue.Id, pageSize: 1).CollectAsync();
        Assert.Equal(new[] { "https://example.com/a?a=2&b=1", "https://example.com/b" }, listed.Select(r => r.UniqueKey));
        Assert.All(listed, r => Assert.Equal(queue.Id, r.QueueId));
        Assert.Equal(2, (await client.RequestQueues.GetAsync(queue.Id)).TotalRequestCount);
        await client.RequestQueues.DeleteRequestAsync(queue.Id, listed[1].Id);
        Assert.Single(await client.RequestQueues.ListRequestsAsync(queue.Id).CollectAsync());
        Assert.Throws<ArgumentException>(() =>
            client.RequestQueues.AddRequestsAsync(queue.Id, Enumerable.Range(0, 26).Select(i => new ApifyBody().Set("url", $"https://example.com/{i}")).ToList(), false)
                .GetAwaiter().GetResult());
    }

    [Fact]
    public async Task The_server_refuses_to_delete_a_run_still_going_and_the_default_build()
    {
        var client = Client();
        var seed = _server.Seed(Unique("del"), 2, 1, new { runDurationMs = 60_000 });
        var running = await client.Runs.StartAsync(seed.Actor, null);
        var refused = await Assert.ThrowsAsync<ApifyApiException>(() => client.Runs.DeleteAsync(running.Id));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("finished", refused.Message);
        await client.Runs.AbortAsync(running.Id);

        var builds = await client.Builds.ListAsync(seed.Actor, new PageRequest()).CollectAsync();
        var actor = await client.Actors.GetAsync(seed.Actor);
        var defaultBuild = builds.Last(b => b.Status == "SUCCEEDED");
        var notDefault = builds.First(b => b.Id != defaultBuild.Id);
        var refusedBuild = await Assert.ThrowsAsync<ApifyApiException>(() => client.Builds.DeleteAsync(defaultBuild.Id));
        Assert.Equal(HttpStatusCode.BadRequest, refusedBuild.StatusCode);
        Assert.Contains("default build", refusedBuild.Message);
        await client.Builds.DeleteAsync(notDefault.Id);
        Assert.Equal(ApifyErrorTypes.RecordNotFound, (await Assert.ThrowsAsync<ApifyApiException>(() => client.Builds.GetAsync(notDefault.Id))).ErrorType);

        var finished = (await client.Runs.ListAsync(seed.Actor, new PageRequest()).CollectAsync()).First(r => r.IsTerminal);
        await client.Runs.DeleteAsync(finished.Id);
        Assert.Equal(ApifyErrorTypes.RecordNotFound, (await Assert.ThrowsAsync<ApifyApiException>(() => client.Runs.GetAsync(finished.Id))).ErrorType);
        Assert.NotNull(actor);
    }

    /// <summary>Collects reports where they happen (Progress&lt;T&gt; would post them to a context).</summary>
    private sealed class SyncProgress(List<ApifyExportProgress> reports) : IProgress<ApifyExportProgress>
    {
        public void Report(ApifyExportProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
