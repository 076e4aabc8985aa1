using System;
using System.IO;
using System.Linq;

namespace ApifyPS.DesktopHarness
{
    /// <summary>The steps run in a child harness: the module after another module's assemblies, and a broken module.</summary>
    internal sealed class IsolationScenarios
    {
        public static readonly string[] Names = { "older-polly-core-loaded-first", "broken-desktop-path-fails-clearly" };

        /// <summary>The dependency the broken copy of the module lacks: System.Text.Json needs it, several levels down.</summary>
        public const string RemovedDependency = "System.Memory";

        private static readonly TimeSpan ChildDeadline = TimeSpan.FromSeconds(120);

        private readonly StepRunner _runner;
        private readonly LocalServer _server;
        private readonly string _module;

        public IsolationScenarios(StepRunner runner, LocalServer server, string module)
        {
            _runner = runner;
            _server = server;
            _module = module;
        }

        public void RunAll()
        {
            _runner.Run(Names[0], OlderPollyCoreLoadedFirst, ChildDeadline + TimeSpan.FromSeconds(10));
            _runner.Run(Names[1], BrokenDesktopPathFailsClearly, ChildDeadline + TimeSpan.FromSeconds(10));
        }

        private void OlderPollyCoreLoadedFirst()
        {
            var (exitCode, lines) = ChildHarness.Run(ChildScenarios.OlderDependencyFirst, _module, _server, ChildDeadline);
            foreach (var line in lines) StepRunner.Note("| " + line);
            Check.That(exitCode == 0, $"the child harness failed (exit code {exitCode}): " +
                                      string.Join(" / ", lines.Where(l => l.StartsWith("FAIL ", StringComparison.Ordinal))));
        }

        /// <summary>
        /// A copy of the module without dependencies/System.Memory.dll: the child harness must fail its load step,
        /// naming the assembly and saying it is missing, rather than pass or fail somewhere obscure.
        /// </summary>
        private void BrokenDesktopPathFailsClearly()
        {
            using var folder = new TemporaryFolder("apifyps-desktop-broken-");
            var copy = Path.Combine(folder.Path, "ApifyPS");
            CopyDirectory(_module, copy);
            var removed = Path.Combine(copy, "dependencies", RemovedDependency + ".dll");
            Check.That(File.Exists(removed), $"the staged module has no {RemovedDependency}.dll in dependencies/ to remove.");
            File.Delete(removed);
            var (exitCode, lines) = ChildHarness.Run(ChildScenarios.ModuleSmoke, copy, _server, ChildDeadline);
            var failure = lines.FirstOrDefault(l => l.StartsWith($"FAIL {Program.LoadStep}", StringComparison.Ordinal));
            Check.That(exitCode != 0, $"the child harness passed on a module without {RemovedDependency}.dll: " + string.Join(" / ", lines));
            Check.That(failure != null && failure.Contains(RemovedDependency) && failure.Contains("is missing"),
                $"the child harness did not fail its load step naming {RemovedDependency} as missing: " + string.Join(" / ", lines));
            StepRunner.Note("| " + failure);
        }

        private static void CopyDirectory(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (var directory in Directory.GetDirectories(from)) CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
