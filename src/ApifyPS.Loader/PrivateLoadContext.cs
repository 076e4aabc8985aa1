using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace ApifyPS.Loader
{
    /// <summary>
    /// PowerShell 7 (.NET): one private AssemblyLoadContext for ApifyPS.dll and its dependencies.
    /// <para>
    /// The context is a plain <c>AssemblyLoadContext</c> (netstandard2.0 cannot derive from it, so it is created by
    /// reflection). The dependencies are loaded into it from their files before ApifyPS.dll: the runtime resolves a
    /// name first from the requesting context's own loaded assemblies, so ApifyPS's references to Polly.Core or
    /// Microsoft.Bcl.TimeProvider bind to these copies even when another module put a different copy of the same
    /// name into PowerShell's default context first, and ours never enter the default context to disturb theirs.
    /// Everything else ApifyPS references (System.Management.Automation, the runtime's own assemblies) falls through
    /// to the default context and is shared, as it must be for PowerShell to run the cmdlets.
    /// </para>
    /// </summary>
    internal static class PrivateLoadContext
    {
        private static readonly Type? ContextType = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");

        /// <summary>True on .NET Core 3.0+ (PowerShell 7), where named, non-default load contexts exist.</summary>
        public static bool IsSupported =>
            ContextType?.GetConstructor(new[] { typeof(string), typeof(bool) }) != null;

        public static Assembly Load(string mainAssemblyPath, string dependencyDirectory)
        {
            var type = ContextType!;
            // Named after the folder (an installed module's folder is its version's): reading the version from the
            // file would cost the import the first AssemblyName.GetAssemblyName, several milliseconds cold.
            var context = type.GetConstructor(new[] { typeof(string), typeof(bool) })!
                .Invoke(new object[] { $"ApifyPS ({Path.GetDirectoryName(mainAssemblyPath)})", false });
            var loadFromPath = type.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })!;
            Assembly LoadFromPath(string path)
            {
                try
                {
                    return (Assembly)loadFromPath.Invoke(context, new object[] { path });
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                    throw; // not reached
                }
            }

            var platform = PlatformAssemblies();
            var loadFromDefault = DefaultLoadFromAssemblyName();
            foreach (var dependency in ModuleLoader.ReadDependencies(dependencyDirectory))
            {
                if (IsProvidedByPlatform(platform, loadFromDefault, dependency.Key)) continue;
                LoadFromPath(dependency.Value);
            }
            return LoadFromPath(mainAssemblyPath);
        }

        /// <summary>
        /// True when the running application (the .NET runtime and PowerShell's own files: its trusted platform
        /// assemblies) carries this assembly at the same or a higher version. Those are shared, not loaded again.
        /// The default context is asked for the assembly at our version: it binds a trusted platform assembly only
        /// when that one's version is the same or higher (else it throws), which is the answer, and it is what the
        /// runtime would load for ApifyPS anyway. Reading the platform file's name instead costs several milliseconds
        /// of every import.
        /// </summary>
        internal static bool IsProvidedByPlatform(HashSet<string> platform, Func<AssemblyName, Assembly> loadFromDefault, AssemblyName dependency)
        {
            if (dependency.Name == null || !platform.Contains(dependency.Name)) return false;
            try
            {
                var provided = loadFromDefault(dependency).GetName().Version;
                return provided != null && (dependency.Version == null || provided >= dependency.Version);
            }
            catch (Exception ex) when (ex is BadImageFormatException || ex is IOException) // FileLoadException: the platform's is older
            {
                return false;
            }
        }

        /// <summary><c>AssemblyLoadContext.Default.LoadFromAssemblyName</c>, reached by reflection (netstandard2.0).</summary>
        private static Func<AssemblyName, Assembly> DefaultLoadFromAssemblyName()
        {
            var type = ContextType!;
            var defaultContext = type.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
            var method = type.GetMethod("LoadFromAssemblyName", new[] { typeof(AssemblyName) })!;
            return name =>
            {
                try
                {
                    return (Assembly)method.Invoke(defaultContext, new object[] { name });
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                    throw; // not reached
                }
            };
        }

        /// <summary>The simple names of this process's trusted platform assemblies.</summary>
        internal static HashSet<string> PlatformAssemblies()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
                    names.Add(Path.GetFileNameWithoutExtension(path));
            }
            return names;
        }
    }
}
