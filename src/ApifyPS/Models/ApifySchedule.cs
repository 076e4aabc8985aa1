using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// A schedule: a cron expression in a time zone and the Actors or tasks it starts (GET /v2/schedules/{scheduleId},
    /// or an entry of GET /v2/schedules). Piped into other cmdlets it stands for "this schedule" (enable, disable,
    /// change, remove it, its log): they take it as -InputObject. List entries are the short form (actions without
    /// their input and options).
    /// </summary>
    public sealed class ApifySchedule : ApifyResource
    {
        public string? UserId { get; set; }

        public string Name { get; set; } = "";

        /// <summary>When it fires: 5 fields (minute hour day month weekday), 6 with seconds, or a macro (@daily).</summary>
        public string CronExpression { get; set; } = "";

        /// <summary>The IANA time zone the cron expression is read in (UTC, Europe/Prague, ...).</summary>
        public string Timezone { get; set; } = "UTC";

        public bool IsEnabled { get; set; }

        /// <summary>True: it does not start an action whose previous run is still going.</summary>
        public bool IsExclusive { get; set; }

        public DateTime? CreatedAt { get; set; }

        public DateTime? ModifiedAt { get; set; }

        /// <summary>When it fires next, in UTC (null while disabled).</summary>
        public DateTime? NextRunAt { get; set; }

        /// <summary>When it last fired, in UTC.</summary>
        public DateTime? LastRunAt { get; set; }

        public string? Description { get; set; }

        public string? Title { get; set; }

        public ApifyScheduleAction[]? Actions { get; set; }

        /// <summary>The schedule's id under the name other cmdlets bind by.</summary>
        [JsonIgnore]
        public string ScheduleId => Id;

        /// <summary>What it runs, one line: "Actor abc, task def".</summary>
        [JsonIgnore]
        public string ActionSummary => Actions == null ? "" : string.Join(", ", Actions.Select(a => a.ToString()));

        public override string ToString() => Name.Length > 0 ? Name : Id;
    }

    /// <summary>One action of a schedule: RUN_ACTOR (an Actor, its input and run options) or RUN_ACTOR_TASK (a task and an input override).</summary>
    public sealed class ApifyScheduleAction
    {
        public string? Id { get; set; }

        /// <summary>RUN_ACTOR or RUN_ACTOR_TASK.</summary>
        public string? Type { get; set; }

        public string? ActorId { get; set; }

        public string? ActorTaskId { get; set; }

        /// <summary>The input of a RUN_ACTOR action: its body (text) and content type.</summary>
        public ApifyScheduleRunInput? RunInput { get; set; }

        /// <summary>The run options of a RUN_ACTOR action.</summary>
        public ApifyTaskOptions? RunOptions { get; set; }

        /// <summary>The input override of a RUN_ACTOR_TASK action (a JSON object).</summary>
        public JsonElement? Input { get; set; }

        public override string ToString() => ActorTaskId != null ? "task " + ActorTaskId : ActorId != null ? "Actor " + ActorId : Type ?? "";
    }

    public sealed class ApifyScheduleRunInput
    {
        public string? Body { get; set; }
        public string? ContentType { get; set; }

        public override string ToString() => Body ?? "";
    }
}
