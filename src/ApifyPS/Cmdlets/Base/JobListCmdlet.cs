using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// What Get-ApifyBuild and Get-ApifyRun share: the user's jobs, one Actor's, or jobs by id or from the pipeline, with
    /// the list parameters (-Status, -StartedAfter, -StartedBefore, -Descending, -PageSize, PowerShell's paging).
    /// A derived cmdlet declares <see cref="Id"/> (its alias and path segment), its calls into the core and what it
    /// makes of a piped object. The list parameters are virtual so a cmdlet with a further list set (runs of a task)
    /// can add it to their sets.
    /// </summary>
    public abstract class JobListCmdlet<TJob> : ApifyObjectCmdlet where TJob : ApifyResource, IApifyJob
    {
        protected const string ListSet = "List";
        protected const string ActorSet = "ByActor";
        protected const string IdSet = "ById";

        /// <summary>Job ids (declared by the derived cmdlet: <c>[Parameter(Mandatory, Position = 0, ParameterSetName = IdSet, ...)]</c>).</summary>
        public abstract string[] Id { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ActorSet, ValueFromPipelineByPropertyName = true)]
        [Alias("ActorId")]
        [ArgumentCompleter(typeof(ApifyActorCompleter))]
        [ValidatePathSegment("actorId")]
        public string Actor { get; set; } = "";

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateSet("READY", "RUNNING", "SUCCEEDED", "FAILED", "TIMING-OUT", "TIMED-OUT", "ABORTING", "ABORTED")]
        [ArgumentCompleter(typeof(ApifyJobStatusCompleter))]
        public virtual string[]? Status { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public virtual DateTime StartedAfter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public virtual DateTime StartedBefore { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        public virtual SwitchParameter Descending { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = ActorSet)]
        [Parameter(ParameterSetName = InputObjectSet)]
        [ValidateRange(1, ApifyPageLimits.MaxPageSize)]
        public virtual int PageSize { get; set; }

        /// <summary>The statuses and time window given.</summary>
        protected ApifyJobFilter Filter => new ApifyJobFilter
        {
            Statuses = Status?.Select(s => s.ToUpperInvariant()).Distinct().ToArray(),
            StartedAfter = MyInvocation.BoundParameters.ContainsKey(nameof(StartedAfter)) ? StartedAfter : (DateTime?)null,
            StartedBefore = MyInvocation.BoundParameters.ContainsKey(nameof(StartedBefore)) ? StartedBefore : (DateTime?)null,
        };

        /// <summary>One job by id (<c>GET /v2/actor-builds/{id}</c>, ...).</summary>
        protected abstract Task<TJob> GetAsync(string id, CancellationToken cancellationToken);

        /// <summary>The user's jobs (<paramref name="actorId"/> null) or one Actor's, with the filter given.</summary>
        protected abstract IAsyncEnumerable<TJob> ListAsync(string? actorId, PageRequest paging, ApifyJobFilter filter, CancellationToken cancellationToken);

        /// <summary>Whether the server's total is exact for this filter (false when the client filters the list).</summary>
        protected virtual bool TotalIsExact(ApifyJobFilter filter) => true;

        /// <summary>A piped ApifyPS object: read a job again (<see cref="WriteJob"/>), list an Actor's (<see cref="WriteList"/>), or refuse it.</summary>
        protected abstract void ProcessInputObject(ApifyResource input);

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var id in Id) WriteJob(id, null);
                    break;
                case ActorSet:
                    WriteList(Actor);
                    break;
                case InputObjectSet:
                    ProcessInputObject(InputObject!);
                    break;
                default:
                    ProcessOtherSet();
                    break;
            }
        }

        /// <summary>The list of every job of the user, or a further set of the derived cmdlet.</summary>
        protected virtual void ProcessOtherSet() => WriteList(null);

        /// <summary>Writes one job (when it matches <paramref name="filter"/>), or its error.</summary>
        protected void WriteJob(string id, ApifyJobFilter? filter)
        {
            if (TryAwait(token => GetAsync(id, token), id, out var job) && (filter == null || filter.Matches(job))) WriteObject(job);
        }

        /// <summary>Streams a list of jobs with the paging and filter given.</summary>
        protected void WriteList(string? actorId)
        {
            var filter = Filter;
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending, exactTotal: TotalIsExact(filter));
            WriteStream(token => ListAsync(actorId, paging, filter, token), actorId);
        }

        /// <summary>An Actor's id for a request: its id, or username~name when the object has no id.</summary>
        protected static string ActorIdOf(ApifyActor actor) => actor.Id.Length > 0 ? actor.Id : actor.FullName;
    }
}
