using System.Text.Json;
using System.Text.Json.Serialization;

namespace ApifyPS.Models
{
    /// <summary>
    /// An Actor task: an Actor with a saved input and run options (GET /v2/actor-tasks/{actorTaskId}, or an entry of
    /// GET /v2/actor-tasks). Piped into other cmdlets it stands for "this task" (start it, its runs, change it, remove
    /// it): they take it as -InputObject. List entries are the API's short form (no options or input).
    /// </summary>
    public sealed class ApifyTask : ApifyResource
    {
        public string? UserId { get; set; }

        /// <summary>The id of the Actor the task runs (the API's <c>actId</c>).</summary>
        [JsonPropertyName("actId")]
        public string? ActorId { get; set; }

        /// <summary>The Actor's name (list entries only; the API's <c>actName</c>).</summary>
        [JsonPropertyName("actName")]
        public string? ActorName { get; set; }

        /// <summary>The Actor owner's username (list entries only; the API's <c>actUsername</c>).</summary>
        [JsonPropertyName("actUsername")]
        public string? ActorUsername { get; set; }

        public string Name { get; set; } = "";

        /// <summary>The task owner's username.</summary>
        public string? Username { get; set; }

        public string? Title { get; set; }

        public DateTime? CreatedAt { get; set; }

        public DateTime? ModifiedAt { get; set; }

        public ApifyTaskStats? Stats { get; set; }

        /// <summary>The run options the task keeps (full form only).</summary>
        public ApifyTaskOptions? Options { get; set; }

        /// <summary>The saved input as the API sent it (full form only); <see cref="InputJson"/> is its text.</summary>
        public JsonElement? Input { get; set; }

        /// <summary><c>username~name</c>: how the API (and every -Task parameter) accepts it besides the id.</summary>
        [JsonIgnore]
        public string FullName => string.IsNullOrEmpty(Username) ? Name : Username + "~" + Name;

        /// <summary>The Actor as username~name when the list entry names it, else its id.</summary>
        [JsonIgnore]
        public string? Actor => !string.IsNullOrEmpty(ActorName) ? (string.IsNullOrEmpty(ActorUsername) ? ActorName : ActorUsername + "~" + ActorName) : ActorId;

        /// <summary>The saved input as JSON text (full form only).</summary>
        [JsonIgnore]
        public string? InputJson => Input is JsonElement e && e.ValueKind != JsonValueKind.Null && e.ValueKind != JsonValueKind.Undefined ? e.GetRawText() : null;

        /// <summary>The task's id under the name other cmdlets bind by (Start-ApifyTask -TaskId, Get-ApifyRun -TaskId).</summary>
        [JsonIgnore]
        public string TaskId => Id;

        /// <summary>How many times the task ran.</summary>
        [JsonIgnore]
        public long? TotalRuns => Stats?.TotalRuns;

        public override string ToString() => FullName.Length > 0 ? FullName : Id;
    }

    public sealed class ApifyTaskStats
    {
        public long? TotalRuns { get; set; }

        public override string ToString() => (TotalRuns ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) + " runs";
    }

    /// <summary>The run options a task (or a schedule's Actor action) keeps; null leaves the Actor's default.</summary>
    public sealed class ApifyTaskOptions
    {
        public string? Build { get; set; }
        public int? TimeoutSecs { get; set; }
        public int? MemoryMbytes { get; set; }
        public long? MaxItems { get; set; }
        public double? MaxTotalChargeUsd { get; set; }
        public bool? RestartOnError { get; set; }

        public override string ToString()
        {
            var parts = new List<string>();
            if (Build != null) parts.Add("build " + Build);
            if (MemoryMbytes != null) parts.Add(MemoryMbytes + " MB");
            if (TimeoutSecs != null) parts.Add("timeout " + TimeoutSecs + " s");
            if (MaxItems != null) parts.Add("max " + MaxItems + " items");
            if (MaxTotalChargeUsd != null) parts.Add("max $" + MaxTotalChargeUsd.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return string.Join(", ", parts);
        }
    }
}
