using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Invoke-ApifyActor: runs an Actor synchronously (run-sync) and emits its OUTPUT record: JSON as objects, text
    /// as a string, anything else as bytes.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ApifyActor", DefaultParameterSetName = ActorSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject), typeof(string), typeof(byte[]))]
    public sealed class InvokeApifyActorCommand : RunStartCmdlet
    {
        private const string ActorSet = "ByActor";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputRecordKey { get; set; }

        protected override void ProcessRecord()
        {
            var actorId = ActorOf(ParameterSetName == ActorSet, Actor, InputObject);
            if (actorId == null) return;
            if (!ShouldProcess($"Actor {actorId}", "Run synchronously")) return;
            if (!TryAwait(token => Client.Runs.RunSyncAsync(actorId, ActorInputValue, RunOptions, OutputRecordKey, token), null, out var output)) return;
            if (output.IsEmpty)
            {
                WriteVerbose($"The run stored no {OutputRecordKey ?? "OUTPUT"} record; nothing to write.");
                return;
            }
            RecordOutput.Write(this, output);
        }
    }
}
