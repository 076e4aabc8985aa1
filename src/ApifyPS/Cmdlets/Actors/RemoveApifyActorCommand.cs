using System;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyActor: deletes Actors with their builds, runs and versions. Asks first unless -Force or -Confirm:$false.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property (a build's Id is no Actor id).
    [Cmdlet(VerbsCommon.Remove, "ApifyActor", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyActorCommand : ApifyCmdlet
    {
        private const string IdSet = "ById";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>Actor ids or username~name; strings from the pipeline and objects with an Id or ActorId property bind here.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Actors from the pipeline (Get-ApifyActor); other ApifyPS objects are refused, never taken for an Actor.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Removes without asking (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyActor actor) Remove(actor.Id, $"{actor.FullName} ({actor.Id})");
                else WriteError(CmdletSupport.Unsupported("Remove-ApifyActor", InputObject!, "an Actor (Get-ApifyActor)"));
                return;
            }
            foreach (var id in Id) Remove(id, id);
        }

        private void Remove(string actorId, string target)
        {
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove Actor with its builds, runs and versions")) return;
            try
            {
                Await(Client.DeleteActorAsync(actorId, CancellationToken));
                ActorNameCache.Default.Invalidate(Client.Connection);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, actorId);
            }
        }
    }
}
