using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// An input for an Actor (a run's INPUT, a metamorph's, a task's override): -Input (an object or hashtable sent as
    /// JSON, a string sent as given, bytes), -InputFile, -ContentType; checked in BeginProcessing, before any request.
    /// </summary>
    public abstract class ActorInputCmdlet : ApifyObjectCmdlet
    {
        [Parameter(Position = 1)]
        [AllowNull]
        public virtual object? Input { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InputFile { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContentType { get; set; }

        /// <summary>The input given, or null when none was.</summary>
        protected ApifyInput? ActorInputValue { get; private set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            ActorInputValue = ActorInput.From(this, Input, MyInvocation.BoundParameters.ContainsKey(nameof(Input)), InputFile, ContentType);
        }
    }
}
