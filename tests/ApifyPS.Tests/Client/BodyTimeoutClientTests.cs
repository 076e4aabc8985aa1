using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ApifyPS.Client;
using ApifyPS.Models;
using ApifyPS.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ApifyPS.Tests.Client;

/// <summary>
/// Body reads under the attempt's timeout and Ctrl+C (issue 12, item 3), and records streamed to a file under a
/// timeout between bytes instead of a total one (item 5), against the local server's body faults (stall-body,
/// trickle). Timeouts here are short (1-2 s); durations are only ever asserted as generous deadlines.
/// </summary>
public class BodyTimeoutClientTests(FastWaitEmulatorFixture fixture, ITestOutputHelper output) : IClassFixture<FastWaitEmulatorFixture>
{
    /// <summary>How long a call may take before the test calls it hung: far above every timeout used here.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly EmulatorProcess _server = fixture.Server;

    private ApifyClient Client(TimeSpan? requestTimeout = null, int maxRetries = 0, TimeSpan? runSyncTimeout = null, List<string>? verbose = null) =>
        new(_server.Connection(), new ApifyClientOptions
        {
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30),
            RunSyncTimeout = runSyncTimeout ?? TimeSpan.FromSeconds(360),
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(4),
            Verbose = verbose == null ? null : line => { lock (verbose) verbose.Add(line); },
        });

    private static readonly byte[] Record = Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 31 + 7)).ToArray();

    /// <summary>A finished run whose OUTPUT is <see cref="Record"/> (binary), and the path of that record.</summary>
    private async Task<(ApifyStorageRef Store, string Path, string Actor)> RunWithRecord()
    {
        var seed = _server.Seed("bt" + Guid.NewGuid().ToString("N")[..10], 1, 0,
            new { runDurationMs = 100, output = Convert.ToBase64String(Record), outputContentType = "application/octet-stream" });
        var client = Client();
        var run = await client.Runs.StartAsync(seed.Actor, null);
        run = (await client.Runs.WaitAsync(run.Id, new ApifyWaitOptions(), run)).Job;
        var store = ApifyStorageRef.KeyValueStore(run.DefaultKeyValueStoreId!);
        return (store, store.BasePath + "/records/OUTPUT", seed.Actor);
    }

    private int RequestsTo(string path) => _server.Requests().Count(r => r.Path == path);

    /// <summary>Waits until the fault added as <paramref name="fault"/> has been applied to a request.</summary>
    private void WaitForHit(System.Text.Json.JsonElement fault)
    {
        var id = fault.GetProperty("id").GetString();
        Assert.True(EmulatorProcess.WaitUntil(() => _server.Faults().EnumerateArray()
            .Any(f => f.GetProperty("id").GetString() == id && f.GetProperty("hits").GetInt32() > 0), Deadline), "the fault was never hit");
    }

    /// <summary>The call's outcome, or a failure if it is still going at the deadline (it hung).</summary>
    private static async Task<Exception?> Within<T>(Task<T> call)
    {
        Assert.True(call == await Task.WhenAny(call, Task.Delay(Deadline)), $"the call was still going after {Deadline.TotalSeconds} s");
        try
        {
            await call;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>The seconds an error message says passed ("... in 1.0 s ..."), checked against what really passed.</summary>
    private static void AssertStatesTheRealTime(string message, string pattern, TimeSpan atLeast, TimeSpan measured)
    {
        var match = Regex.Match(message, pattern);
        Assert.True(match.Success, $"'{pattern}' not in: {message}");
        var stated = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(stated, atLeast.TotalSeconds - 0.05, measured.TotalSeconds + 0.05);
    }

    [Fact]
    public async Task A_record_that_stalls_after_its_headers_ends_at_the_timeout_and_says_how_long_it_took()
    {
        var (store, path, _) = await RunWithRecord();
        _server.AddFault(new { path, action = "stall-body", bytes = 100, count = 2 });
        var verbose = new List<string>();
        var watch = Stopwatch.StartNew();
        var ex = Assert.IsType<ApifyApiException>(await Within(Client(TimeSpan.FromSeconds(1), maxRetries: 1, verbose: verbose).KeyValueStores.GetRecordAsync(store, "OUTPUT")));
        watch.Stop();
        output.WriteLine(ex.Message);
        foreach (var line in verbose) output.WriteLine(line);
        Assert.Equal(ApifyErrorTypes.RequestTimeout, ex.ErrorType);
        Assert.Equal(2, ex.Attempts); // a read that timed out is retried
        Assert.Equal(2, RequestsTo(path));
        AssertStatesTheRealTime(ex.Message, @"no complete answer in (\d+(?:\.\d+)?) s", TimeSpan.FromSeconds(1), watch.Elapsed);
    }

    [Fact]
    public async Task Run_sync_whose_output_stalls_ends_at_the_run_sync_timeout_and_is_not_repeated()
    {
        var (_, _, actor) = await RunWithRecord();
        var path = $"/v2/actors/{actor}/run-sync";
        _server.AddFault(new { path, method = "POST", action = "stall-body", bytes = 10, count = 5 });
        var watch = Stopwatch.StartNew();
        var ex = Assert.IsType<ApifyApiException>(await Within(
            Client(maxRetries: 3, runSyncTimeout: TimeSpan.FromSeconds(2)).Runs.RunSyncAsync(actor, ApifyInput.FromText("{}"))));
        watch.Stop();
        output.WriteLine(ex.Message);
        // The run happened (its answer had begun): not sent again, and the error says so.
        Assert.Equal(ApifyErrorTypes.StartOutcomeUnknown, ex.ErrorType);
        Assert.Contains("accepted the start (201)", ex.Message);
        var timeout = Assert.IsType<ApifyApiException>(ex.InnerException);
        Assert.Equal(ApifyErrorTypes.RequestTimeout, timeout.ErrorType);
        AssertStatesTheRealTime(ex.Message, @"no complete answer in (\d+(?:\.\d+)?) s", TimeSpan.FromSeconds(2), watch.Elapsed);
        Assert.Equal(1, RequestsTo(path));
    }

    [Fact]
    public async Task Cancelling_a_stalled_record_read_ends_it_at_once()
    {
        var (store, path, _) = await RunWithRecord();
        var stall = _server.AddFault(new { path, action = "stall-body", bytes = 100 });
        using var cts = new CancellationTokenSource();
        var call = Client().KeyValueStores.GetRecordAsync(store, "OUTPUT", cts.Token);
        WaitForHit(stall);
        cts.Cancel();
        Assert.Same(call, await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(20))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, RequestsTo(path));
        Assert.True(EmulatorProcess.WaitUntil(() => _server.ActiveRequests().All(r => r.Path != path), Deadline),
            "the server still sends the record: the cancellation did not reach the connection");

        // The same to a file: ended at once, and no file (not even a partial one) is left.
        stall = _server.AddFault(new { path, action = "stall-body", bytes = 100 });
        using var folder = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var saving = Client().KeyValueStores.SaveRecordAsync(store, "OUTPUT", folder.Combine("output.bin"), cancel.Token);
        WaitForHit(stall);
        cancel.Cancel();
        Assert.Same(saving, await Task.WhenAny(saving, Task.Delay(TimeSpan.FromSeconds(20))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => saving);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task A_slow_but_steady_download_to_a_file_may_take_longer_than_the_request_timeout()
    {
        var (store, path, _) = await RunWithRecord();
        // 64 KiB, 4 KiB every 150 ms: about 2.4 s in all, never more than 150 ms without a byte.
        _server.AddFault(new { path, action = "trickle", bytes = 4096, intervalMs = 150 });
        using var folder = new TempDirectory();
        var file = folder.Combine("output.bin");
        var watch = Stopwatch.StartNew();
        var saved = await Client(TimeSpan.FromSeconds(1)).KeyValueStores.SaveRecordAsync(store, "OUTPUT", file);
        output.WriteLine($"{saved.Length} bytes in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(Record, File.ReadAllBytes(file));
        Assert.Equal(1, RequestsTo(path));
        Assert.Equal(new[] { "output.bin" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_download_to_a_file_that_stalls_fails_at_the_timeout_between_bytes_and_leaves_no_file()
    {
        var (store, path, _) = await RunWithRecord();
        _server.AddFault(new { path, action = "stall-body", bytes = 5000, count = 2 });
        using var folder = new TempDirectory();
        var file = folder.Combine("output.bin");
        var watch = Stopwatch.StartNew();
        var ex = Assert.IsType<ApifyApiException>(await Within(Client(TimeSpan.FromSeconds(1), maxRetries: 1).KeyValueStores.SaveRecordAsync(store, "OUTPUT", file)));
        watch.Stop();
        output.WriteLine(ex.Message);
        Assert.Equal(ApifyErrorTypes.RequestTimeout, ex.ErrorType);
        Assert.Equal(2, ex.Attempts);
        Assert.Equal(2, RequestsTo(path));
        AssertStatesTheRealTime(ex.Message, @"then sent nothing for (\d+(?:\.\d+)?) s", TimeSpan.FromSeconds(1), watch.Elapsed);
        Assert.Contains("after 5000 bytes", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task A_missing_folder_is_a_file_error_before_any_request()
    {
        var (store, path, _) = await RunWithRecord();
        using var folder = new TempDirectory();
        var ex = await Within(Client(maxRetries: 3).KeyValueStores.SaveRecordAsync(store, "OUTPUT", folder.Combine("no-such-folder", "output.bin")));
        output.WriteLine(ex?.ToString());
        // Not a connection or API error (which would be retried): a local one, named as such.
        var error = Assert.IsType<ApifyOutFileException>(ex);
        Assert.Equal(ApifyOutFileProblem.FolderMissing, error.Problem);
        Assert.Contains("no-such-folder", ex!.Message);
        Assert.Equal(0, RequestsTo(path));
    }

    [Fact]
    public async Task No_clobber_keeps_an_existing_file_and_sends_nothing()
    {
        var (store, path, _) = await RunWithRecord();
        using var folder = new TempDirectory();
        var file = folder.Combine("output.bin");
        File.WriteAllText(file, "keep me");
        var ex = Assert.IsType<ApifyOutFileException>(await Within(Client().KeyValueStores.SaveRecordAsync(store, "OUTPUT", file, noClobber: true)));
        Assert.Equal(ApifyOutFileProblem.Exists, ex.Problem);
        Assert.Equal(file, ex.Path);
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.Equal(0, RequestsTo(path));
        // A new file is written as usual.
        await Client().KeyValueStores.SaveRecordAsync(store, "OUTPUT", folder.Combine("new.bin"), noClobber: true);
        Assert.Equal(Record, File.ReadAllBytes(folder.Combine("new.bin")));
    }

    /// <summary>A disk that fills up after a few bytes.</summary>
    private sealed class FullDisk : MemoryStream
    {
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Length + count > 1000 ? throw new IOException("No space left on device") : base.WriteAsync(buffer, offset, count, cancellationToken);
    }

    /// <summary>A disk slower than the timeout between bytes.</summary>
    private sealed class SlowDisk : MemoryStream
    {
        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await Task.Delay(1500, cancellationToken);
            await base.WriteAsync(buffer, offset, count, cancellationToken);
        }
    }

    [Fact]
    public async Task Only_the_servers_pauses_count_against_the_timeout_between_bytes_not_a_slow_disk()
    {
        var (_, path, _) = await RunWithRecord();
        var request = new ApifyRequest(HttpMethod.Get, TestPaths.Of(path), ApifyRequestPolicy.DownloadRecord);
        var disk = new SlowDisk();
        var written = await Client().ExecuteAsync(request, (response, token) =>
            ResponseBody.CopyToAsync(response, disk, "/slow/output.bin", TimeSpan.FromSeconds(1), token), default);
        Assert.Equal(Record.Length, written);
        Assert.Equal(Record, disk.ToArray());
    }

    [Fact]
    public async Task A_write_that_fails_midway_is_a_file_error_and_is_not_retried()
    {
        var (_, path, _) = await RunWithRecord();
        var request = new ApifyRequest(HttpMethod.Get, TestPaths.Of(path), ApifyRequestPolicy.DownloadRecord);
        var ex = await Assert.ThrowsAsync<ApifyOutFileException>(() => Client(maxRetries: 3).ExecuteAsync(request, (response, token) =>
            ResponseBody.CopyToAsync(response, new FullDisk(), "/somewhere/output.bin", TimeSpan.FromSeconds(30), token), default));
        output.WriteLine(ex.Message);
        Assert.Equal(ApifyOutFileProblem.NotWritten, ex.Problem);
        Assert.Contains("No space left on device", ex.Message);
        Assert.Equal(1, RequestsTo(path));
    }

    [Fact]
    public async Task A_file_that_cannot_be_created_after_all_is_not_retried()
    {
        // /proc exists, but no file can be made in it (not even by root): a local error found only by trying.
        if (!Directory.Exists("/proc/self")) return; // Linux only
        var (store, path, _) = await RunWithRecord();
        var ex = await Within(Client(maxRetries: 3).KeyValueStores.SaveRecordAsync(store, "OUTPUT", "/proc/apifyps-test-output.bin"));
        output.WriteLine(ex?.ToString());
        Assert.Equal(ApifyOutFileProblem.NotWritten, Assert.IsType<ApifyOutFileException>(ex).Problem);
        // The temporary file is made before the request: nothing is sent for a file that cannot be written.
        Assert.Equal(0, RequestsTo(path));
    }

    [Fact]
    public async Task Replacing_a_file_keeps_its_mode()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permission bits
        var (store, _, _) = await RunWithRecord();
        using var folder = new TempDirectory();
        var client = Client();
        foreach (var mode in new[] { UnixFileMode.UserRead | UnixFileMode.UserWrite,
                     UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite })
        {
            var file = folder.Combine("output-" + (int)mode + ".bin");
            File.WriteAllText(file, "an older file");
            File.SetUnixFileMode(file, mode);
            await client.KeyValueStores.SaveRecordAsync(store, "OUTPUT", file);
            Assert.Equal(Record, File.ReadAllBytes(file));
            Assert.Equal(mode, File.GetUnixFileMode(file));
        }
    }
}
