using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace ApifyPS.Loader
{
    /// <summary>
    /// Loads ApifyPS.dll so that its third-party dependencies (the module's <c>dependencies</c> folder: Polly,
    /// System.Text.Json and what they need) never meet another module's copies of the same assemblies.
    /// <list type="bullet">
    /// <item>PowerShell 7: ApifyPS.dll and every dependency the runtime does not itself provide are loaded into one
    /// private AssemblyLoadContext (made by reflection: this assembly is netstandard2.0). Assemblies the platform
    /// already carries at the same or a higher version (System.Memory, Microsoft.Bcl.AsyncInterfaces, System.Text.Json
    /// on .NET 8+, ...) are shared with it, so types such as Span or IAsyncEnumerable stay one type.</item>
    /// <item>Windows PowerShell 5.1: ApifyPS.dll is loaded with LoadFrom and an AssemblyResolve handler serves its
    /// dependencies from the folder, so a different version another module loaded first sits side by side.</item>
    /// </list>
    /// The root script (ApifyPS.psm1) then imports the cmdlets with <c>Import-Module -Assembly</c>.
    /// </summary>
    public static class ModuleLoader
    {
        /// <summary>The folder, next to ApifyPS.dll, that holds the third-party assemblies.</summary>
        public const string DependencyFolderName = "dependencies";

        /// <summary>The module's own assembly, next to the manifest.</summary>
        public const string ModuleAssemblyFileName = "ApifyPS.dll";

        private static readonly object Sync = new object();
        private static readonly Dictionary<string, Assembly> LoadedByDirectory = new Dictionary<string, Assembly>(StringComparer.Ordinal);

        /// <summary>
        /// Loads ApifyPS.dll from <paramref name="moduleDirectory"/> with its dependencies, privately. Loading the same
        /// directory again (Import-Module -Force, Remove-Module and import) returns the same assembly, so the
        /// module's types stay one set of types in the process.
        /// </summary>
        public static Assembly Load(string moduleDirectory)
        {
            if (string.IsNullOrEmpty(moduleDirectory)) throw new ArgumentNullException(nameof(moduleDirectory));
            var directory = Path.GetFullPath(moduleDirectory);
            lock (Sync)
            {
                if (LoadedByDirectory.TryGetValue(directory, out var loaded)) return loaded;
                var main = Path.Combine(directory, ModuleAssemblyFileName);
                if (!File.Exists(main)) throw new FileNotFoundException($"ApifyPS: {main} is missing; reinstall the module.", main);
                var dependencies = Path.Combine(directory, DependencyFolderName);
                loaded = PrivateLoadContext.IsSupported
                    ? PrivateLoadContext.Load(main, dependencies)
                    : SideBySideLoader.Load(main, dependencies);
                LoadedByDirectory[directory] = loaded;
                return loaded;
            }
        }

        /// <summary>True once <see cref="Load"/> has loaded the module from this directory in this process (a re-import).</summary>
        public static bool IsLoaded(string moduleDirectory)
        {
            if (string.IsNullOrEmpty(moduleDirectory)) return false;
            lock (Sync) return LoadedByDirectory.ContainsKey(Path.GetFullPath(moduleDirectory));
        }

        /// <summary>The dependency assemblies in <paramref name="directory"/>, by simple name (files without metadata skipped).</summary>
        internal static List<KeyValuePair<AssemblyName, string>> ReadDependencies(string directory)
        {
            var result = new List<KeyValuePair<AssemblyName, string>>();
            if (!Directory.Exists(directory)) return result;
            foreach (var file in Directory.GetFiles(directory, "*.dll"))
            {
                try
                {
                    result.Add(new KeyValuePair<AssemblyName, string>(AssemblyName.GetAssemblyName(file), file));
                }
                catch (BadImageFormatException)
                {
                    // Not a managed assembly: nothing to load.
                }
            }
            return result;
        }
    }
}
