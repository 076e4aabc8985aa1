using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

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
    public sealed class SetApifyActorVersionCommand : ApifyCmdlet
    {
        private const string ActorSet = "ByActor";
        private const string InputObjectSet = "ByInputObject";

        private ApifyBody? _changes;
        private List<ApifyBody> _setVariables = new List<ApifyBody>();

        /// <summary>The Actor: its id or username~name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>A version (Get-ApifyActorVersion) or an Actor (with -Version) from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>The version number, MAJOR.MINOR.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [Alias("VersionNumber")]
        [ValidatePattern(ApifyActorSchema.VersionNumberRegex)]
        [ValidatePathSegment("versionNumber")]
        public string? Version { get; set; }

        /// <summary>A new source type; it needs its source parameter too.</summary>
        [Parameter]
        [ValidateSet(ApifyActorSchema.SourceFiles, ApifyActorSchema.GitRepo, ApifyActorSchema.Tarball, ApifyActorSchema.GitHubGist)]
        public string? SourceType { get; set; }

        /// <summary>SOURCE_FILES: the version's files (they replace the ones it has).</summary>
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

        /// <summary>The tag successful builds get; an empty string or $null for none.</summary>
        [Parameter]
        [AllowEmptyString]
        [AllowNull]
        public string? BuildTag { get; set; }

        /// <summary>-ApplyEnvVarsToBuild or -ApplyEnvVarsToBuild:$false.</summary>
        [Parameter]
        public SwitchParameter ApplyEnvVarsToBuild { get; set; }

        /// <summary>Variables to set (created or updated), NAME = value; a SecureString value is a secret. Others stay.</summary>
        [Parameter]
        [ValidateNotNull]
        [ValidatePathSegment("envVarName")]
        public IDictionary? EnvironmentVariable { get; set; }

        /// <summary>Names of variables to remove.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("envVarName")]
        public string[]? RemoveEnvironmentVariable { get; set; }

        /// <summary>Writes the updated version.</summary>
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
                        WriteError(CmdletSupport.Unsupported("Set-ApifyActorVersion", InputObject!, "a version (Get-ApifyActorVersion) or an Actor with -Version"));
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
            try
            {
                ApifyActorVersion? updated = null;
                if (_changes.Count > 0) updated = Await(Client.UpdateActorVersionAsync(actorId, versionNumber!, _changes, CancellationToken));
                if (_setVariables.Count > 0 || RemoveEnvironmentVariable != null)
                {
                    Await(Client.SetEnvironmentVariablesAsync(actorId, versionNumber!, _setVariables, RemoveEnvironmentVariable ?? Array.Empty<string>(),
                        CancellationToken));
                    updated = null;
                }
                if (PassThru) WriteObject(updated ?? Await(Client.GetActorVersionAsync(actorId, versionNumber!, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, $"{actorId} {versionNumber}");
            }
        }
    }
}
