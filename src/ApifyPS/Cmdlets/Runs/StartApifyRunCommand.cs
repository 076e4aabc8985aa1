using System;
using System.Collections;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Start-ApifyRun: starts an Actor run with an input and options, optionally waiting for it.</summary>
    [Cmdlet(VerbsLifecycle.Start, "ApifyRun", DefaultParameterSetName = ActorSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyRun))]
    public sealed class StartApifyRunCommand : ApifyJobCmdlet
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

        /// <summary>The run's input: an object or hashtable (sent as JSON), a string (sent as given) or bytes.</summary>
        [Parameter(Position = 1)]
        [AllowNull]
        public object? Input { get; set; }

        /// <summary>A file whose content is the input.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InputFile { get; set; }

        /// <summary>The input's content type (default application/json; for files, from the extension).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContentType { get; set; }

        /// <summary>A build tag (latest, beta) or build number (0.1.23).</summary>
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

        /// <summary>Ad-hoc webhooks: hashtables with eventTypes and requestUrl (and optional payloadTemplate, ...).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable[]? Webhook { get; set; }

        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: give up after this many seconds (the run goes on). Implies -Wait.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        /// <summary>With -Wait: the run's log to the Information stream while waiting. Implies -Wait.</summary>
        [Parameter]
        public SwitchParameter ShowLog { get; set; }
        /// <summary>
        /// When the platform refuses the start for now (actor-memory-limit-exceeded, concurrent-runs-limit-exceeded),
        /// keep trying with backoff instead of failing (for up to -CapacityTimeout seconds, 10 minutes by default).
        /// </summary>
        [Parameter]
        public SwitchParameter WaitForCapacity { get; set; }

        /// <summary>How long -WaitForCapacity keeps trying, in seconds. Implies -WaitForCapacity.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int CapacityTimeout { get; set; }

        private const int DefaultCapacityTimeoutSeconds = 600;

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
                CapacityWait = bound.ContainsKey(nameof(CapacityTimeout)) ? TimeSpan.FromSeconds(CapacityTimeout)
                    : WaitForCapacity ? TimeSpan.FromSeconds(DefaultCapacityTimeoutSeconds)
                    : (TimeSpan?)null,
            };
        }

        protected override void ProcessRecord()
        {
            string actorId;
            if (ParameterSetName == ActorSet) actorId = Actor;
            else if (InputObject is ApifyActor actor) actorId = actor.Id.Length > 0 ? actor.Id : actor.FullName;
            else
            {
                WriteUnsupportedInput(InputObject!, "an Actor");
                return;
            }
            if (!ShouldProcess($"Actor {actorId}" + (Build != null ? $", build {Build}" : ""), "Start run")) return;
            try
            {
                var started = Await(Client.StartRunAsync(actorId, _input, _options, CancellationToken));
                var timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : (TimeSpan?)null;
                if (!Wait && timeout == null && !ShowLog)
                {
                    WriteObject(started);
                    return;
                }
                WriteWaitResult("run", Await(Client.WaitForRunAsync(started.Id, WaitOptions(timeout, ShowLog), started, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, actorId);
            }
        }
    }
}
