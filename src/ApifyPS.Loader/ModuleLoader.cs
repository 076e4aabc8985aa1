using System;
using System.Collections.Generic;
using System.Globalization;
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

        /// <summary>
        /// The list of the dependency assemblies that the build writes beside them: one line per file, its assembly name,
        /// its file name and its length in bytes, separated by tabs.
        /// </summary>
        public const string DependencyListFileName = "dependencies.txt";

        /// <summary>
        /// The dependency assemblies in <paramref name="directory"/>, by simple name (files without metadata skipped).
        /// Read from the build's list when it names exactly the assemblies there (reading each file's name costs about
        /// half a millisecond at every import); otherwise from the files.
        /// </summary>
        internal static List<KeyValuePair<AssemblyName, string>> ReadDependencies(string directory)
        {
            if (!Directory.Exists(directory)) return new List<KeyValuePair<AssemblyName, string>>();
            var files = Directory.GetFiles(directory, "*.dll");
            return ReadDependencyList(directory, files) ?? ReadDependencyFiles(files);
        }

        /// <summary>The build's list, or null when it is missing, unreadable or does not name exactly <paramref name="files"/>.</summary>
        internal static List<KeyValuePair<AssemblyName, string>>? ReadDependencyList(string directory, string[] files)
        {
            var listPath = Path.Combine(directory, DependencyListFileName);
            if (!File.Exists(listPath)) return null;
            var listed = new List<KeyValuePair<AssemblyName, string>>();
            var expected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files) expected.Add(Path.GetFileName(file));
            try
            {
                foreach (var line in File.ReadAllLines(listPath))
                {
                    if (line.Length == 0) continue;
                    var fields = line.Split('\t');
                    if (fields.Length != 3 || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length)) return null;
                    var path = Path.Combine(directory, fields[1]);
                    // A file the list names that is not there (or twice), or that was replaced since: the list is not
                    // this folder's.
                    if (!expected.Remove(fields[1]) || new FileInfo(path).Length != length) return null;
                    listed.Add(new KeyValuePair<AssemblyName, string>(new AssemblyName(fields[0]), path));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is FileLoadException || ex is ArgumentException)
            {
                return null;
            }
            // Every managed file the folder holds must be listed; a file without metadata is never listed, so it
            // sends the read to the files, which skip it.
            return expected.Count == 0 ? listed : null;
        }

        /// <summary>The dependency assemblies' names read from the files themselves.</summary>
        internal static List<KeyValuePair<AssemblyName, string>> ReadDependencyFiles(string[] files)
        {
            var result = new List<KeyValuePair<AssemblyName, string>>();
            foreach (var file in files)
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
