using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace ApifyPS.DesktopHarness
{
    /// <summary>
    /// The local Apify-compatible server (tests/ApifyPS.Emulator, staged in out/emulator) on a random loopback port,
    /// in its own process tied to this one (--exit-with) and killed on Dispose; and its control API
    /// (/__emulator/..., docs/design.md). A child harness attaches to its parent's server instead.
    /// </summary>
    internal sealed class LocalServer : IDisposable
    {
        private readonly Process? _process;
        private readonly HttpClient _control = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        private LocalServer(Process? process, Uri baseUri, string token)
        {
            _process = process;
            BaseUri = baseUri;
            Token = token;
        }

        public Uri BaseUri { get; }

        /// <summary>The server's token (made up per run; never printed).</summary>
        public string Token { get; }

        public static LocalServer Start(string dotnet, string serverPath)
        {
            if (!File.Exists(serverPath))
                throw new StepFailedException($"the local server {serverPath} is not built: run ./build.ps1 Build first.");
            var token = "desktop_" + Guid.NewGuid().ToString("N");
            var arguments = string.Join(" ", new[] { serverPath, "--port", "0", "--token", token, "--exit-with",
                Process.GetCurrentProcess().Id.ToString(), "--username", "janedoe" }.Select(Quote));
            var start = new ProcessStartInfo(dotnet, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            };
            var process = Process.Start(start)!;
            var line = process.StandardOutput.ReadLineAsync();
            if (!line.Wait(TimeSpan.FromSeconds(60)) || string.IsNullOrWhiteSpace(line.Result))
            {
                Kill(process);
                throw new StepFailedException($"the local server ({dotnet} {serverPath}) did not print its URL within 60 s.");
            }
            // Whatever else it writes is drained, so a full pipe never stops it.
            Task.Run(() => process.StandardOutput.ReadToEnd());
            Task.Run(() => process.StandardError.ReadToEnd());
            return new LocalServer(process, new Uri(line.Result.Trim()), token);
        }

        public static LocalServer Attach(Uri baseUri, string token) => new LocalServer(null, baseUri, token);

        /// <summary>POST /__emulator/seed; the answer's fields (actorId, actor, builds, runs).</summary>
        public Dictionary<string, object> Seed(object body) => Json.Object(Send(HttpMethod.Post, "/__emulator/seed", body));

        /// <summary>POST /__emulator/faults, e.g. new { path, method = "GET", action = "truncate", abort = true }.</summary>
        public void AddFault(object fault) => Send(HttpMethod.Post, "/__emulator/faults", fault);

        public void ClearFaults() => Send(HttpMethod.Delete, "/__emulator/faults", null);

        /// <summary>The /v2 requests the server received, oldest first.</summary>
        public List<LoggedRequest> Requests() =>
            ((object[])Json.Read(Send(HttpMethod.Get, "/__emulator/requests", null)))
            .Cast<Dictionary<string, object>>()
            .Select(r => new LoggedRequest((string)r["method"], (string)r["path"], r.TryGetValue("query", out var q) && q is string s ? s.TrimStart('?') : ""))
            .ToList();

        /// <summary>GET /__emulator/jobs-started: builds and runs started through the API's start endpoints.</summary>
        public (long Builds, long Runs) JobsStarted()
        {
            var counts = Json.Object(Send(HttpMethod.Get, "/__emulator/jobs-started", null));
            return (Convert.ToInt64(counts["builds"]), Convert.ToInt64(counts["runs"]));
        }

        private string Send(HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, new Uri(BaseUri, path));
            if (body != null) request.Content = new StringContent(Json.Write(body), Encoding.UTF8, "application/json");
            using var response = _control.SendAsync(request).GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
                throw new StepFailedException($"the local server's control API refused {method} {path}: {(int)response.StatusCode} {text}");
            return text;
        }

        private static string Quote(string argument) =>
            argument.IndexOfAny(new[] { ' ', '"', '\t' }) < 0 ? argument : "\"" + argument.Replace("\"", "\\\"") + "\"";

        private static void Kill(Process process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(10000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        public void Dispose()
        {
            if (_process != null)
            {
                Kill(_process);
                _process.Dispose();
            }
            _control.Dispose();
        }
    }
}
