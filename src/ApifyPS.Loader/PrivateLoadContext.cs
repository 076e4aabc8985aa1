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
            var version = AssemblyName.GetAssemblyName(mainAssemblyPath).Version;
            var context = type.GetConstructor(new[] { typeof(string), typeof(bool) })!
                .Invoke(new object[] { $"ApifyPS {version} ({Path.GetDirectoryName(mainAssemblyPath)})", false });
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
            foreach (var dependency in ModuleLoader.ReadDependencies(dependencyDirectory))
            {
                if (IsProvidedByPlatform(platform, dependency.Key)) continue;
                LoadFromPath(dependency.Value);
            }
            return LoadFromPath(mainAssemblyPath);
        }

        /// <summary>
        /// True when the running application (the .NET runtime and PowerShell's own files: its trusted platform
        /// assemblies) carries this assembly at the same or a higher version. Those are shared, not loaded again.
        /// </summary>
        internal static bool IsProvidedByPlatform(Dictionary<string, string> platform, AssemblyName dependency)
        {
            if (dependency.Name == null || !platform.TryGetValue(dependency.Name, out var path)) return false;
            try
            {
                var provided = AssemblyName.GetAssemblyName(path).Version;
                return provided != null && (dependency.Version == null || provided >= dependency.Version);
            }
            catch (Exception ex) when (ex is BadImageFormatException || ex is IOException)
            {
                return false;
            }
        }

        /// <summary>The trusted platform assemblies of this process, by simple name.</summary>
        internal static Dictionary<string, string> PlatformAssemblies()
        {
            var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var name = Path.GetFileNameWithoutExtension(path);
                    if (!byName.ContainsKey(name)) byName[name] = path;
                }
            }
            return byName;
        }
    }
}
