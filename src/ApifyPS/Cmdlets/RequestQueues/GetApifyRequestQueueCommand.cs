using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyRequestQueue: your request queues (the named ones, or all with -Unnamed), paged lazily, or request queues by id or
    /// username~name, or a run's default one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRequestQueue", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyRequestQueue))]
    public sealed class GetApifyRequestQueueCommand : StorageGetCmdlet<ApifyRequestQueue>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("QueueId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("queueId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        protected override IStorageClient<ApifyRequestQueue> Storages => Client.RequestQueues;

        protected override string? DefaultStorageOf(ApifyRun run) => run.DefaultRequestQueueId;

        protected override string AcceptedInput => "a request queue or a run";
    }
}
