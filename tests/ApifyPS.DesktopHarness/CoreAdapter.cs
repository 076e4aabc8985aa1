using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.DesktopHarness
{
    /// <summary>
    /// Every call the harness makes into the client core, and the only file that names its types: when the core's
    /// public API changes, this file changes and nothing else. What goes in and out is the harness's own plain types
    /// (<see cref="JobInfo"/>, <see cref="RecordInfo"/>, <see cref="CoreFailure"/>), so the scenarios never bind to
    /// ApifyPS themselves. Nothing here may run before <see cref="ModuleUnderTest.Load"/> has loaded the module.
    /// </summary>
    internal sealed class CoreAdapter
    {
        private readonly ApifyClient _client;
        private readonly List<string> _verbose = new List<string>();

        public CoreAdapter(Uri baseUri, string token) : this(new ApifyConnection(baseUri, token, ApifyConnectionSource.Parameter))
        {
        }

        private CoreAdapter(ApifyConnection connection)
        {
            _client = new ApifyClient(connection, new ApifyClientOptions
            {
                // Explicit, so the run does not depend on the process-wide policy; short waits keep it quick.
                MaxRetries = 4,
                RetryBaseDelay = TimeSpan.FromMilliseconds(20),
                RetryMaxDelay = TimeSpan.FromMilliseconds(100),
                Verbose = line => { lock (_verbose) _verbose.Add(line); },
            });
        }

        /// <summary>The core's verbose lines so far (one per attempt), oldest first.</summary>
        public List<string> Verbose()
        {
            lock (_verbose) return new List<string>(_verbose);
        }

        public static string CoreVersion => ApifyClient.Version;

        public static string UserAgent => ApifyClient.UserAgent;

        public Task<List<JobInfo>> ListBuildsAsync(string actorId, int pageSize) =>
            Call(async () =>
            {
                var builds = new List<JobInfo>();
                await foreach (var build in _client.Builds.ListAsync(actorId, new PageRequest { PageSize = pageSize }).ConfigureAwait(false))
                    builds.Add(Job(build));
                return builds;
            });

        public Task<JobInfo> GetBuildAsync(string buildId) =>
            Call(async () => Job(await _client.Builds.GetAsync(buildId).ConfigureAwait(false)));

        public Task<JobInfo> StartBuildAsync(string actorId, string version) =>
            Call(async () => Job(await _client.Builds.StartAsync(actorId, version).ConfigureAwait(false)));

        public Task<JobInfo> WaitForBuildAsync(string buildId, TimeSpan timeout) =>
            Call(async () => Job((await _client.Builds.WaitAsync(buildId, new ApifyWaitOptions { Timeout = timeout }).ConfigureAwait(false)).Job));

        public Task<JobInfo> StartRunAsync(string actorId, string inputJson) =>
            Call(async () => Job(await _client.Runs.StartAsync(actorId, ApifyInput.FromText(inputJson)).ConfigureAwait(false)));

        public Task<JobInfo> WaitForRunAsync(string runId, TimeSpan timeout) =>
            Call(async () => Job((await _client.Runs.WaitAsync(runId, new ApifyWaitOptions { Timeout = timeout }).ConfigureAwait(false)).Job));

        /// <summary>The run's default dataset streamed page by page; each item read straight from the page's bytes as its "position".</summary>
        public Task<List<long>> DatasetItemPositionsAsync(string runId, int pageSize) =>
            Call(async () =>
            {
                var positions = new List<long>();
                await foreach (var position in _client.Datasets.ListItemsAsync(ApifyStorageRef.RunDataset(runId), null,
                                   new PageRequest { PageSize = pageSize }, ReadPosition).ConfigureAwait(false))
                    positions.Add(position);
                return positions;
            });

        public Task<RecordInfo> GetRunRecordAsync(string runId, string key) =>
            Call(async () =>
            {
                var record = await _client.KeyValueStores.GetRecordAsync(ApifyStorageRef.RunKeyValueStore(runId), key).ConfigureAwait(false);
                return new RecordInfo(record.ContentType, record.Text);
            });

        public Task<string> CurrentUsernameAsync() =>
            Call(async () => (await _client.Users.GetCurrentAsync().ConfigureAwait(false)).Username);

        /// <summary>The file store of a user whose environment is <paramref name="environment"/>: how it keeps tokens here.</summary>
        public static string FileProtectionFor(Func<string, string?> environment) =>
            CredentialStore.ForCurrentUser(environment).FileProtection.ToString();

        /// <summary>Stores a profile in that user's store; returns its file.</summary>
        public static string SaveProfile(Func<string, string?> environment, string profile, Uri baseUri, string username, string token) =>
            Call(() => CredentialStore.ForCurrentUser(environment).Save(profile, baseUri, username, null, token).Path);

        /// <summary>The connection the resolver finds for that environment (as a cmdlet would), as a client.</summary>
        public static CoreAdapter FromResolvedConnection(Func<string, string?> environment, string cliAuthFile, out string source)
        {
            try
            {
                var sources = new ConnectionSources(new ApifySession(), environment, CredentialStore.ForCurrentUser(environment), cliAuthFile);
                var connection = ConnectionResolver.Resolve(sources);
                source = $"{connection.Source} ({connection.Location})";
                return new CoreAdapter(connection);
            }
            catch (ApifyException ex)
            {
                throw Failure(ex);
            }
        }

        /// <summary>
        /// A DPAPI store's round trip: "read back: WindowsDpapi" on Windows; elsewhere "refused: " and the error that
        /// says DPAPI is Windows only.
        /// </summary>
        public static string DpapiRoundTrip(string directory, Uri baseUri, string token)
        {
            var store = new CredentialStore(directory, TokenProtection.WindowsDpapi);
            try
            {
                store.Save("dpapi", baseUri, "dpapi", null, token);
                return "read back: " + store.Load("dpapi")!.Protection;
            }
            catch (PlatformNotSupportedException ex)
            {
                return "refused: " + ex.Message;
            }
        }

        /// <summary>A profile file encrypted with DPAPI, as read on a machine without it: the error it gives.</summary>
        public static string ReadForeignDpapiProfile(string directory)
        {
            var store = new CredentialStore(directory, TokenProtection.OwnerOnlyFile);
            Directory.CreateDirectory(directory);
            File.WriteAllText(store.PathOf("windows"),
                "{\"schema\":1,\"profile\":\"windows\",\"baseUri\":\"https://api.apify.com/\",\"protectedToken\":\"AQAAANCMnd8BFdERjHoAwE\"}");
            try
            {
                store.Load("windows");
                return "";
            }
            catch (ApifyException ex)
            {
                return ex.ErrorType + ": " + ex.Message;
            }
        }

        /// <summary>The file the module's own code bound each of its dependencies to (asked through the module's types).</summary>
        public static Dictionary<string, string> DependencyBindings()
        {
            var core = typeof(ApifyClient).Assembly;
            var pipeline = core.GetType("ApifyPS.Client.ApifyResilience", throwOnError: true)!
                .GetField("Pipeline", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
            var list = typeof(BuildsClient).GetMethod(nameof(BuildsClient.ListAsync), new[] { typeof(string), typeof(PageRequest), typeof(CancellationToken) })!;
            return new Dictionary<string, string>
            {
                ["Polly.Core"] = Describe(pipeline.GetType().Assembly),
                ["Microsoft.Bcl.AsyncInterfaces"] = Describe(list.ReturnType.Assembly),
                ["System.Text.Json"] = Describe(ApifyJson.Options.GetType().Assembly),
            };
        }

        private static string Describe(Assembly assembly) => assembly.Location + " (" + assembly.GetName().Version + ")";

        private static long ReadPosition(ref Utf8JsonReader reader)
        {
            long position = -1;
            var depth = reader.CurrentDepth;
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("position"))
                {
                    reader.Read();
                    position = reader.GetInt64();
                }
                else if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            return position;
        }

        private static JobInfo Job(ApifyBuild build) => new JobInfo(build.Id, build.Status, build.ActorId, build.BuildNumber, null, null);

        private static JobInfo Job(ApifyRun run) =>
            new JobInfo(run.Id, run.Status, run.ActorId, run.BuildNumber, run.DefaultDatasetId, run.DefaultKeyValueStoreId);

        private static async Task<T> Call<T>(Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ApifyException ex)
            {
                throw Failure(ex);
            }
        }

        private static T Call<T>(Func<T> call)
        {
            try
            {
                return call();
            }
            catch (ApifyException ex)
            {
                throw Failure(ex);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static CoreFailure Failure(ApifyException ex)
        {
            var api = ex as ApifyApiException;
            return new CoreFailure(ex.ErrorType, api?.StatusCode.HasValue == true ? (int)api.StatusCode!.Value : (int?)null, api?.Attempts ?? 1,
                ex.TargetId, ex.RecommendedAction, ex.Message, ex);
        }
    }
}
