using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ApifyPS.DesktopHarness
{
    /// <summary>
    /// Another module's assemblies, loaded before ApifyPS the way Windows PowerShell loads a module's
    /// RequiredAssemblies (Assembly.LoadFrom): an older Polly.Core (8.1.0) with the Microsoft.Bcl.AsyncInterfaces
    /// (6.0.0), System.Threading.Tasks.Extensions (4.5.4) and System.Runtime.CompilerServices.Unsafe (4.5.3) it was
    /// built on (the project copies them to other-module/).
    /// It uses its Polly by reflection, as that module's own code would.
    /// </summary>
    internal sealed class OtherModule
    {
        private OtherModule(string directory, Assembly polly, List<Assembly> assemblies)
        {
            Directory = directory;
            Polly = polly;
            Assemblies = assemblies;
        }

        public string Directory { get; }

        public Assembly Polly { get; }

        public List<Assembly> Assemblies { get; }

        public static OtherModule Load(string directory)
        {
            var files = new[] { "Polly.Core.dll", "Microsoft.Bcl.AsyncInterfaces.dll", "System.Threading.Tasks.Extensions.dll", "System.Runtime.CompilerServices.Unsafe.dll" }
                .Select(f => Path.Combine(directory, f)).ToList();
            foreach (var file in files)
                Check.That(File.Exists(file), $"{file} is missing: the harness's project copies the other module there when it builds.");
            var assemblies = files.Select(Assembly.LoadFrom).ToList();
            var polly = assemblies[0];
            Check.That(polly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.StartsWith("8.1.0", StringComparison.Ordinal) == true,
                $"{polly.Location} is not Polly.Core 8.1.0.");
            return new OtherModule(directory, polly, assemblies);
        }

        /// <summary>The other module's own use of its Polly: a pipeline built and run.</summary>
        public void UsePolly()
        {
            var builderType = Polly.GetType("Polly.ResiliencePipelineBuilder", throwOnError: true)!;
            var builder = Activator.CreateInstance(builderType)!;
            var pipeline = builderType.GetMethod("Build", Type.EmptyTypes)!.Invoke(builder, null)!;
            Check.That(pipeline.GetType().Assembly == Polly, $"the other module's pipeline came from {pipeline.GetType().Assembly.Location}, not its own Polly.");
            var ran = false;
            pipeline.GetType().GetMethod("Execute", new[] { typeof(Action) })!.Invoke(pipeline, new object[] { new Action(() => ran = true) });
            Check.That(ran, "the other module's Polly pipeline did not run its callback.");
        }
    }
}
