namespace ApifyPS.Models
{
    /// <summary>
    /// One row of Sync-ApifySchedule's plan: a schedule of the file (or, with -Prune, one that is not in it), what
    /// the sync does to it (Create, Update, Remove, Unchanged) and the fields that differ, each "Field: old -> new".
    /// </summary>
    public sealed class ApifyScheduleSyncRow
    {
        public string Name { get; set; } = "";

        /// <summary>Create, Update, Remove or Unchanged.</summary>
        public string Action { get; set; } = "";

        /// <summary>The fields that differ, each "Field: old -> new".</summary>
        public string[] Changes { get; set; } = Array.Empty<string>();

        /// <summary>The schedule's id (null for one still to be created, until it is).</summary>
        public string? ScheduleId { get; set; }

        /// <summary>The body a Create or Update sends.</summary>
        internal ApifyPS.Client.ApifyBody? Body { get; set; }

        public override string ToString() => $"{Action} {Name}";
    }
}
