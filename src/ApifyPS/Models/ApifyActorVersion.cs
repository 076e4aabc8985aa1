using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// A version of an Actor's source code (GET /v2/actors/{actorId}/versions[/{versionNumber}]): where the code
    /// lives, the build tag, the environment variables. Its <see cref="ApifyResource.Id"/> is its version number, the
    /// id the API's paths use for it; <see cref="ActorId"/> says whose version it is, so piping it into
    /// Set-ApifyActorVersion or Remove-ApifyActorVersion needs nothing else.
    /// </summary>
    public sealed class ApifyActorVersion : ApifyResource
    {
        /// <summary>MAJOR.MINOR, e.g. 0.1.</summary>
        public string VersionNumber
        {
            get => Id;
            set => Id = value ?? "";
        }

        /// <summary>SOURCE_FILES, GIT_REPO, TARBALL or GITHUB_GIST.</summary>
        public string? SourceType { get; set; }

        /// <summary>The environment variables; secret ones without their value (the API never returns it).</summary>
        public List<ApifyEnvironmentVariable>? EnvVars { get; set; }

        public bool? ApplyEnvVarsToBuild { get; set; }

        /// <summary>The tag a successful build of this version gets (e.g. latest); null for none.</summary>
        public string? BuildTag { get; set; }

        public List<ApifySourceFile>? SourceFiles { get; set; }

        public string? GitRepoUrl { get; set; }

        public string? TarballUrl { get; set; }

        public string? GitHubGistUrl { get; set; }

        /// <summary>The Actor the version belongs to (set by ApifyPS, not sent by the API).</summary>
        [JsonIgnore]
        public string? ActorId { get; set; }

        /// <summary>Where the code comes from: the URL of its source type, or the number of source files.</summary>
        [JsonIgnore]
        public string? Source =>
            SourceType switch
            {
                "GIT_REPO" => GitRepoUrl,
                "TARBALL" => TarballUrl,
                "GITHUB_GIST" => GitHubGistUrl,
                "SOURCE_FILES" => $"{SourceFiles?.Count(f => f.Folder != true) ?? 0} file(s)",
                _ => null,
            };

        /// <summary>The names of the environment variables.</summary>
        [JsonIgnore]
        public string[] EnvVarNames => EnvVars?.Select(e => e.Name).ToArray() ?? Array.Empty<string>();

        public override string ToString() => VersionNumber;
    }

    /// <summary>
    /// An environment variable of a version. A secret one never holds a value: the API does not return it, and
    /// ApifyPS drops one if it ever came.
    /// </summary>
    public sealed class ApifyEnvironmentVariable
    {
        private string? _value;

        public string Name { get; set; } = "";

        /// <summary>The value; always null for a secret.</summary>
        public string? Value
        {
            get => IsSecret == true ? null : _value;
            set => _value = value;
        }

        public bool? IsSecret { get; set; }

        public override string ToString() => IsSecret == true ? Name + "=(secret)" : Name + "=" + Value;
    }

    /// <summary>A file (name, format TEXT or BASE64, content) or a folder (name, folder) of a SOURCE_FILES version.</summary>
    public sealed class ApifySourceFile
    {
        public string Name { get; set; } = "";
        public string? Format { get; set; }
        public string? Content { get; set; }
        public bool? Folder { get; set; }

        public override string ToString() => Folder == true ? Name + "/" : Name;
    }
}
