using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>New-ApifyActorVersion: adds a version of the source code to an Actor.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.New, "ApifyActorVersion", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyActorVersion))]
    public sealed class NewApifyActorVersionCommand : ApifyObjectCmdlet
    {
        private const string ActorSet = "ByActor";

        private ApifyBody? _body;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        [Alias("VersionNumber")]
        [ValidatePattern(ApifyActorSchema.VersionNumberRegex)]
        public string Version { get; set; } = "";

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
        [ValidateNotNull]
        public IDictionary? EnvironmentVariable { get; set; }

        [Parameter]
        public SwitchParameter ApplyEnvVarsToBuild { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                var body = new ApifyBody().Set("versionNumber", Version);
                VersionSourceParameters.Apply(body, this, SourceType, SourceFile, GitRepoUrl, TarballUrl, GitHubGistUrl, creating: true);
                if (MyInvocation.BoundParameters.ContainsKey(nameof(BuildTag))) body.Set("buildTag", string.IsNullOrEmpty(BuildTag) ? null : BuildTag);
                if (EnvironmentVariable != null) body.Set("envVars", ApifyActorSchema.NormalizeEnvVars(PowerShellBody.ToValue(EnvironmentVariable)!));
                if (MyInvocation.BoundParameters.ContainsKey(nameof(ApplyEnvVarsToBuild))) body.Set("applyEnvVarsToBuild", ApplyEnvVarsToBuild.IsPresent);
                _body = ApifyActorSchema.NormalizeVersion(body, creating: true);
            }
            catch (ParameterBindingException ex)
            {
                ThrowTerminatingError(CmdletSupport.ParameterError(ex.Message, "InvalidVersionSource"));
            }
            catch (Exception ex) when (ex is ArgumentException || ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is ItemNotFoundException)
            {
                ThrowTerminatingError(CmdletSupport.ParameterError(ex.Message, "InvalidVersion"));
            }
        }

        protected override void ProcessRecord()
        {
            string actorId;
            string target;
            if (ParameterSetName == InputObjectSet)
            {
                if (!(InputObject is ApifyActor actor))
                {
                    WriteUnsupportedInput(InputObject!, "an Actor (Get-ApifyActor)");
                    return;
                }
                actorId = actor.Id;
                target = actor.FullName;
            }
            else
            {
                actorId = Actor;
                target = Actor;
            }
            if (!ShouldProcess(target, $"Create version {Version} ({_body!.Get("sourceType")})")) return;
            WriteVerbose($"Creating version {Version} of {target} with the fields {_body}.");
            WriteAwaited(token => Client.ActorVersions.CreateAsync(actorId, _body!, token), $"{actorId} {Version}");
        }
    }
}
