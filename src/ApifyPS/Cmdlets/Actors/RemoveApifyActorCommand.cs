using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyActor: deletes Actors with their builds, runs and versions. Asks first unless -Force or -Confirm:$false.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.Remove, "ApifyActor", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyActorCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyActor actor) Remove(actor.Id, $"{actor.FullName} ({actor.Id})");
                else WriteUnsupportedInput(InputObject!, "an Actor (Get-ApifyActor)");
                return;
            }
            foreach (var id in Id) Remove(id, id);
        }

        private void Remove(string actorId, string target)
        {
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove Actor with its builds, runs and versions")) return;
            if (TryAwait(token => Client.Actors.DeleteAsync(actorId, token), actorId)) ActorNameCache.Default.Invalidate(Client.Connection);
        }
    }
}
