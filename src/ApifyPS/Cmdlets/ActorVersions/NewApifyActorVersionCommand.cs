using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>New-ApifyActorVersion: adds a version of the source code to an Actor.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.New, "ApifyActorVersion", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyActorVersion))]
    public sealed class NewApifyActorVersionCommand : ApifyCmdlet
    {
        private const string ActorSet = "ByActor";
        private const string InputObjectSet = "ByInputObject";

        private ApifyBody? _body;

        /// <summary>The Actor: its id or username~name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>An Actor from the pipeline (Get-ApifyActor).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>The version number, MAJOR.MINOR (e.g. 0.1, 1.12).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("VersionNumber")]
        [ValidatePattern(ApifyActorSchema.VersionNumberRegex)]
        public string Version { get; set; } = "";

        /// <summary>Where the code lives; implied by the one source parameter given when omitted.</summary>
        [Parameter]
        [ValidateSet(ApifyActorSchema.SourceFiles, ApifyActorSchema.GitRepo, ApifyActorSchema.Tarball, ApifyActorSchema.GitHubGist)]
        public string? SourceType { get; set; }

        /// <summary>SOURCE_FILES: files and folders (paths or Get-ChildItem output below the current location) or hashtables with name, content, format.</summary>
        [Parameter]
        [ValidateNotNull]
        [AllowEmptyCollection]
        public object[]? SourceFile { get; set; }

        /// <summary>GIT_REPO: the repository URL, optionally with #branch or #branch:folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? GitRepoUrl { get; set; }

        /// <summary>TARBALL: the URL of a .tar.gz or .zip archive.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TarballUrl { get; set; }

        /// <summary>GITHUB_GIST: the gist's URL.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? GitHubGistUrl { get; set; }

        /// <summary>The tag a successful build of the version gets (default: latest, as the platform does).</summary>
        [Parameter]
        [AllowEmptyString]
        [AllowNull]
        public string? BuildTag { get; set; }

        /// <summary>NAME = value pairs; a SecureString value is a secret.</summary>
        [Parameter]
        [ValidateNotNull]
        public IDictionary? EnvironmentVariable { get; set; }

        /// <summary>Makes the environment variables available at build time too.</summary>
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
                    WriteError(CmdletSupport.Unsupported("New-ApifyActorVersion", InputObject!, "an Actor (Get-ApifyActor)"));
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
            try
            {
                WriteObject(Await(Client.CreateActorVersionAsync(actorId, _body!, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, $"{actorId} {Version}");
            }
        }
    }
}
