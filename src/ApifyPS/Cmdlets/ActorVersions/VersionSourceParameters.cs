using System.IO;
using System.Management.Automation;
using System.Text;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// The source parameters of New-/Set-ApifyActorVersion: -SourceType and the one parameter each type needs
    /// (-SourceFile, -GitRepoUrl, -TarballUrl, -GitHubGistUrl), checked together before anything is sent. Without
    /// -SourceType, the one source parameter given implies it.
    /// </summary>
    internal static class VersionSourceParameters
    {
        private static readonly (string Type, string Parameter)[] Sources =
        {
            (ApifyActorSchema.SourceFiles, "SourceFile"),
            (ApifyActorSchema.GitRepo, "GitRepoUrl"),
            (ApifyActorSchema.Tarball, "TarballUrl"),
            (ApifyActorSchema.GitHubGist, "GitHubGistUrl"),
        };

        /// <summary>Sets sourceType and its field on the body; a mismatch is a ParameterBindingException.</summary>
        public static void Apply(ApifyBody body, PSCmdlet cmdlet, string? sourceType, object[]? sourceFile, string? gitRepoUrl, string? tarballUrl,
            string? gitHubGistUrl, bool creating)
        {
            var values = new Dictionary<string, object?>
            {
                ["SourceFile"] = sourceFile,
                ["GitRepoUrl"] = gitRepoUrl,
                ["TarballUrl"] = tarballUrl,
                ["GitHubGistUrl"] = gitHubGistUrl,
            };
            var given = Sources.Where(s => values[s.Parameter] != null).ToList();
            if (sourceType != null)
            {
                sourceType = sourceType.ToUpperInvariant();
                var needed = Sources.First(s => s.Type == sourceType);
                foreach (var other in given.Where(s => s.Type != sourceType))
                    throw new ParameterBindingException($"-{other.Parameter} is for -SourceType {other.Type}, not {sourceType}.");
                if (values[needed.Parameter] == null)
                    throw new ParameterBindingException($"-SourceType {sourceType} needs -{needed.Parameter}.");
            }
            else if (given.Count > 1)
                throw new ParameterBindingException($"Give one source: {string.Join(" or ", given.Select(g => "-" + g.Parameter))}, not several.");
            else if (given.Count == 1)
                sourceType = given[0].Type;
            else if (creating)
                throw new ParameterBindingException("A new version needs its source: -SourceType SOURCE_FILES with -SourceFile, GIT_REPO with -GitRepoUrl, TARBALL with -TarballUrl or GITHUB_GIST with -GitHubGistUrl.");
            else
                return;

            body.Set("sourceType", sourceType);
            var parameter = Sources.First(s => s.Type == sourceType).Parameter;
            var field = ApifyActorSchema.SourceField(sourceType);
            body.Set(field, parameter == "SourceFile" ? SourceFiles(cmdlet, sourceFile!) : values[parameter]);
        }

        /// <summary>
        /// -SourceFile items as the API's sourceFiles: files and folders (Get-ChildItem output or paths, named by their
        /// path below the current location, e.g. src/main.js; a folder brings everything in it), or hashtables/objects
        /// with name, content and format (TEXT or BASE64) or name and folder.
        /// </summary>
        public static List<object?> SourceFiles(PSCmdlet cmdlet, object[] items)
        {
            var root = cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            var files = new List<object?>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void AddBody(ApifyBody file)
            {
                var name = file.Get("name") as string ?? file.Get("Name") as string;
                if (name != null && !seen.Add(name)) throw new ParameterBindingException($"-SourceFile: '{name}' is given twice.");
                files.Add(file);
            }
            // Paths may come twice (Get-ChildItem -Recurse lists a folder and its files): each is sent once.
            void AddPath(FileSystemInfo info)
            {
                if (info is DirectoryInfo dir)
                {
                    if (!dir.Exists) throw new ParameterBindingException($"-SourceFile: the folder '{dir.FullName}' does not exist.");
                    var isRoot = string.Equals(Path.GetFullPath(dir.FullName).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar),
                        Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), StringComparison.Ordinal);
                    if (!isRoot)
                    {
                        var folder = RelativeName(root, dir.FullName);
                        if (!seen.Add(folder)) return;
                        files.Add(new ApifyBody().Set("name", folder).Set("folder", true));
                    }
                    foreach (var child in dir.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal)) AddPath(child);
                    return;
                }
                if (!info.Exists) throw new ParameterBindingException($"-SourceFile: the file '{info.FullName}' does not exist.");
                var name = RelativeName(root, info.FullName);
                if (!seen.Add(name)) return;
                var bytes = File.ReadAllBytes(info.FullName);
                var text = AsText(bytes);
                files.Add(new ApifyBody()
                    .Set("name", name)
                    .Set("format", text != null ? "TEXT" : "BASE64")
                    .Set("content", text ?? Convert.ToBase64String(bytes)));
            }
            foreach (var raw in Flatten(items))
            {
                var item = raw is PSObject pso ? pso.BaseObject : raw;
                switch (item)
                {
                    case null:
                        throw new ParameterBindingException("-SourceFile: an item is $null.");
                    case FileSystemInfo info:
                        AddPath(info);
                        break;
                    case string path:
                        var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                        if (provider.Name != "FileSystem") throw new ParameterBindingException($"-SourceFile: '{path}' is not a file system path.");
                        foreach (var p in resolved) AddPath(Directory.Exists(p) ? new DirectoryInfo(p) : (FileSystemInfo)new FileInfo(p));
                        break;
                    default:
                        AddBody(PowerShellBody.ToValue(raw) as ApifyBody
                            ?? throw new ParameterBindingException("-SourceFile takes files, folders, paths, or hashtables with name, content and format."));
                        break;
                }
            }
            return files;
        }

        /// <summary>-SourceFile (Get-ChildItem -Recurse), @{...} gives an array inside the array: take its items.</summary>
        private static IEnumerable<object?> Flatten(IEnumerable<object?> items)
        {
            foreach (var raw in items)
            {
                var item = raw is PSObject pso ? pso.BaseObject : raw;
                if (item is System.Collections.IEnumerable list && !(item is string) && !(item is System.Collections.IDictionary))
                {
                    foreach (var inner in Flatten(list.Cast<object?>())) yield return inner;
                }
                else yield return raw;
            }
        }

        /// <summary>The file's path below the current location with forward slashes (the name the platform gives it).</summary>
        private static string RelativeName(string root, string fullName)
        {
            var rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(fullName);
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (!full.StartsWith(rootFull, comparison))
                throw new ParameterBindingException(
                    $"-SourceFile: '{full}' is not below the current location '{rootFull}'. Set-Location to the Actor's folder first (its files are named by their path below it), or pass @{{ name = ...; content = ... }}.");
            return full.Substring(rootFull.Length).Replace('\\', '/');
        }

        /// <summary>UTF-8 text without NUL characters, or null (the file is sent as BASE64).</summary>
        private static string? AsText(byte[] bytes)
        {
            if (Array.IndexOf(bytes, (byte)0) >= 0) return null;
            try
            {
                var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
                return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
    }
}
