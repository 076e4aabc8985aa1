using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Test-ApifyActorInput: checks an input against the input schema of an Actor's build before starting it; nothing
    /// runs. Writes $true when the input is valid; otherwise a non-terminating error with the API's reason, then $false.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ApifyActorInput", DefaultParameterSetName = ActorSet)]
    [OutputType(typeof(bool))]
    public sealed class TestApifyActorInputCommand : ActorInputCmdlet
    {
        private const string ActorSet = "ByActor";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Build { get; set; }

        protected override void ProcessRecord()
        {
            var actor = ActorOf(ParameterSetName == ActorSet, Actor, InputObject);
            if (actor == null) return;
            var input = ActorInputValue ?? ApifyInput.FromText("{}");
            if (!TryAwait(token => Client.Actors.ValidateInputAsync(actor, input, Build, token), actor, out var problem)) return;
            if (problem != null)
            {
                var record = new ErrorRecord(new InvalidOperationException(problem), "ApifyActorInputInvalid", ErrorCategory.InvalidData, actor);
                record.ErrorDetails = new ErrorDetails($"The input does not fit the input schema of Actor '{actor}': {problem}");
                WriteError(record);
            }
            WriteObject(problem == null);
        }
    }
}
