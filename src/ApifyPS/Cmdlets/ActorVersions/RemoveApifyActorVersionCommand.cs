using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyActorVersion: deletes a version of an Actor's source code. Asks first unless -Force or -Confirm:$false.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.Remove, "ApifyActorVersion", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyActorVersionCommand : ApifyCmdlet
    {
        private const string ActorSet = "ByActor";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>The Actor: its id or username~name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>The version number, MAJOR.MINOR.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("VersionNumber")]
        [ValidatePattern(ApifyActorSchema.VersionNumberRegex)]
        [ValidatePathSegment("versionNumber")]
        public string Version { get; set; } = "";

        /// <summary>Versions from the pipeline (Get-ApifyActorVersion).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Removes without asking (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string actorId;
            string versionNumber;
            if (ParameterSetName == InputObjectSet)
            {
                if (!(InputObject is ApifyActorVersion v) || string.IsNullOrEmpty(v.ActorId))
                {
                    WriteError(CmdletSupport.Unsupported("Remove-ApifyActorVersion", InputObject!, "a version (Get-ApifyActorVersion)"));
                    return;
                }
                actorId = v.ActorId!;
                versionNumber = v.VersionNumber;
            }
            else
            {
                actorId = Actor;
                versionNumber = Version;
            }
            if (!CmdletSupport.ShouldProcess(this, Force, $"{actorId} version {versionNumber}", "Remove version")) return;
            try
            {
                Await(Client.DeleteActorVersionAsync(actorId, versionNumber, CancellationToken));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, $"{actorId} {versionNumber}");
            }
        }
    }
}
