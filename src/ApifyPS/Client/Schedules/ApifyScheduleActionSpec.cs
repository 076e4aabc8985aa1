namespace ApifyPS.Client
{
    /// <summary>
    /// One action of a schedule as the user gives it: an Actor (id or username~name) with its input and run options,
    /// or a task (id or username~name) with an input override. <see cref="SchedulesClient.BuildActionsAsync"/> makes
    /// the API's ScheduleCreateAction of it.
    /// </summary>
    public sealed class ApifyScheduleActionSpec
    {
        public string? Actor { get; set; }

        public string? Task { get; set; }

        /// <summary>The run's input (an Actor's: any content type; a task's override: a JSON object).</summary>
        public ApifyInput? Input { get; set; }

        /// <summary>An Actor action's run options (build, timeoutSecs, memoryMbytes, maxItems, maxTotalChargeUsd).</summary>
        public ApifyBody? RunOptions { get; set; }

        /// <summary>Where the action came from, for messages ("-Action[2]").</summary>
        public string Where { get; set; } = "the action";
    }
}
