using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace ApifyPS.DesktopHarness
{
    /// <summary>The runs a child harness does (<see cref="ChildHarness"/>), each a few named steps of its own.</summary>
    internal static class ChildScenarios
    {
        /// <summary>Another module's older Polly.Core and its dependencies loaded first, then ApifyPS.</summary>
        public const string OlderDependencyFirst = "older-dependency-first";

        /// <summary>The module loaded and one request made: for a copy of the module with something broken.</summary>
        public const string ModuleSmoke = "module-smoke";

        public static void Run(HarnessOptions options, StepRunner runner)
        {
            switch (options.Child)
            {
                case OlderDependencyFirst:
                    RunOlderDependencyFirst(options, runner);
                    break;
                case ModuleSmoke:
                    if (Program.LoadModule(runner, options.Module)) runner.Run("a-request-through-the-core", SmokeRequest);
                    else runner.NotRun("a-request-through-the-core", $"{Program.LoadStep} failed");
                    break;
                default:
                    runner.NotRun("child", $"there is no child run '{options.Child}'");
                    break;
            }
        }

        private static void RunOlderDependencyFirst(HarnessOptions options, StepRunner runner)
        {
            OtherModule? other = null;
            if (!runner.Run("other-module-loaded-first", () =>
                {
                    other = OtherModule.Load(Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "other-module"));
                    other.UsePolly();
                }) ||
                !runner.Run("module-loaded-after-it", () =>
                {
                    foreach (var line in ModuleUnderTest.Load(options.Module).ResolveDependencies(other!.Directory)) StepRunner.Note(line);
                }))
            {
                runner.NotRun("module-requests-retried", "the module or the other one did not load");
                return;
            }
            runner.Run("module-requests-retried", RetriedRequest);
            runner.Run("dependency-of-another-version-resolves-ours", () => CheckBindings(options.Module, other!));
            runner.Run("other-module-still-works", () => other!.UsePolly());
        }

        /// <summary>A read answered 503 then 200: the module's retry pipeline (Polly) runs on whatever the runtime bound it to.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static async Task RetriedRequest()
        {
            using var server = ChildHarness.AttachToParentServer();
            var actorId = (string)server.Seed(new { actor = "older" + Guid.NewGuid().ToString("N").Substring(0, 10), builds = 1, runs = 0 })["actorId"];
            var core = new CoreAdapter(server.BaseUri, server.Token);
            var buildId = (await core.ListBuildsAsync(actorId, 10)).Single().Id;
            var path = $"/v2/actor-builds/{buildId}";
            server.AddFault(new { path, method = "GET", action = "status", status = 503 });
            Check.Equal(buildId, (await core.GetBuildAsync(buildId)).Id, "the build read after a 503");
            Check.Equal(2, server.Requests().Count(r => r.Method == "GET" && r.Path == path), "requests for the build (the 503, then the retry)");
        }

        /// <summary>
        /// Which file each of the module's dependencies was bound to. Microsoft.Bcl.AsyncInterfaces has another
        /// assembly version in the other module (6.0.0.0) than in ours (8.0.0.0): ApifyPS must get ours, side by side with
        /// theirs. Polly.Core has one assembly version, 8.0.0.0, in every 8.x release, so the runtime binds ApifyPS to
        /// the copy loaded first before any resolve handler is asked (docs/windows-powershell.md): it is reported, and
        /// the step before proved the module works on it.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void CheckBindings(string moduleDirectory, OtherModule other)
        {
            var dependencies = Path.Combine(moduleDirectory, "dependencies");
            var bindings = CoreAdapter.DependencyBindings();
            foreach (var binding in bindings) StepRunner.Note($"ApifyPS's {binding.Key}: {binding.Value}");
            foreach (var name in new[] { "Microsoft.Bcl.AsyncInterfaces", "System.Text.Json" })
                Check.That(ModuleUnderTest.IsUnder(bindings[name].Split(' ')[0], dependencies),
                    $"ApifyPS's {name} is {bindings[name]}, not the module's own in {dependencies}.");
            var theirs = other.Assemblies.Single(a => a.GetName().Name == "Microsoft.Bcl.AsyncInterfaces");
            Check.Equal(new Version(6, 0, 0, 0), theirs.GetName().Version, "the other module's Microsoft.Bcl.AsyncInterfaces");
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "Microsoft.Bcl.AsyncInterfaces").ToList();
            Check.That(loaded.Count == 2 && loaded.Contains(theirs),
                $"expected the other module's and ApifyPS's Microsoft.Bcl.AsyncInterfaces side by side; loaded: {string.Join(", ", loaded.Select(a => a.Location))}");
            if (ModuleUnderTest.IsUnder(bindings["Polly.Core"].Split(' ')[0], other.Directory))
                StepRunner.Note("Polly.Core: the other module's 8.1.0 serves ApifyPS too (one assembly identity, Polly.Core 8.0.0.0, bound to the copy loaded first)");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static async Task SmokeRequest()
        {
            using var server = ChildHarness.AttachToParentServer();
            Check.Equal("janedoe", await new CoreAdapter(server.BaseUri, server.Token).CurrentUsernameAsync(), "the account");
        }
    }
}
