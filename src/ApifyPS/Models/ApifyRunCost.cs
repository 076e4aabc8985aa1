namespace ApifyPS.Models
{
    /// <summary>
    /// The cost of a group of runs (Measure-ApifyRunCost): the group's key and name, how many runs, and their usage,
    /// compute units and run time summed. Runs whose usage is not known (another account's, or a list entry without
    /// it) are counted in <see cref="Runs"/> and in <see cref="RunsWithoutUsage"/>, and <see cref="IsIncomplete"/> says
    /// the sums leave them out.
    /// </summary>
    public sealed class ApifyRunCost
    {
        /// <summary>Actor, Task, Schedule, Origin or Day.</summary>
        public string By { get; set; } = "";

        /// <summary>The group's id (Actor, task or schedule id; the origin; the day as yyyy-MM-dd); empty for runs without one.</summary>
        public string Key { get; set; } = "";

        /// <summary>The Actor's username~name, the task's or schedule's name; null when it could not be read.</summary>
        public string? Name { get; set; }

        /// <summary>For -By Day: the day at 00:00 UTC.</summary>
        public DateTime? Date { get; set; }

        public int Runs { get; set; }

        public double UsageTotalUsd { get; set; }

        /// <summary>The compute units of the runs that report them (a run's full form: Get-ApifyRun -Id); null when none does.</summary>
        public double? ComputeUnits { get; set; }

        public double RunTimeSecs { get; set; }

        public int RunsWithoutUsage { get; set; }

        public bool IsIncomplete => RunsWithoutUsage > 0;

        public override string ToString() => (Name ?? Key) + ": " + UsageTotalUsd.ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture) + " USD";
    }
}
