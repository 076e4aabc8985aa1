using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace ApifyPS.DesktopHarness
{
    /// <summary>
    /// The staged module, loaded the way Windows PowerShell 5.1 imports ApifyPS.psd1: the manifest's RequiredAssemblies
    /// (Assembly.LoadFrom of ApifyPS.Loader.dll in the module folder), then the root script's
    /// <c>[ApifyPS.Loader.ModuleLoader]::Load($PSScriptRoot)</c>, which on the .NET Framework is the Desktop path
    /// (LoadFrom of ApifyPS.dll and an AssemblyResolve handler serving <c>dependencies/</c>).
    /// </summary>
    internal sealed class ModuleUnderTest
    {
        private static readonly object Sync = new object();
        private static string? s_servedDirectory;

        private ModuleUnderTest(string directory, Assembly main)
        {
            Directory = directory;
            Main = main;
        }

        /// <summary>The module folder (out/ApifyPS).</summary>
        public string Directory { get; }

        public string DependencyDirectory => Path.Combine(Directory, "dependencies");

        /// <summary>ApifyPS.dll as the loader returned it.</summary>
        public Assembly Main { get; }

        /// <summary>Throws a <see cref="StepFailedException"/> saying what is wrong when the module cannot be loaded this way.</summary>
        public static ModuleUnderTest Load(string moduleDirectory)
        {
            var directory = Path.GetFullPath(moduleDirectory);
            Check.That(File.Exists(Path.Combine(directory, "ApifyPS.psd1")),
                $"{directory} is not a staged module (no ApifyPS.psd1): run ./build.ps1 Build first.");
            var loaderPath = Path.Combine(directory, "ApifyPS.Loader.dll");
            Check.That(File.Exists(loaderPath), $"{loaderPath} is missing: the manifest's RequiredAssemblies names it.");
            var loader = Assembly.LoadFrom(loaderPath);
            var moduleLoader = loader.GetType("ApifyPS.Loader.ModuleLoader", throwOnError: true)!;
            var privateContext = loader.GetType("ApifyPS.Loader.PrivateLoadContext", throwOnError: true)!
                .GetProperty("IsSupported", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
            Check.That(!(bool)privateContext.GetValue(null)!,
                "this runtime has AssemblyLoadContext, so ApifyPS.Loader takes its PowerShell 7 path here, not the Desktop one this harness is for.");

            lock (Sync)
            {
                if (s_servedDirectory == null) AppDomain.CurrentDomain.AssemblyResolve += ServeLoadedAssembly;
                s_servedDirectory = directory;
            }
            var main = Invoke<Assembly>(moduleLoader.GetMethod("Load")!, directory);
            Check.Equal(Path.Combine(directory, "ApifyPS.dll"), main.Location, "ApifyPS.dll loaded from");
            Check.That(Invoke<bool>(moduleLoader.GetMethod("IsLoaded")!, directory), "ModuleLoader.IsLoaded is false after Load.");
            // A re-import (Import-Module -Force) gets the same assembly: the module's types stay one set of types.
            Check.That(ReferenceEquals(main, Invoke<Assembly>(moduleLoader.GetMethod("Load")!, directory)),
                "loading the module folder again gave another assembly.");
            return new ModuleUnderTest(directory, main);
        }

        /// <summary>
        /// Everything ApifyPS.dll references, and what those reference in turn, resolved now as the runtime resolves
        /// them for ApifyPS: one line per assembly saying which file served it. An assembly neither the runtime nor
        /// dependencies/ provides, or one served from anywhere else (the harness's own folder), fails with its name and
        /// who asked for it; <paramref name="otherModule"/> is a folder another module loaded its own copies from first
        /// (those may serve too, and are said to). System.Management.Automation is PowerShell's own and is not looked for.
        /// </summary>
        public List<string> ResolveDependencies(string? otherModule = null)
        {
            var lines = new List<string>();
            var problems = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var queue = new Queue<Assembly>();
            queue.Enqueue(Main);
            var runtimeRoot = Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location)!)!;
            while (queue.Count > 0)
            {
                var assembly = queue.Dequeue();
                foreach (var reference in assembly.GetReferencedAssemblies())
                {
                    if (!seen.Add(reference.FullName)) continue;
                    if (reference.Name == "System.Management.Automation")
                    {
                        lines.Add($"{reference.Name}: PowerShell's own (not looked for here)");
                        continue;
                    }
                    Assembly served;
                    try
                    {
                        served = Assembly.Load(reference);
                    }
                    catch (Exception ex) when (ex is FileNotFoundException || ex is FileLoadException || ex is BadImageFormatException)
                    {
                        problems.Add($"{reference.FullName}, asked for by {assembly.GetName().Name}, is missing: it is not in " +
                                     $"{DependencyDirectory} and the runtime does not provide it ({ex.GetType().Name}: {ex.Message})");
                        continue;
                    }
                    var location = served.Location;
                    if (IsUnder(location, Directory))
                    {
                        lines.Add($"{reference.Name} {reference.Version}: the module's {RelativeTo(location, Directory)} ({served.GetName().Version})");
                        queue.Enqueue(served);
                    }
                    else if (otherModule != null && IsUnder(location, otherModule))
                    {
                        lines.Add($"{reference.Name} {reference.Version}: the other module's {location} ({served.GetName().Version})");
                    }
                    else if (served.GlobalAssemblyCache || IsUnder(location, runtimeRoot))
                    {
                        lines.Add($"{reference.Name} {reference.Version}: the runtime's {location} ({served.GetName().Version})");
                    }
                    else
                    {
                        problems.Add($"{reference.FullName}, asked for by {assembly.GetName().Name}, was served from {location}: " +
                                     "neither the runtime nor the module folder");
                    }
                }
            }
            if (problems.Count > 0) throw new StepFailedException(string.Join("; ", problems) + ".");
            return lines;
        }

        /// <summary>Assemblies loaded in this process from <paramref name="directory"/> (to prove none came from the harness's folder).</summary>
        public static List<string> LoadedFrom(string directory, params Assembly[] except) =>
            AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && !except.Contains(a) && IsUnder(a.Location, directory))
                .Select(a => a.Location)
                .ToList();

        /// <summary>
        /// How PowerShell finds a type a script names: by name, among the assemblies already loaded. The harness's
        /// compiled references to ApifyPS (and to the module's System.Text.Json and Microsoft.Bcl.AsyncInterfaces the
        /// adapter touches) are served the same way, whatever version the harness was compiled against (its .NET
        /// Framework build of System.Text.Json 8.0.6 says 8.0.0.6, the module's netstandard2.0 build 8.0.0.0), and never
        /// from a file: what the module did not load is not there.
        /// </summary>
        private static Assembly? ServeLoadedAssembly(object? sender, ResolveEventArgs args)
        {
            if (args.RequestingAssembly != null && args.RequestingAssembly != typeof(ModuleUnderTest).Assembly) return null;
            string? directory;
            lock (Sync) directory = s_servedDirectory;
            if (directory == null) return null;
            var requested = new AssemblyName(args.Name);
            return AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a =>
            {
                if (a.IsDynamic || !IsUnder(a.Location, directory)) return false;
                return string.Equals(a.GetName().Name, requested.Name, StringComparison.OrdinalIgnoreCase);
            });
        }

        internal static bool IsUnder(string? path, string directory)
        {
            if (string.IsNullOrEmpty(path)) return false;
            var full = Path.GetFullPath(path);
            var root = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return full.StartsWith(root, StringComparison.OrdinalIgnoreCase);
        }

        internal static string RelativeTo(string path, string directory) =>
            Path.GetFullPath(path).Substring(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar).Length + 1);

        private static T Invoke<T>(MethodInfo method, params object[] arguments)
        {
            try
            {
                return (T)method.Invoke(null, arguments)!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }
}
