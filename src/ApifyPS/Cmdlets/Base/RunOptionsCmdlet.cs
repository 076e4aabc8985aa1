using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// The options of a run that a run start takes and a task keeps: -Build, -TimeoutSecs, -MemoryMbytes, -MaxItems,
    /// -MaxTotalChargeUsd (each sent only when given, so the Actor's or task's own default stays otherwise).
    /// </summary>
    public abstract class RunOptionsCmdlet : ActorInputCmdlet
    {
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

        /// <summary>The run options given, made in BeginProcessing.</summary>
        protected ApifyRunOptionsRequest RunOptions { get; private set; } = new ApifyRunOptionsRequest();

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var bound = MyInvocation.BoundParameters;
            RunOptions = new ApifyRunOptionsRequest
            {
                Build = Build,
                TimeoutSecs = bound.ContainsKey(nameof(TimeoutSecs)) ? TimeoutSecs : (int?)null,
                MemoryMbytes = bound.ContainsKey(nameof(MemoryMbytes)) ? MemoryMbytes : (int?)null,
                MaxItems = bound.ContainsKey(nameof(MaxItems)) ? MaxItems : (long?)null,
                MaxTotalChargeUsd = bound.ContainsKey(nameof(MaxTotalChargeUsd)) ? MaxTotalChargeUsd : (double?)null,
            };
        }
    }
}
