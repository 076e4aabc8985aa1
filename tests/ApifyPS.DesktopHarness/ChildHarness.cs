using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace ApifyPS.DesktopHarness
{
    /// <summary>
    /// Another process of this harness, for what must not happen in this one: a module loaded after another module's
    /// assemblies, or a broken copy of the module (a process loads each assembly once, and keeps it). It attaches to
    /// this run's local server (passed in the environment, never on the command line) and prints its own steps.
    /// </summary>
    internal static class ChildHarness
    {
        public const string BaseUriVariable = "APIFYPS_HARNESS_BASE_URI";
        public const string TokenVariable = "APIFYPS_HARNESS_TOKEN";

        public static (int ExitCode, List<string> Lines) Run(string child, string moduleDirectory, LocalServer server, TimeSpan deadline)
        {
            var self = typeof(ChildHarness).Assembly.Location;
            var arguments = $"--child {child} --module \"{moduleDirectory}\"";
            // Under Mono the .exe is an argument of the runtime that runs this process; on Windows it runs by itself.
            var start = Type.GetType("Mono.Runtime") != null
                ? new ProcessStartInfo(Process.GetCurrentProcess().MainModule!.FileName, $"\"{self}\" {arguments}")
                : new ProcessStartInfo(self, arguments);
            start.UseShellExecute = false;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.CreateNoWindow = true;
            start.EnvironmentVariables[BaseUriVariable] = server.BaseUri.ToString();
            start.EnvironmentVariables[TokenVariable] = server.Token;
            var lines = new List<string>();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (lines) lines.Add(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (lines) lines.Add(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)deadline.TotalMilliseconds))
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
                process.WaitForExit();
                lock (lines) throw new StepFailedException($"the child harness ({child}) did not end within {deadline.TotalSeconds:0} s: " + string.Join(" | ", lines));
            }
            process.WaitForExit(); // the output read to its end
            lock (lines) return (process.ExitCode, new List<string>(lines));
        }

        /// <summary>The local server of the parent, in a child.</summary>
        public static LocalServer AttachToParentServer()
        {
            var baseUri = Environment.GetEnvironmentVariable(BaseUriVariable);
            var token = Environment.GetEnvironmentVariable(TokenVariable);
            if (string.IsNullOrEmpty(baseUri) || string.IsNullOrEmpty(token))
                throw new StepFailedException($"a child harness needs {BaseUriVariable} and {TokenVariable} (its parent sets them).");
            return LocalServer.Attach(new Uri(baseUri), token!);
        }
    }
}
