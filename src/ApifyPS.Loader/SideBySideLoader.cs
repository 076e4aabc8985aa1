using System;
using System.Collections.Generic;
using System.Reflection;

namespace ApifyPS.Loader
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework, one load context): ApifyPS.dll is loaded with LoadFrom and an
    /// AssemblyResolve handler serves the assemblies it (or one of its dependencies) asks for from the dependencies
    /// folder. Strong-named assemblies of different versions load side by side there, so a module that loaded another
    /// version of Polly or System.Text.Json first keeps it and ApifyPS gets its own. The handler also settles the
    /// version mismatches netstandard2.0 packages have among themselves on .NET Framework (what binding redirects
    /// would do): a request is served by our copy when that copy's version is the same or higher.
    /// </summary>
    internal static class SideBySideLoader
    {
        private static readonly object Sync = new object();
        private static readonly List<KeyValuePair<AssemblyName, string>> Candidates = new List<KeyValuePair<AssemblyName, string>>();
        private static readonly Dictionary<string, Assembly> LoadedByPath = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static readonly HashSet<Assembly> Ours = new HashSet<Assembly>();
        private static bool _subscribed;

        public static Assembly Load(string mainAssemblyPath, string dependencyDirectory)
        {
            lock (Sync)
            {
                Candidates.AddRange(ModuleLoader.ReadDependencies(dependencyDirectory));
                if (!_subscribed)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
                    _subscribed = true;
                }
            }
            var main = Assembly.LoadFrom(mainAssemblyPath);
            lock (Sync) Ours.Add(main);
            return main;
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            lock (Sync)
            {
                // Serve our own assemblies' requests (the requester is unknown on some paths of .NET Framework).
                if (args.RequestingAssembly != null && !Ours.Contains(args.RequestingAssembly)) return null;
                foreach (var candidate in Candidates)
                {
                    if (!Matches(candidate.Key, requested)) continue;
                    if (!LoadedByPath.TryGetValue(candidate.Value, out var assembly))
                    {
                        assembly = Assembly.LoadFrom(candidate.Value);
                        LoadedByPath[candidate.Value] = assembly;
                        Ours.Add(assembly);
                    }
                    return assembly;
                }
            }
            return null;
        }

        internal static bool Matches(AssemblyName candidate, AssemblyName requested)
        {
            if (!string.Equals(candidate.Name, requested.Name, StringComparison.OrdinalIgnoreCase)) return false;
            if (requested.Version != null && (candidate.Version == null || candidate.Version < requested.Version)) return false;
            var wanted = requested.GetPublicKeyToken();
            if (wanted == null || wanted.Length == 0) return true;
            var have = candidate.GetPublicKeyToken() ?? Array.Empty<byte>();
            if (have.Length != wanted.Length) return false;
            for (var i = 0; i < have.Length; i++)
                if (have[i] != wanted[i]) return false;
            return true;
        }
    }
}
