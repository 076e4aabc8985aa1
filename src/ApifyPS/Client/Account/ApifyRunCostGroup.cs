namespace ApifyPS.Client
{
    /// <summary>What Measure-ApifyRunCost groups runs by.</summary>
    public enum ApifyRunCostGroup
    {
        /// <summary>The Actor that was run (its id; named username~name).</summary>
        Actor,
        /// <summary>The Actor task the run was started from (runs without one form one group with an empty key).</summary>
        Task,
        /// <summary>The schedule that started the run (meta.scheduleId).</summary>
        Schedule,
        /// <summary>How the run was started: API, WEB, SCHEDULER, WEBHOOK, ...</summary>
        Origin,
        /// <summary>The UTC day the run started.</summary>
        Day,
    }
}
