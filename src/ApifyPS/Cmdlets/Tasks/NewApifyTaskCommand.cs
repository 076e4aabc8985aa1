using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>New-ApifyTask: saves an Actor with an input and run options as a task.</summary>
    [Cmdlet(VerbsCommon.New, "ApifyTask", DefaultParameterSetName = ActorSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyTask))]
    public sealed class NewApifyTaskCommand : RunOptionsCmdlet
    {
        private const string ActorSet = "ByActor";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ValidatePattern("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$")]
        public string Name { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        private ApifyBody? _input;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _input = TaskBodies.InputObject(this, ActorInputValue);
        }

        protected override void ProcessRecord()
        {
            var actorId = ActorOf(ParameterSetName == ActorSet, Actor, InputObject);
            if (actorId == null) return;
            var body = new ApifyBody().Set("actId", actorId).Set("name", Name);
            if (Title != null) body.Set("title", Title);
            var options = TaskBodies.Options(RunOptions);
            if (options.Count > 0) body.Set("options", options);
            if (_input != null) body.Set("input", _input);
            if (!ShouldProcess($"{Name} (Actor {actorId})", "Create task")) return;
            WriteVerbose($"Creating task '{Name}' with the fields {body}.");
            if (!TryAwait(token => Client.Tasks.CreateAsync(body, token), Name, out var task)) return;
            TaskNameCache.Default.Invalidate(Client.Connection);
            WriteObject(task);
        }
    }
}
