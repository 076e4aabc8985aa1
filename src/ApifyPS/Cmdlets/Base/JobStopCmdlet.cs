using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// What Stop-ApifyBuild and Stop-ApifyRun share: jobs by id or from the pipeline, each aborted under ShouldProcess
    /// and written as the API answers (a job that already finished comes back unchanged). A derived cmdlet declares
    /// <see cref="Id"/> and its abort call.
    /// </summary>
    public abstract class JobStopCmdlet<TJob> : ApifyObjectCmdlet where TJob : ApifyResource, IApifyJob
    {
        protected const string IdSet = "ById";

        /// <summary>Job ids (declared by the derived cmdlet).</summary>
        public abstract string[] Id { get; set; }

        /// <summary>"Build" or "Run", for the confirmation.</summary>
        protected abstract string Noun { get; }

        /// <summary>The confirmation's action ("Abort").</summary>
        protected virtual string Action => "Abort";

        protected abstract Task<TJob> AbortAsync(string id, CancellationToken cancellationToken);

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id) Abort(id);
                return;
            }
            if (InputObject is TJob job) Abort(job.Id);
            else WriteUnsupportedInput(InputObject!, "a " + Noun.ToLowerInvariant());
        }

        private void Abort(string id)
        {
            if (!ShouldProcess($"{Noun} {id}", Action)) return;
            WriteAwaited(token => AbortAsync(id, token), id);
        }
    }
}
