using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyActorVersion: deletes a version of an Actor's source code. Asks first unless -Force or -Confirm:$false.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.Remove, "ApifyActorVersion", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyActorVersionCommand : ApifyObjectCmdlet
    {
        private const string ActorSet = "ByActor";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("VersionNumber")]
        [ValidatePattern(ApifyActorSchema.VersionNumberRegex)]
        [ValidatePathSegment("versionNumber")]
        public string Version { get; set; } = "";

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
                    WriteUnsupportedInput(InputObject!, "a version (Get-ApifyActorVersion)");
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
            TryAwait(token => Client.ActorVersions.DeleteAsync(actorId, versionNumber, token), $"{actorId} {versionNumber}");
        }
    }
}
