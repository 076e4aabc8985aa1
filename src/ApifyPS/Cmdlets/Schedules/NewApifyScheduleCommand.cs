using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// New-ApifySchedule: a schedule that starts an Actor (-Actor, with -Input and run options), a task (-Task, with
    /// an input override) or several (-Action) at the times of a cron expression in a time zone. A cron expression
    /// that is not 5 or 6 fields or a macro, and an action without an Actor or task, are refused before any request.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ApifySchedule", DefaultParameterSetName = ActorSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifySchedule))]
    public sealed class NewApifyScheduleCommand : RunOptionsCmdlet
    {
        private const string ActorSet = "ByActor";
        private const string TaskSet = "ByTask";
        private const string ActionSet = "ByAction";

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Cron { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Timezone { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string? Actor { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TaskSet, ValueFromPipelineByPropertyName = true)]
        [Alias("TaskId")]
        [ArgumentCompleter(typeof(ApifyTaskCompleter))]
        [ValidatePathSegment("actorTaskId")]
        public string? Task { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ActionSet)]
        [ValidateNotNullOrEmpty]
        public Hashtable[]? Action { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string? Description { get; set; }

        [Parameter]
        [ValidateNotNull]
        public string? Title { get; set; }

        [Parameter]
        public SwitchParameter Disabled { get; set; }

        [Parameter]
        public SwitchParameter Exclusive { get; set; }

        private List<ApifyScheduleActionSpec>? _actions;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ApifyCron.ProblemOf(Cron) is string problem)
                ThrowTerminatingError(CmdletSupport.ParameterError($"-Cron: '{Cron}' is not a cron expression: {problem}.", "InvalidCronExpression"));
            if (ParameterSetName == ActionSet)
            {
                if (ActorInputValue != null || TaskBodies.AnyGiven(RunOptions))
                    ThrowTerminatingError(CmdletSupport.ParameterError("With -Action, give each action's Input and run options in its hashtable.", "InputWithAction"));
                _actions = ScheduleActionParameters.Many(this, Action!);
            }
        }

        protected override void ProcessRecord()
        {
            List<ApifyScheduleActionSpec> actions;
            try
            {
                actions = _actions ?? new List<ApifyScheduleActionSpec>
                {
                    ParameterSetName == InputObjectSet
                        ? InputObject switch
                        {
                            ApifyActor a => ScheduleActionParameters.One(a.Id, null, ActorInputValue, RunOptions),
                            ApifyTask t => ScheduleActionParameters.One(null, t.Id, ActorInputValue, RunOptions),
                            _ => null!,
                        }
                        : ScheduleActionParameters.One(Actor, Task, ActorInputValue, RunOptions),
                };
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(CmdletSupport.ParameterError(ex.Message, "InvalidScheduleAction"));
                return;
            }
            if (actions[0] == null)
            {
                WriteUnsupportedInput(InputObject!, "an Actor or a task");
                return;
            }
            if (!ShouldProcess($"{Name} ({Cron}{(Timezone != null ? " " + Timezone : "")})", "Create schedule")) return;
            if (!TryAwait(token => Client.Schedules.BuildActionsAsync(actions, token), Name, out var built)) return;
            var body = new ApifyBody().Set("name", Name).Set("cronExpression", Cron.Trim());
            if (Timezone != null) body.Set("timezone", Timezone);
            body.Set("isEnabled", !Disabled.IsPresent);
            if (Exclusive.IsPresent) body.Set("isExclusive", true);
            if (Description != null) body.Set("description", Description);
            if (Title != null) body.Set("title", Title);
            body.Set("actions", built);
            WriteAwaited(token => Client.Schedules.CreateAsync(body, token), Name);
        }
    }
}
