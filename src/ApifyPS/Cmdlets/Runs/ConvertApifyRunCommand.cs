using System;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Convert-ApifyRun: metamorphs a running run into a run of another Actor (same run id and default storages,
    /// new input). Convert is the approved verb for changing something from one form into another; see the help.
    /// </summary>
    [Cmdlet(VerbsData.Convert, "ApifyRun", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyRun))]
    public sealed class ConvertApifyRunCommand : ApifyCmdlet
    {
        private const string IdSet = "ById";
        private const string InputObjectSet = "ByInputObject";
        private ApifyInput? _input;

        /// <summary>The run to metamorph.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("runId")]
        public string Id { get; set; } = "";

        /// <summary>A run from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>The Actor the run becomes: its id (or username~name).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("TargetActorId")]
        [ValidateNotNullOrEmpty]
        public string TargetActor { get; set; } = "";

        /// <summary>The target Actor's build tag or number; by default its default build (typically latest).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Build { get; set; }

        /// <summary>The input the target Actor gets (stored as INPUT-METAMORPH-n).</summary>
        [Parameter(Position = 2)]
        [AllowNull]
        public object? Input { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InputFile { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContentType { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _input = ActorInput.From(this, Input, MyInvocation.BoundParameters.ContainsKey(nameof(Input)), InputFile, ContentType);
        }

        protected override void ProcessRecord()
        {
            string runId;
            if (ParameterSetName == IdSet) runId = Id;
            else if (InputObject is ApifyRun run) runId = run.Id;
            else
            {
                WriteError(new ErrorRecord(new ArgumentException($"Convert-ApifyRun does not take {InputObject!.GetType().Name} objects; pass a run."),
                    "UnsupportedInputObject", ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            if (!ShouldProcess($"Run {runId}", $"Metamorph into Actor {TargetActor}" + (Build != null ? $" (build {Build})" : ""))) return;
            try
            {
                WriteObject(Await(Client.MetamorphRunAsync(runId, TargetActor, Build, _input, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, runId);
            }
        }
    }
}
