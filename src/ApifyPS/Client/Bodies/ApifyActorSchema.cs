using System.Collections;
using System.Globalization;
using System.Security;
using System.Text.RegularExpressions;

namespace ApifyPS.Client
{
    /// <summary>
    /// The request bodies of the Actor and version endpoints (CreateActorRequest, UpdateActorRequest,
    /// CreateOrUpdateVersionRequest, EnvVar) as the OpenAPI document defines them: field names are matched without
    /// regard to case and sent in the API's spelling, read-only fields of an Actor object are dropped (so an Actor
    /// read with Get-ApifyActor can serve as a template), and what would be refused is refused here, before any
    /// request, with an <see cref="ArgumentException"/> that names the field. Unknown fields pass through untouched.
    /// </summary>
    public static class ApifyActorSchema
    {
        /// <summary>The spec's rule for Actor names: lowercase letters, numbers and hyphens.</summary>
        public static readonly Regex ActorNamePattern = new Regex("^[a-z0-9-]+$", RegexOptions.CultureInvariant);

        /// <summary>MAJOR.MINOR, each 0-99 without leading zeros (the spec's pattern).</summary>
        public const string VersionNumberRegex = @"^([0-9]|[1-9][0-9])\.([0-9]|[1-9][0-9])$";

        public static readonly Regex VersionNumberPattern = new Regex(VersionNumberRegex, RegexOptions.CultureInvariant);

        public const string SourceFiles = "SOURCE_FILES";
        public const string GitRepo = "GIT_REPO";
        public const string Tarball = "TARBALL";
        public const string GitHubGist = "GITHUB_GIST";

        public static readonly string[] SourceTypes = { SourceFiles, GitRepo, Tarball, GitHubGist };

        private static readonly string[] ActorFields =
        {
            "name", "title", "description", "isPublic", "seoTitle", "seoDescription", "categories", "versions",
            "defaultRunOptions", "taggedBuilds", "actorPermissionLevel", "actorStandby", "exampleRunInput",
            "isDeprecated", "pricingInfos", "restartOnError",
        };

        /// <summary>Fields of the Actor object that neither CreateActorRequest nor UpdateActorRequest has.</summary>
        private static readonly string[] ReadOnlyActorFields =
        {
            "id", "userId", "username", "createdAt", "modifiedAt", "stats", "deploymentKey", "pictureUrl", "standbyUrl",
            "readmeSummary", "notice", "isCritical", "isGeneric", "isSourceCodeHidden", "hasNoDataset",
        };

        private static readonly string[] VersionFields =
        {
            "versionNumber", "sourceType", "envVars", "applyEnvVarsToBuild", "buildTag", "sourceFiles", "gitRepoUrl",
            "tarballUrl", "gitHubGistUrl",
        };

        private static readonly string[] EnvVarFields = { "name", "value", "isSecret" };

        private static readonly string[] SourceFileFields = { "name", "format", "content", "folder" };

        private static readonly string[] RunOptionFields = { "build", "timeoutSecs", "memoryMbytes", "restartOnError", "maxItems", "forcePermissionLevel" };

        /// <summary>The field a version of this source type needs (sourceFiles, gitRepoUrl, tarballUrl, gitHubGistUrl).</summary>
        public static string SourceField(string sourceType)
        {
            switch (sourceType)
            {
                case SourceFiles: return "sourceFiles";
                case GitRepo: return "gitRepoUrl";
                case Tarball: return "tarballUrl";
                case GitHubGist: return "gitHubGistUrl";
                default: throw new ArgumentException($"Unknown source type '{sourceType}'; use one of {string.Join(", ", SourceTypes)}.");
            }
        }

        /// <summary>Checks an Actor name against the spec's rule.</summary>
        public static void CheckActorName(string? name, string what = "name")
        {
            if (string.IsNullOrEmpty(name) || !ActorNamePattern.IsMatch(name))
                throw new ArgumentException($"The Actor {what} '{name}' is not valid: use lowercase letters, numbers and hyphens only (e.g. my-actor).");
        }

        /// <summary>A CreateActorRequest (creating) or UpdateActorRequest body in the API's spelling, checked.</summary>
        public static ApifyBody NormalizeActor(ApifyBody input, bool creating)
        {
            var body = new ApifyBody();
            foreach (var field in input)
            {
                var readOnly = Canonical(ReadOnlyActorFields, field.Key);
                if (readOnly != null) continue;
                var name = Canonical(ActorFields, field.Key) ?? field.Key;
                var value = field.Value;
                switch (name)
                {
                    case "name":
                        CheckActorName(value as string);
                        break;
                    case "isPublic":
                    case "isDeprecated":
                    case "restartOnError":
                        if (!(value is bool)) throw new ArgumentException($"Field '{name}' must be $true or $false.");
                        break;
                    case "categories":
                        value = value == null ? null : Strings(value, name);
                        break;
                    case "versions":
                        value = value == null ? null : Versions(value);
                        break;
                    case "defaultRunOptions":
                        value = value == null ? null : NormalizeRunOptions(AsBody(value, name));
                        break;
                    case "taggedBuilds":
                        if (creating) continue; // not part of CreateActorRequest; an Actor used as a template has them
                        value = value == null ? null : TaggedBuilds(AsBody(value, name));
                        break;
                }
                body.Set(name, value);
            }
            if (creating && !body.Has("name")) throw new ArgumentException("A new Actor needs a name (lowercase letters, numbers and hyphens).");
            return body;
        }

        /// <summary>A CreateOrUpdateVersionRequest body in the API's spelling, checked (see <see cref="CheckVersion"/>).</summary>
        public static ApifyBody NormalizeVersion(ApifyBody input, bool creating)
        {
            var body = new ApifyBody();
            foreach (var field in input)
            {
                var name = Canonical(VersionFields, field.Key) ?? field.Key;
                var value = field.Value;
                switch (name)
                {
                    case "id":
                        continue; // ApifyPS's version objects carry their number as Id too; the API does not take it
                    case "versionNumber":
                        if (!(value is string number) || !VersionNumberPattern.IsMatch(number))
                            throw new ArgumentException($"The version number '{value}' is not valid: use MAJOR.MINOR, e.g. 0.1 or 1.12.");
                        break;
                    case "sourceType":
                        var type = (value as string)?.ToUpperInvariant();
                        if (type == null || !SourceTypes.Contains(type))
                            throw new ArgumentException($"The source type '{value}' is not valid: use one of {string.Join(", ", SourceTypes)}.");
                        value = type;
                        break;
                    case "envVars":
                        value = value == null ? null : NormalizeEnvVars(value);
                        break;
                    case "sourceFiles":
                        value = value == null ? null : SourceFileList(value);
                        break;
                    case "applyEnvVarsToBuild":
                        if (!(value is bool)) throw new ArgumentException("Field 'applyEnvVarsToBuild' must be $true or $false.");
                        break;
                    case "buildTag":
                    case "gitRepoUrl":
                    case "tarballUrl":
                    case "gitHubGistUrl":
                        if (value != null && !(value is string)) throw new ArgumentException($"Field '{name}' must be a string.");
                        break;
                }
                body.Set(name, value);
            }
            CheckVersion(body, creating);
            return body;
        }

        /// <summary>
        /// A new version needs versionNumber and sourceType; a version whose sourceType is given needs that type's
        /// field in the same body (GIT_REPO a gitRepoUrl, TARBALL a tarballUrl, GITHUB_GIST a gitHubGistUrl, both
        /// absolute http(s) URLs, SOURCE_FILES its sourceFiles).
        /// </summary>
        public static void CheckVersion(ApifyBody version, bool creating)
        {
            var number = version.Get("versionNumber") as string;
            var what = number != null ? $"Version {number}" : "The version";
            if (creating && number == null) throw new ArgumentException("A new version needs a versionNumber (MAJOR.MINOR, e.g. 0.1).");
            var type = version.Get("sourceType") as string;
            if (type == null)
            {
                if (creating) throw new ArgumentException($"{what} needs a sourceType: {string.Join(", ", SourceTypes)}.");
                return;
            }
            var field = SourceField(type);
            var value = version.Get(field);
            if (type == SourceFiles)
            {
                if (!(value is IList)) throw new ArgumentException($"{what} has sourceType {type}: it needs {field}.");
                return;
            }
            var url = value as string;
            if (string.IsNullOrWhiteSpace(url)) throw new ArgumentException($"{what} has sourceType {type}: it needs {field}.");
            if (type != GitRepo && !IsHttpUrl(url!))
                throw new ArgumentException($"{what}: {field} '{url}' is not an absolute http(s) URL.");
        }

        /// <summary>
        /// Environment variables as the API takes them (a list of {name, value, isSecret}) from either that list or a
        /// dictionary of NAME = value. A SecureString value is a secret (isSecret true); a variable without a value
        /// (a secret read back from the API) keeps the value it has.
        /// </summary>
        public static List<object?> NormalizeEnvVars(object value)
        {
            var list = new List<object?>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            void Add(string name, object? v, object? isSecret, bool hasValue)
            {
                if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An environment variable needs a name.");
                if (!names.Add(name)) throw new ArgumentException($"The environment variable '{name}' is given twice.");
                var item = new ApifyBody().Set("name", name);
                var secret = v is SecureString;
                if (isSecret != null && !(isSecret is bool)) throw new ArgumentException($"isSecret of '{name}' must be $true or $false.");
                if (secret && isSecret is false)
                    throw new ArgumentException($"The environment variable '{name}' has a SecureString value: it is a secret (isSecret cannot be $false).");
                if (hasValue && v != null) item.Set("value", v is SecureString || v is string ? v : ScalarText(v, name));
                if (secret || isSecret is bool) item.Set("isSecret", secret || (bool)isSecret!);
                list.Add(item);
            }
            if (value is ApifyBody dictionary)
            {
                foreach (var pair in dictionary) Add(pair.Key, pair.Value, null, hasValue: true);
                return list;
            }
            if (!(value is IEnumerable items) || value is string)
                throw new ArgumentException("Environment variables must be a hashtable of NAME = value (a SecureString for a secret) or a list of {name, value, isSecret}.");
            foreach (var raw in items)
            {
                var item = AsBody(raw, "envVars item");
                string? name = null;
                object? v = null;
                object? isSecret = null;
                var hasValue = false;
                foreach (var f in item)
                {
                    switch (Canonical(EnvVarFields, f.Key))
                    {
                        case "name": name = f.Value as string; break;
                        case "value": v = f.Value; hasValue = true; break;
                        case "isSecret": isSecret = f.Value; break;
                    }
                }
                Add(name ?? "", v, isSecret, hasValue);
            }
            return list;
        }

        private static ApifyBody NormalizeRunOptions(ApifyBody input)
        {
            var body = new ApifyBody();
            foreach (var f in input)
            {
                var name = Canonical(RunOptionFields, f.Key) ?? f.Key;
                var value = f.Value;
                switch (name)
                {
                    case "timeoutSecs":
                    case "memoryMbytes":
                    case "maxItems":
                        if (value != null)
                        {
                            var n = Integer(value, "defaultRunOptions." + name);
                            if (n < 0) throw new ArgumentException($"defaultRunOptions.{name} cannot be negative.");
                            if (name == "memoryMbytes" && (n < 128 || (n & (n - 1)) != 0))
                                throw new ArgumentException($"defaultRunOptions.memoryMbytes must be a power of 2 of at least 128 (128, 256, ..., 32768), got {n}.");
                            value = n;
                        }
                        break;
                    case "restartOnError":
                        if (!(value is bool)) throw new ArgumentException("defaultRunOptions.restartOnError must be $true or $false.");
                        break;
                    case "build":
                        if (!(value is string)) throw new ArgumentException("defaultRunOptions.build must be a build tag or number (a string).");
                        break;
                }
                body.Set(name, value);
            }
            return body;
        }

        /// <summary>taggedBuilds: tag = buildId (or {buildId}) to set it, tag = $null to remove it.</summary>
        private static ApifyBody TaggedBuilds(ApifyBody input)
        {
            var body = new ApifyBody();
            foreach (var f in input)
            {
                switch (f.Value)
                {
                    case null: body.Set(f.Key, null); break;
                    case string id when id.Length > 0: body.Set(f.Key, new ApifyBody().Set("buildId", id)); break;
                    case ApifyBody b when (b.Get("buildId") ?? b.Get("BuildId") ?? b.Get("Id") ?? b.Get("id")) is string id:
                        body.Set(f.Key, new ApifyBody().Set("buildId", id));
                        break;
                    default: throw new ArgumentException($"taggedBuilds.{f.Key} must be a build id, a build, or $null to remove the tag.");
                }
            }
            return body;
        }

        private static List<object?> Versions(object value)
        {
            if (value is ApifyBody single) return new List<object?> { NormalizeVersion(single, creating: true) };
            if (!(value is IEnumerable items) || value is string) throw new ArgumentException("Field 'versions' must be a list of versions.");
            var list = new List<object?>();
            var numbers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var v = NormalizeVersion(AsBody(item, "versions item"), creating: true);
                if (!numbers.Add((string)v.Get("versionNumber")!)) throw new ArgumentException($"Version {v.Get("versionNumber")} is given twice.");
                list.Add(v);
            }
            return list;
        }

        private static List<object?> SourceFileList(object value)
        {
            if (!(value is IEnumerable items) || value is string) throw new ArgumentException("Field 'sourceFiles' must be a list of {name, format, content} or {name, folder}.");
            var list = new List<object?>();
            foreach (var raw in items)
            {
                var input = AsBody(raw, "sourceFiles item");
                var file = new ApifyBody();
                foreach (var f in input) file.Set(Canonical(SourceFileFields, f.Key) ?? f.Key, f.Value);
                if (!(file.Get("name") is string name) || name.Length == 0) throw new ArgumentException("Each source file needs a name (its path in the Actor, e.g. src/main.js).");
                if (!(file.Get("folder") is true))
                {
                    var format = (file.Get("format") as string ?? "TEXT").ToUpperInvariant();
                    if (format != "TEXT" && format != "BASE64") throw new ArgumentException($"Source file '{name}': format must be TEXT or BASE64.");
                    file.Set("format", format);
                    if (!(file.Get("content") is string)) throw new ArgumentException($"Source file '{name}' needs its content (a string).");
                }
                list.Add(file);
            }
            return list;
        }

        private static List<object?> Strings(object value, string name)
        {
            if (value is string s) return new List<object?> { s };
            if (!(value is IEnumerable items)) throw new ArgumentException($"Field '{name}' must be a list of strings.");
            return items.Cast<object?>().Select(i => i as string ?? throw new ArgumentException($"Field '{name}' must be a list of strings.")).Cast<object?>().ToList();
        }

        private static ApifyBody AsBody(object? value, string what) =>
            value as ApifyBody ?? throw new ArgumentException($"Each {what} must be a hashtable or an object with named fields.");

        private static long Integer(object value, string what)
        {
            switch (value)
            {
                case int i: return i;
                case long l: return l;
                case short s: return s;
                case byte b: return b;
                case uint u: return u;
                case double d when d == Math.Floor(d) && Math.Abs(d) < long.MaxValue: return (long)d;
                case decimal m when m == decimal.Floor(m): return (long)m;
                case string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed): return parsed;
            }
            throw new ArgumentException($"{what} must be a whole number, got '{value}'.");
        }

        private static string ScalarText(object value, string name)
        {
            switch (value)
            {
                case bool b: return b ? "true" : "false";
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                case ApifyBody _:
                case IEnumerable _:
                    throw new ArgumentException($"The value of the environment variable '{name}' must be a string, a number or a SecureString.");
                default: return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            }
        }

        private static string? Canonical(string[] fields, string key) =>
            fields.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase));

        private static bool IsHttpUrl(string text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }
}
