using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Set-ApifyActorVersion: changes only what is given of a version (the API's partial update); sets or removes
    /// single environment variables and leaves the others, secrets included, as they are.
    /// </summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.Set, "ApifyActorVersion", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyActorVersion))]
    public sealed class SetApifyActorVersionCommand : ApifyObjectCmdlet
    {
        private const string ActorSet = "ByActor";

        private ApifyBody? _changes;
        private List<ApifyBody> _setVariables = new List<ApifyBody>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [Alias("VersionNumber")]
        [ValidatePattern(ApifyActorSchema.VersionNumberRegex)]
        [ValidatePathSegment("versionNumber")]
        public string? Version { get; set; }

        [Parameter]
        [ValidateSet(ApifyActorSchema.SourceFiles, ApifyActorSchema.GitRepo, ApifyActorSchema.Tarball, ApifyActorSchema.GitHubGist)]
        public string? SourceType { get; set; }

        [Parameter]
        [ValidateNotNull]
        [AllowEmptyCollection]
        public object[]? SourceFile { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? GitRepoUrl { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TarballUrl { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? GitHubGistUrl { get; set; }

        [Parameter]
        [AllowEmptyString]
        [AllowNull]
        public string? BuildTag { get; set; }

        [Parameter]
        public SwitchParameter ApplyEnvVarsToBuild { get; set; }

        [Parameter]
        [ValidateNotNull]
        [ValidatePathSegment("envVarName")]
        public IDictionary? EnvironmentVariable { get; set; }

        [Parameter]
        [ValidatePathSegment("envVarName")]
        public string[]? RemoveEnvironmentVariable { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                var body = new ApifyBody();
                VersionSourceParameters.Apply(body, this, SourceType, SourceFile, GitRepoUrl, TarballUrl, GitHubGistUrl, creating: false);
                if (MyInvocation.BoundParameters.ContainsKey(nameof(BuildTag))) body.Set("buildTag", string.IsNullOrEmpty(BuildTag) ? null : BuildTag);
                if (MyInvocation.BoundParameters.ContainsKey(nameof(ApplyEnvVarsToBuild))) body.Set("applyEnvVarsToBuild", ApplyEnvVarsToBuild.IsPresent);
                _changes = ApifyActorSchema.NormalizeVersion(body, creating: false);
                if (EnvironmentVariable != null)
                {
                    _setVariables = ApifyActorSchema.NormalizeEnvVars(PowerShellBody.ToValue(EnvironmentVariable)!).Cast<ApifyBody>().ToList();
                    var noValue = _setVariables.FirstOrDefault(v => v.Get("value") == null);
                    if (noValue != null)
                        throw new ArgumentException($"-EnvironmentVariable {noValue.Get("name")} has no value; use -RemoveEnvironmentVariable to remove it.");
                }
                var both = _setVariables.Select(v => (string)v.Get("name")!).Intersect(RemoveEnvironmentVariable ?? Array.Empty<string>()).FirstOrDefault();
                if (both != null) throw new ArgumentException($"The environment variable '{both}' is both set and removed.");
            }
            catch (ParameterBindingException ex)
            {
                ThrowTerminatingError(CmdletSupport.ParameterError(ex.Message, "InvalidVersionSource"));
            }
            catch (Exception ex) when (ex is ArgumentException || ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is ItemNotFoundException)
            {
                ThrowTerminatingError(CmdletSupport.ParameterError(ex.Message, "InvalidVersionUpdate"));
            }
            if (_changes!.Count == 0 && _setVariables.Count == 0 && RemoveEnvironmentVariable == null)
                ThrowTerminatingError(CmdletSupport.ParameterError(
                    "Nothing to change: give -SourceType, a source parameter, -BuildTag, -ApplyEnvVarsToBuild, -EnvironmentVariable or -RemoveEnvironmentVariable.",
                    "NothingToChange"));
        }

        protected override void ProcessRecord()
        {
            string actorId;
            string? versionNumber = Version;
            if (ParameterSetName == InputObjectSet)
            {
                switch (InputObject)
                {
                    case ApifyActorVersion v when !string.IsNullOrEmpty(v.ActorId):
                        actorId = v.ActorId!;
                        versionNumber ??= v.VersionNumber;
                        break;
                    case ApifyActor a:
                        actorId = a.Id;
                        break;
                    default:
                        WriteUnsupportedInput(InputObject!, "a version (Get-ApifyActorVersion) or an Actor with -Version");
                        return;
                }
                if (versionNumber == null)
                {
                    WriteError(new ErrorRecord(new ArgumentException("Which version? Give -Version with an Actor."), "VersionMissing",
                        ErrorCategory.InvalidArgument, InputObject));
                    return;
                }
            }
            else actorId = Actor;

            var what = new List<string>(_changes!.Names);
            what.AddRange(_setVariables.Select(v => "set " + v.Get("name")));
            what.AddRange((RemoveEnvironmentVariable ?? Array.Empty<string>()).Select(n => "remove " + n));
            if (!ShouldProcess($"{actorId} version {versionNumber}", $"Update version ({string.Join(", ", what)})")) return;
            if (TryAwait(token => Client.ActorVersions.ChangeAsync(actorId, versionNumber!, _changes, _setVariables,
                    RemoveEnvironmentVariable ?? Array.Empty<string>(), PassThru, token), $"{actorId} {versionNumber}", out var updated) && updated != null)
                WriteObject(updated);
        }
    }
}
