using System;
using System.Collections;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Invoke-ApifyActor: runs an Actor synchronously (run-sync) and emits its OUTPUT record: JSON as objects, text
    /// as a string, anything else as bytes.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ApifyActor", DefaultParameterSetName = ActorSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PSObject), typeof(string), typeof(byte[]))]
    public sealed class InvokeApifyActorCommand : ApifyCmdlet
    {
        private const string ActorSet = "ByActor";
        private const string InputObjectSet = "ByInputObject";
        private ApifyInput? _input;
        private ApifyRunOptionsRequest _options = new ApifyRunOptionsRequest();

        /// <summary>An Actor id or username~name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ActorSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        /// <summary>An Actor from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        [Parameter(Position = 1)]
        [AllowNull]
        public object? Input { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InputFile { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContentType { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Build { get; set; }

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSecs { get; set; }

        [Parameter]
        [ValidateMemoryMbytes]
        public int MemoryMbytes { get; set; }

        [Parameter]
        [ValidateRange(0, long.MaxValue)]
        public long MaxItems { get; set; }

        [Parameter]
        [ValidateRange(0.0, double.MaxValue)]
        public double MaxTotalChargeUsd { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable[]? Webhook { get; set; }

        /// <summary>The key-value store record to return instead of OUTPUT.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputRecordKey { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var bound = MyInvocation.BoundParameters;
            _input = ActorInput.From(this, Input, bound.ContainsKey(nameof(Input)), InputFile, ContentType);
            _options = new ApifyRunOptionsRequest
            {
                Build = Build,
                TimeoutSecs = bound.ContainsKey(nameof(TimeoutSecs)) ? TimeoutSecs : (int?)null,
                MemoryMbytes = bound.ContainsKey(nameof(MemoryMbytes)) ? MemoryMbytes : (int?)null,
                MaxItems = bound.ContainsKey(nameof(MaxItems)) ? MaxItems : (long?)null,
                MaxTotalChargeUsd = bound.ContainsKey(nameof(MaxTotalChargeUsd)) ? MaxTotalChargeUsd : (double?)null,
                WebhooksJson = ActorInput.Webhooks(this, Webhook),
            };
        }

        protected override void ProcessRecord()
        {
            string actorId;
            if (ParameterSetName == ActorSet) actorId = Actor;
            else if (InputObject is ApifyActor actor) actorId = actor.Id.Length > 0 ? actor.Id : actor.FullName;
            else
            {
                WriteError(new ErrorRecord(new ArgumentException($"Invoke-ApifyActor does not take {InputObject!.GetType().Name} objects; pass an Actor."),
                    "UnsupportedInputObject", ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            if (!ShouldProcess($"Actor {actorId}", "Run synchronously")) return;
            ApifyActorOutput output;
            try
            {
                output = Await(Client.RunSyncAsync(actorId, _input, _options, OutputRecordKey, CancellationToken));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex);
                return;
            }
            WriteOutput(output);
        }

        private void WriteOutput(ApifyActorOutput output)
        {
            if (output.IsEmpty)
            {
                WriteVerbose($"The run stored no {OutputRecordKey ?? "OUTPUT"} record; nothing to write.");
                return;
            }
            RecordOutput.Write(this, output);
        }
    }
}
