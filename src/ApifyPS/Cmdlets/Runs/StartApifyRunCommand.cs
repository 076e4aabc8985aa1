using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Start-ApifyRun: starts an Actor run with an input and options, optionally waiting for it.</summary>
    [Cmdlet(VerbsLifecycle.Start, "ApifyRun", DefaultParameterSetName = ActorSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyRun))]
    public sealed class StartApifyRunCommand : RunStartWaitCmdlet
    {
        private const string ActorSet = "ByActor";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        protected override void ProcessRecord()
        {
            var actorId = ActorOf(ParameterSetName == ActorSet, Actor, InputObject);
            if (actorId == null) return;
            if (!ShouldProcess($"Actor {actorId}" + (Build != null ? $", build {Build}" : ""), "Start run")) return;
            if (TryAwait(token => Client.Runs.StartAsync(actorId, ActorInputValue, RunOptions, token), actorId, out var started))
                WriteStarted(started, actorId);
        }
    }
}
