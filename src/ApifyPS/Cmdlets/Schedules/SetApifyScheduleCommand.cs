using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Set-ApifySchedule: changes only what is given (name, cron expression, time zone, description, title, exclusivity,
    /// and the actions: -Actor / -Task / -Action replace them; -Input or run options alone change the one action there is).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ApifySchedule", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifySchedule))]
    public sealed class SetApifyScheduleCommand : RunOptionsCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ScheduleId")]
        [ValidatePathSegment("scheduleId")]
        public string Id { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NewName { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Cron { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Timezone { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? Description { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? Title { get; set; }

        [Parameter]
        public bool Exclusive { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string? Actor { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(ApifyTaskCompleter))]
        [ValidatePathSegment("actorTaskId")]
        public string? Task { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable[]? Action { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private ApifyBody _changes = new ApifyBody();
        private List<ApifyScheduleActionSpec>? _actions;
        private bool _changeTheAction;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var given = MyInvocation.BoundParameters;
            if (Cron != null && ApifyCron.ProblemOf(Cron) is string problem)
                ThrowTerminatingError(CmdletSupport.ParameterError($"-Cron: '{Cron}' is not a cron expression: {problem}.", "InvalidCronExpression"));
            if ((Actor != null ? 1 : 0) + (Task != null ? 1 : 0) + (Action != null ? 1 : 0) > 1)
                ThrowTerminatingError(CmdletSupport.ParameterError("Give one of -Actor, -Task or -Action.", "SeveralActionSources"));
            if (NewName != null) _changes.Set("name", NewName);
            if (Cron != null) _changes.Set("cronExpression", Cron.Trim());
            if (Timezone != null) _changes.Set("timezone", Timezone);
            if (given.ContainsKey(nameof(Description))) _changes.Set("description", string.IsNullOrEmpty(Description) ? null : Description);
            if (given.ContainsKey(nameof(Title))) _changes.Set("title", string.IsNullOrEmpty(Title) ? null : Title);
            if (given.ContainsKey(nameof(Exclusive))) _changes.Set("isExclusive", Exclusive);
            try
            {
                if (Action != null)
                {
                    if (ActorInputValue != null || TaskBodies.AnyGiven(RunOptions))
                        ThrowTerminatingError(CmdletSupport.ParameterError("With -Action, give each action's Input and run options in its hashtable.", "InputWithAction"));
                    _actions = ScheduleActionParameters.Many(this, Action);
                }
                else if (Actor != null || Task != null)
                    _actions = new List<ApifyScheduleActionSpec> { ScheduleActionParameters.One(Actor, Task, ActorInputValue, RunOptions) };
                else
                    _changeTheAction = ActorInputValue != null || TaskBodies.AnyGiven(RunOptions);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(CmdletSupport.ParameterError(ex.Message, "InvalidScheduleAction"));
            }
            if (_changes.Count == 0 && _actions == null && !_changeTheAction)
                ThrowTerminatingError(CmdletSupport.ParameterError(
                    "Nothing to change: give -NewName, -Cron, -Timezone, -Description, -Title, -Exclusive, -Actor, -Task, -Action, -Input or a run option.",
                    "NothingToChange"));
        }

        protected override void ProcessRecord()
        {
            string scheduleId;
            if (ParameterSetName == InputObjectSet)
            {
                if (!(InputObject is ApifySchedule schedule))
                {
                    WriteUnsupportedInput(InputObject!, "a schedule (Get-ApifySchedule)");
                    return;
                }
                scheduleId = schedule.Id;
            }
            else scheduleId = Id;
            var fields = _changes.Names.ToList();
            if (_actions != null || _changeTheAction) fields.Add("actions");
            if (!ShouldProcess(scheduleId, $"Update schedule ({string.Join(", ", fields)})")) return;
            var body = new ApifyBody();
            foreach (var pair in _changes) body.Set(pair.Key, pair.Value);
            var actions = _actions;
            if (_changeTheAction)
            {
                // -Input or run options alone: the one action the schedule has, with its target kept.
                if (!TryAwait(token => Client.Schedules.GetAsync(scheduleId, token), scheduleId, out var current)) return;
                if (current.Actions == null || current.Actions.Length != 1)
                {
                    WriteError(CmdletSupport.ParameterError(
                        $"Schedule {scheduleId} has {current.Actions?.Length ?? 0} actions: give -Actor, -Task or -Action to say which to run.", "AmbiguousScheduleAction"));
                    return;
                }
                var a = current.Actions[0];
                try
                {
                    actions = new List<ApifyScheduleActionSpec> { ScheduleActionParameters.One(a.ActorTaskId == null ? a.ActorId : null, a.ActorTaskId, ActorInputValue, RunOptions) };
                }
                catch (ArgumentException ex)
                {
                    WriteError(CmdletSupport.ParameterError(ex.Message, "InvalidScheduleAction"));
                    return;
                }
            }
            if (actions != null)
            {
                if (!TryAwait(token => Client.Schedules.BuildActionsAsync(actions, token), scheduleId, out var built)) return;
                body.Set("actions", built);
            }
            if (TryAwait(token => Client.Schedules.UpdateAsync(scheduleId, body, token), scheduleId, out var updated) && PassThru) WriteObject(updated);
        }
    }
}
