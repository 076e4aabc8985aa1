using System.Diagnostics;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// What Wait-ApifyBuild and Wait-ApifyRun share: jobs by id or from the pipeline, waited for by the server's long
    /// poll, each final job written as it ends (with its error when it ended badly); -Timeout bounds the whole command.
    /// A derived cmdlet declares <see cref="Id"/> (its alias and path segment) and its wait call.
    /// </summary>
    public abstract class JobWaitCmdlet<TJob> : ApifyObjectCmdlet where TJob : ApifyResource, IApifyJob
    {
        protected const string IdSet = "ById";
        private Stopwatch _clock = new Stopwatch();

        /// <summary>Job ids (declared by the derived cmdlet).</summary>
        public abstract string[] Id { get; set; }

        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        [Parameter]
        public SwitchParameter ShowLog { get; set; }

        /// <summary>"build" or "run".</summary>
        protected abstract string Kind { get; }

        protected abstract Task<ApifyWaitResult<TJob>> WaitAsync(string id, ApifyWaitOptions options, CancellationToken cancellationToken);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _clock = Stopwatch.StartNew();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) WaitFor(id);
                return;
            }
            if (InputObject is TJob job) WaitFor(job.Id);
            else WriteUnsupportedInput(InputObject!, "a " + Kind);
        }

        private void WaitFor(string id)
        {
            // -Timeout bounds the whole command: each job gets what is left of it.
            var remaining = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout))
                ? TimeSpan.FromSeconds(Timeout) - _clock.Elapsed
                : (TimeSpan?)null;
            if (remaining < TimeSpan.Zero) remaining = TimeSpan.Zero;
            if (TryAwait(token => WaitAsync(id, WaitOptions(remaining, ShowLog), token), id, out var result)) WriteWaitResult(Kind, result);
        }
    }
}
