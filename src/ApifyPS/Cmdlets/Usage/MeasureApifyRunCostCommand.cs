using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Measure-ApifyRunCost: the cost roll-up of runs, one row per Actor, task, schedule, origin or day, over runs piped
    /// in (Get-ApifyRun ...) or, with -StartedAfter/-StartedBefore, the account's runs of that window. Names are read
    /// once per group; runs without usage are counted and flagged (RunsWithoutUsage, IsIncomplete).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "ApifyRunCost", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ApifyRunCost))]
    public sealed class MeasureApifyRunCostCommand : ApifyObjectCmdlet
    {
        private const string ListSet = "List";

        private RunCostRollup? _rollup;

        [Parameter(Mandatory = true, Position = 0)]
        public ApifyRunCostGroup By { get; set; }

        /// <summary>A run (Get-ApifyRun): piped runs are what is measured.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public override ApifyResource? InputObject { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime StartedAfter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public DateTime StartedBefore { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _rollup = new RunCostRollup(By);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != InputObjectSet) return;
            if (InputObject is ApifyRun run) _rollup!.Add(run);
            else WriteUnsupportedInput(InputObject!, "a run (Get-ApifyRun)");
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == ListSet)
            {
                var filter = new ApifyJobFilter();
                if (MyInvocation.BoundParameters.ContainsKey(nameof(StartedAfter))) filter.StartedAfter = StartedAfter;
                if (MyInvocation.BoundParameters.ContainsKey(nameof(StartedBefore))) filter.StartedBefore = StartedBefore;
                if (!TryAwait(token => _rollup!.AddAllAsync(Client.Runs.ListAsync(null, new PageRequest(), filter, token), token), null)) return;
            }
            if (!TryAwait(token => _rollup!.ResolveNamesAsync(_rollup.NameReader(Client), token), null)) return;
            var groups = By == ApifyRunCostGroup.Day ? _rollup!.Groups.OrderBy(g => g.Date).ToList() : _rollup!.Groups.ToList();
            foreach (var group in groups) WriteObject(group);
            var incomplete = groups.Sum(g => g.RunsWithoutUsage);
            if (incomplete > 0)
                WriteWarning($"{incomplete} run(s) have no usage this account can see: they are counted in Runs and RunsWithoutUsage, not in UsageTotalUsd.");
        }
    }
}
