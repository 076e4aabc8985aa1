using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ApifyPS.DesktopHarness
{
    /// <summary>
    /// The desktop harness (docs/windows-powershell.md): the staged module through ApifyPS.Loader's Desktop path on a
    /// .NET Framework runtime (Mono here), and the client core end to end against the local server. Exit code 0 when
    /// every step passed; the counts also go to --summary for build.ps1.
    /// </summary>
    internal static class Program
    {
        public const string LoadStep = "desktop-path-loads-the-module";
        private const string FolderStep = "harness-carries-no-module-assembly";
        private const string ServerStep = "local-server-started";

        private static int Main(string[] args)
        {
            HarnessOptions options;
            try
            {
                options = HarnessOptions.Parse(args);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(HarnessOptions.Usage);
                return 2;
            }
            var runner = new StepRunner();
            if (options.Child != null)
            {
                ChildScenarios.Run(options, runner);
                return Finish(runner, options);
            }

            Console.WriteLine($"Desktop harness on {RuntimeInformation.FrameworkDescription.Trim()}: {options.Module} through ApifyPS.Loader's Desktop path");
            var later = new List<string> { ServerStep };
            later.AddRange(Scenarios.Names);
            later.AddRange(IsolationScenarios.Names);
            runner.Run(FolderStep, () => CheckHarnessFolder(options.Module));
            if (!LoadModule(runner, options.Module))
            {
                foreach (var name in later) runner.NotRun(name, $"{LoadStep} failed");
                return Finish(runner, options);
            }
            LocalServer? server = null;
            try
            {
                if (runner.Run(ServerStep, () => { server = LocalServer.Start(options.Dotnet, options.Server); }))
                    RunScenarios(runner, server!, options.Module);
                else
                    foreach (var name in later.Skip(1)) runner.NotRun(name, $"{ServerStep} failed");
            }
            finally
            {
                server?.Dispose();
            }
            return Finish(runner, options);
        }

        /// <summary>The load step (also a child's): the Desktop path, every dependency resolved, none from the harness's folder.</summary>
        internal static bool LoadModule(StepRunner runner, string moduleDirectory) => runner.Run(LoadStep, () =>
        {
            var module = ModuleUnderTest.Load(moduleDirectory);
            foreach (var line in module.ResolveDependencies()) StepRunner.Note(line);
            var harness = AppDomain.CurrentDomain.BaseDirectory;
            var strays = ModuleUnderTest.LoadedFrom(harness, typeof(Program).Assembly);
            Check.That(strays.Count == 0, $"assemblies were loaded from the harness's own folder: {string.Join(", ", strays)}");
            NoteCore();
        });

        /// <summary>Nothing of the module beside the .exe: the runtime would take such a copy before the module's.</summary>
        private static void CheckHarnessFolder(string moduleDirectory)
        {
            var names = new List<string> { "ApifyPS.dll", "ApifyPS.Loader.dll" };
            var dependencies = Path.Combine(moduleDirectory, "dependencies");
            if (Directory.Exists(dependencies)) names.AddRange(Directory.GetFiles(dependencies, "*.dll").Select(Path.GetFileName));
            var harness = AppDomain.CurrentDomain.BaseDirectory;
            var found = names.Where(n => File.Exists(Path.Combine(harness, n))).ToList();
            Check.That(found.Count == 0,
                $"{string.Join(", ", found)} sit beside the harness in {harness}: the runtime would load those instead of the module's. " +
                "The harness's project copies nothing of the module; rebuild it into a clean folder.");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void NoteCore() => StepRunner.Note($"the core: {CoreAdapter.UserAgent}");

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RunScenarios(StepRunner runner, LocalServer server, string module)
        {
            new Scenarios(runner, server).RunAll();
            new IsolationScenarios(runner, server, module).RunAll();
        }

        private static int Finish(StepRunner runner, HarnessOptions options)
        {
            var who = options.Child == null ? "Desktop harness" : $"Child harness ({options.Child})";
            Console.WriteLine($"{who}: {runner.Passed} steps passed, {runner.Failed} failed");
            foreach (var failure in runner.Failures) Console.WriteLine("  failed: " + failure.Split('\n')[0]);
            if (options.Summary != null)
                File.WriteAllText(options.Summary, Json.Write(new { Passed = runner.Passed, Failed = runner.Failed, Failures = runner.Failures }));
            return runner.Failed == 0 ? 0 : 1;
        }
    }
}
