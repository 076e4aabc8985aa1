using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Resume-ApifyRun: resurrects finished runs (FAILED, ABORTED, TIMED-OUT, SUCCEEDED): each runs again with the same
    /// id and storages, optionally with another build, timeout or memory. A resurrect is never repeated after an
    /// ambiguous failure.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "ApifyRun", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyRun))]
    public sealed class ResumeApifyRunCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";
        private ApifyRunOptionsRequest _options = new ApifyRunOptionsRequest();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RunId")]
        [ValidatePathSegment("runId")]
        public string[] Id { get; set; } = Array.Empty<string>();

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

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _options = new ApifyRunOptionsRequest
            {
                Build = Build,
                TimeoutSecs = Given(nameof(TimeoutSecs), TimeoutSecs),
                MemoryMbytes = Given(nameof(MemoryMbytes), MemoryMbytes),
                MaxItems = MyInvocation.BoundParameters.ContainsKey(nameof(MaxItems)) ? MaxItems : (long?)null,
                MaxTotalChargeUsd = MyInvocation.BoundParameters.ContainsKey(nameof(MaxTotalChargeUsd)) ? MaxTotalChargeUsd : (double?)null,
            };
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) Resurrect(id);
                return;
            }
            if (InputObject is ApifyRun run) Resurrect(run.Id);
            else WriteUnsupportedInput(InputObject!, "a run");
        }

        private void Resurrect(string id)
        {
            if (!ShouldProcess($"Run {id}", "Resurrect")) return;
            WriteAwaited(token => Client.Runs.ResurrectAsync(id, _options, token), id);
        }
    }
}
