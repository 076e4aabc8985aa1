using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace ApifyPS.DesktopHarness
{
    /// <summary>
    /// The client core end to end against the local server, on the module loaded through the Desktop path: each
    /// method one named step. Every step seeds an Actor of its own, so steps share nothing but the server.
    /// </summary>
    internal sealed class Scenarios
    {
        /// <summary>The steps <see cref="RunAll"/> runs, in order (so a run that cannot start them can name them).</summary>
        public static readonly string[] Names =
        {
            "list-walked-across-pages",
            "build-started-and-waited-for",
            "run-started-and-waited-for",
            "dataset-items-streamed",
            "record-read",
            "fault-429-retry-after",
            "fault-truncated-page",
            "fault-start-answer-lost-sent-once",
            "credential-store-file",
            "credential-store-dpapi",
        };

        private readonly StepRunner _runner;
        private readonly LocalServer _server;
        private JobInfo? _run;
        private string? _someBuildId;

        public Scenarios(StepRunner runner, LocalServer server)
        {
            _runner = runner;
            _server = server;
        }

        public void RunAll()
        {
            _runner.Run(Names[0], ListWalkedAcrossPages);
            _runner.Run(Names[1], BuildStartedAndWaitedFor);
            var ran = _runner.Run(Names[2], RunStartedAndWaitedFor);
            if (ran)
            {
                _runner.Run(Names[3], DatasetItemsStreamed);
                _runner.Run(Names[4], RecordRead);
            }
            else
            {
                _runner.NotRun(Names[3], $"{Names[2]} failed");
                _runner.NotRun(Names[4], $"{Names[2]} failed");
            }
            _runner.Run(Names[5], Fault429RetryAfter);
            _runner.Run(Names[6], FaultTruncatedPage);
            _runner.Run(Names[7], FaultStartAnswerLost);
            _runner.Run(Names[8], CredentialStoreFile);
            _runner.Run(Names[9], CredentialStoreDpapi);
        }

        private CoreAdapter NewCore() => new CoreAdapter(_server.BaseUri, _server.Token);

        private string SeedActor(string prefix, object? extra = null, int builds = 0)
        {
            var body = new Dictionary<string, object> { ["actor"] = prefix + Guid.NewGuid().ToString("N").Substring(0, 10), ["builds"] = builds, ["runs"] = 0 };
            if (extra != null)
                foreach (var property in extra.GetType().GetProperties()) body[property.Name] = property.GetValue(extra)!;
            return (string)_server.Seed(body)["actorId"];
        }

        private List<LoggedRequest> RequestsTo(string method, string path) =>
            _server.Requests().Where(r => r.Method == method && r.Path == path).ToList();

        private static long OffsetOf(LoggedRequest request)
        {
            foreach (var pair in request.Query.Split('&'))
                if (pair.StartsWith("offset=", StringComparison.Ordinal)) return long.Parse(pair.Substring(7));
            return 0;
        }

        /// <summary>250 builds in pages of 100: three requests at offsets 0, 100, 200, every build once, in order.</summary>
        private async Task ListWalkedAcrossPages()
        {
            var actorId = SeedActor("pages", builds: 250);
            var builds = await NewCore().ListBuildsAsync(actorId, 100);
            Check.Equal(250, builds.Count, "builds listed");
            Check.Equal(250, builds.Select(b => b.Id).Distinct().Count(), "distinct build ids");
            var expected = Enumerable.Range(1, 250).Select(i => $"0.0.{i}").ToList();
            Check.That(builds.Select(b => b.BuildNumber).SequenceEqual(expected),
                $"the builds are not 0.0.1 to 0.0.250 in order: {string.Join(", ", builds.Take(5).Select(b => b.BuildNumber))}, ...");
            var pages = RequestsTo("GET", $"/v2/actors/{actorId}/builds");
            Check.That(pages.Select(OffsetOf).SequenceEqual(new long[] { 0, 100, 200 }),
                $"expected 3 page requests at offsets 0, 100, 200; the server got: {string.Join("; ", pages)}");
            _someBuildId = builds[0].Id;
        }

        private async Task BuildStartedAndWaitedFor()
        {
            var actorId = SeedActor("build", new { startDelayMs = 50, buildDurationMs = 300 });
            var before = _server.JobsStarted();
            var core = NewCore();
            var build = await core.StartBuildAsync(actorId, "0.0");
            Check.That(build.Status == "READY" || build.Status == "RUNNING", $"a new build is READY or RUNNING, not {build.Status}.");
            var finished = await core.WaitForBuildAsync(build.Id, TimeSpan.FromSeconds(60));
            Check.Equal(build.Id, finished.Id, "the build waited for");
            Check.Equal("SUCCEEDED", finished.Status, $"status of build {build.Id}");
            Check.Equal(before.Builds + 1, _server.JobsStarted().Builds, "builds started on the server");
            Check.Equal(1, RequestsTo("POST", $"/v2/actors/{actorId}/builds").Count, "start requests sent");
        }

        private async Task RunStartedAndWaitedFor()
        {
            var actorId = SeedActor("run", new { startDelayMs = 50, runDurationMs = 300, logIntervalMs = 0, datasetItemCount = 2500 }, builds: 1);
            var before = _server.JobsStarted();
            var core = NewCore();
            var run = await core.StartRunAsync(actorId, "{\"harness\":\"desktop\",\"startUrls\":[{\"url\":\"https://example.com\"}]}");
            Check.That(run.Status == "READY" || run.Status == "RUNNING", $"a new run is READY or RUNNING, not {run.Status}.");
            var finished = await core.WaitForRunAsync(run.Id, TimeSpan.FromSeconds(60));
            Check.Equal("SUCCEEDED", finished.Status, $"status of run {run.Id}");
            Check.Equal(before.Runs + 1, _server.JobsStarted().Runs, "runs started on the server");
            Check.Equal(1, RequestsTo("POST", $"/v2/actors/{actorId}/runs").Count, "start requests sent");
            _run = finished;
        }

        /// <summary>2,500 items in pages of 1,000, each read straight from the page's bytes: 1 to 2,500 in order, three requests.</summary>
        private async Task DatasetItemsStreamed()
        {
            var run = _run!;
            var positions = await NewCore().DatasetItemPositionsAsync(run.Id, 1000);
            Check.Equal(2500, positions.Count, "items streamed");
            Check.That(positions.SequenceEqual(Enumerable.Range(1, 2500).Select(i => (long)i)),
                $"the items are not positions 1 to 2500 in order: {string.Join(", ", positions.Take(5))}, ...");
            var pages = RequestsTo("GET", $"/v2/actor-runs/{run.Id}/dataset/items");
            Check.That(pages.Select(OffsetOf).SequenceEqual(new long[] { 0, 1000, 2000 }),
                $"expected 3 page requests at offsets 0, 1000, 2000; the server got: {string.Join("; ", pages)}");
        }

        /// <summary>The run's OUTPUT record: JSON that echoes the run and its input.</summary>
        private async Task RecordRead()
        {
            var run = _run!;
            var record = await NewCore().GetRunRecordAsync(run.Id, "OUTPUT");
            Check.That(record.ContentType != null && record.ContentType.StartsWith("application/json", StringComparison.Ordinal),
                $"OUTPUT's Content-Type is {record.ContentType ?? "(none)"}, not JSON.");
            var output = Json.Object(record.Text);
            Check.Equal(run.Id, output.TryGetValue("runId", out var id) ? id as string : null, "OUTPUT's runId");
            var input = output.TryGetValue("input", out var i) ? i as Dictionary<string, object> : null;
            Check.Equal("desktop", input != null && input.TryGetValue("harness", out var h) ? h as string : null, "OUTPUT's input.harness");
        }

        /// <summary>A 429 with Retry-After: 1 is waited out (at least a second, said in the verbose line) and asked again.</summary>
        private async Task Fault429RetryAfter()
        {
            var buildId = _someBuildId ?? (await NewCore().ListBuildsAsync(SeedActor("limit", builds: 1), 10))[0].Id;
            var path = $"/v2/actor-builds/{buildId}";
            _server.AddFault(new { path, method = "GET", action = "status", status = 429, retryAfter = "1" });
            var core = NewCore();
            var stopwatch = Stopwatch.StartNew();
            var build = await core.GetBuildAsync(buildId);
            stopwatch.Stop();
            Check.Equal(buildId, build.Id, "the build read after the 429");
            Check.Equal(2, RequestsTo("GET", path).Count, "requests for the build (the 429, then the retry)");
            var verbose = core.Verbose();
            Check.That(verbose.Any(l => l.Contains("429") && l.Contains("retrying in 1000 ms (Retry-After)")),
                $"no verbose line says it waits 1000 ms for Retry-After: {string.Join(" | ", verbose)}");
            // A lower bound only: the retry may not come before the server said.
            Check.That(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(950),
                $"the retry came {stopwatch.ElapsedMilliseconds} ms after the first attempt, before Retry-After's second passed.");
        }

        /// <summary>A page that breaks off (the connection ends mid-body), and one whose JSON just stops: each asked again, nothing lost or doubled.</summary>
        private async Task FaultTruncatedPage()
        {
            foreach (var abort in new[] { true, false })
            {
                var actorId = SeedActor("cut", builds: 150);
                var path = $"/v2/actors/{actorId}/builds";
                _server.AddFault(new { path, method = "GET", action = "truncate", abort, count = 1 });
                var core = NewCore();
                var what = abort ? "a page that broke off" : "a page whose JSON stops short";
                var builds = await core.ListBuildsAsync(actorId, 100);
                Check.That(builds.Select(b => b.BuildNumber).SequenceEqual(Enumerable.Range(1, 150).Select(i => $"0.0.{i}")),
                    $"after {what}: {builds.Count} builds, not 0.0.1 to 0.0.150 once each in order.");
                var pages = RequestsTo("GET", path);
                Check.That(pages.Select(OffsetOf).SequenceEqual(new long[] { 0, 0, 100 }),
                    $"after {what}: expected the first page twice, then offset 100; the server got: {string.Join("; ", pages)}");
                Check.That(core.Verbose().Any(l => l.Contains("retrying in")),
                    $"after {what}: no verbose line says the page is asked again: {string.Join(" | ", core.Verbose())}");
            }
        }

        /// <summary>
        /// A run start whose answer is lost after the server started the run: the connection reset, or closed cleanly
        /// (the case an HTTP stack may re-send by itself). Each time: one POST, one run, and an error saying how to check.
        /// </summary>
        private async Task FaultStartAnswerLost()
        {
            foreach (var action in new[] { "reset-after", "close-after" })
            {
                var actorId = SeedActor("lost", new { runDurationMs = 1000, logIntervalMs = 0 }, builds: 1);
                var path = $"/v2/actors/{actorId}/runs";
                _server.AddFault(new { path, method = "POST", action, count = 5 });
                var before = _server.JobsStarted();
                var failure = await Check.FailsAsync(() => NewCore().StartRunAsync(actorId, "{\"lost\":true}"), $"a start answered by {action}");
                Check.Equal("start-outcome-unknown", failure.ErrorType, $"error type after {action} ({failure.Message})");
                Check.That(failure.Message.Contains($"Check the newest runs of Actor '{actorId}'"),
                    $"the error after {action} does not say how to check: {failure.Message}");
                var posts = RequestsTo("POST", path);
                Check.Equal(1, posts.Count, $"start requests the server got with {action} (the start must be sent once)");
                Check.Equal(before.Runs + 1, _server.JobsStarted().Runs, $"runs the server started with {action}");
                StepRunner.Note($"{action}: {failure.Message}");
            }
        }

        /// <summary>
        /// The file store as a scheduled task on this OS uses it: a profile saved with the user's environment, the file
        /// owner-only (0600 in a 0700 folder), found again by the resolver, and its token authenticating.
        /// </summary>
        private async Task CredentialStoreFile()
        {
            using var home = new TemporaryFolder("apifyps-desktop-home-");
            var variables = new Dictionary<string, string>
            {
                ["HOME"] = home.Path,
                ["USERPROFILE"] = home.Path,
                ["LOCALAPPDATA"] = Path.Combine(home.Path, "AppData", "Local"),
                ["XDG_CONFIG_HOME"] = Path.Combine(home.Path, ".config"),
                ["APIFY_PROFILE"] = "harness",
            };
            Func<string, string?> environment = name => variables.TryGetValue(name, out var value) ? value : null;
            var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            Check.Equal(windows ? "WindowsDpapi" : "OwnerOnlyFile", CoreAdapter.FileProtectionFor(environment), "how this OS's file store keeps tokens");
            var username = await NewCore().CurrentUsernameAsync();
            var folder = windows
                ? Path.Combine(variables["LOCALAPPDATA"], "ApifyPS", "profiles")
                : Path.Combine(variables["XDG_CONFIG_HOME"], "ApifyPS", "profiles");
            var file = Path.Combine(folder, "harness.json");
            var storeWroteIt = true;
            try
            {
                Check.Equal(file, CoreAdapter.SaveProfile(environment, "harness", _server.BaseUri, username, _server.Token), "the profile's file");
            }
            catch (CoreFailure failure) when (OnMono && failure.ErrorType == "credential-not-saved" && failure.Message.Contains("Invalid handle"))
            {
                // Off Windows, on a runtime without .NET 7's Unix file-mode API, the store creates the file with libc's
                // open(2) (mode 0600 from the start) and wraps the descriptor in a FileStream. Mono's file handles are
                // its own, not descriptors, so that wrap fails here. No PowerShell runs on Mono: Windows PowerShell takes
                // the Windows branch (no libc), PowerShell 7 .NET's own API or a descriptor .NET wraps. The folder the
                // store made is still checked below, and the file is written as the store writes it, for the rest.
                StepRunner.Note("saving: Mono cannot wrap the descriptor libc's open() gives in a FileStream (a limit of this stand-in, " +
                                "not of any PowerShell); the profile is written as the store writes it, to check reading it back");
                File.WriteAllText(file, Json.Write(new Dictionary<string, object>
                {
                    ["schema"] = 1, ["profile"] = "harness", ["baseUri"] = _server.BaseUri.ToString(), ["username"] = username,
                    ["savedAt"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), ["token"] = _server.Token,
                }));
                Check.Equal(0, RunTool("chmod", $"600 \"{file}\""), "chmod 600 of the profile written for the store");
                storeWroteIt = false;
            }
            Check.That(File.Exists(file), $"{file} was not written.");
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                if (storeWroteIt) Check.Equal("600", FileMode(file), $"mode of {file}");
                Check.Equal("700", FileMode(folder), $"mode of {folder}, made by the store");
            }
            var resolved = CoreAdapter.FromResolvedConnection(environment, Path.Combine(home.Path, ".apify", "auth.json"), out var source);
            Check.That(source.StartsWith("StoredProfile", StringComparison.Ordinal), $"the resolver found the connection in {source}, not the stored profile.");
            Check.Equal(username, await resolved.CurrentUsernameAsync(), "the account the stored token authenticates as");
        }

        /// <summary>DPAPI exists on Windows only: here the store says so instead of writing anything, and a DPAPI file is a clear error.</summary>
        private void CredentialStoreDpapi()
        {
            using var folder = new TemporaryFolder("apifyps-desktop-dpapi-");
            var outcome = CoreAdapter.DpapiRoundTrip(Path.Combine(folder.Path, "profiles"), _server.BaseUri, _server.Token);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Check.Equal("read back: WindowsDpapi", outcome, "a DPAPI profile stored and read back");
                return;
            }
            StepRunner.Note("DPAPI is Windows only: not run here; the store refuses it clearly");
            Check.That(outcome.StartsWith("refused: ", StringComparison.Ordinal) && outcome.Contains("Windows"),
                $"storing with DPAPI off Windows should be refused with a message naming Windows; got: {outcome}");
            Check.That(!Directory.Exists(Path.Combine(folder.Path, "profiles")) || !Directory.EnumerateFiles(Path.Combine(folder.Path, "profiles")).Any(),
                "the refused DPAPI profile left a file.");
            var foreign = CoreAdapter.ReadForeignDpapiProfile(Path.Combine(folder.Path, "copied"));
            Check.That(foreign.StartsWith("credential-unreadable: ", StringComparison.Ordinal) && foreign.Contains("DPAPI"),
                $"a DPAPI profile read off Windows should be credential-unreadable, naming DPAPI; got: {(foreign.Length == 0 ? "(read without error)" : foreign)}");
        }

        private static bool OnMono => Type.GetType("Mono.Runtime") != null;

        private static string FileMode(string path)
        {
            var start = new ProcessStartInfo("stat", $"-c %a \"{path}\"") { UseShellExecute = false, RedirectStandardOutput = true, CreateNoWindow = true };
            using var stat = Process.Start(start)!;
            var mode = stat.StandardOutput.ReadToEnd().Trim();
            stat.WaitForExit();
            return mode;
        }

        private static int RunTool(string tool, string arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { UseShellExecute = false, CreateNoWindow = true })!;
            process.WaitForExit();
            return process.ExitCode;
        }
    }
}
