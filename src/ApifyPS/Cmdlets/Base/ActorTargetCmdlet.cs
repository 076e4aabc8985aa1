using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// A cmdlet about one Actor: -Actor (an id or username~name, the first position, from the pipeline by value or by
    /// an ActorId property, completed by Tab), or an Actor piped in as -InputObject (<see cref="ActorOf"/>).
    /// </summary>
    public abstract class ActorTargetCmdlet : ApifyObjectCmdlet
    {
        protected const string ActorSet = "ByActor";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>The Actor: -Actor, or a piped Actor; null, with the error written, for another piped object.</summary>
        protected string? ActorOf(string accepted = "an Actor") => ActorOf(ParameterSetName == ActorSet, Actor, InputObject, accepted);
    }
}
