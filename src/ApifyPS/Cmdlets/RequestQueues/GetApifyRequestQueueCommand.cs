using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyRequestQueue: your request queues (the named ones, or all with -Unnamed), paged lazily, or request queues by id or
    /// username~name, or a run's default one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRequestQueue", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyRequestQueue))]
    public sealed class GetApifyRequestQueueCommand : ApifyObjectCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("QueueId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("queueId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Unnamed { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    foreach (var id in Id) WriteAwaited(token => Client.RequestQueues.GetAsync(id, token), id);
                    break;
                case InputObjectSet:
                    var storageId = InputObject switch
                    {
                        ApifyRequestQueue s => s.Id,
                        ApifyRun run => run.DefaultRequestQueueId,
                        _ => null,
                    };
                    if (string.IsNullOrEmpty(storageId)) WriteUnsupportedInput(InputObject!, "a request queue or a run");
                    else WriteAwaited(token => Client.RequestQueues.GetAsync(storageId!, token), storageId);
                    break;
                default:
                    var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
                    WriteStream(token => Client.RequestQueues.ListAsync(Unnamed, paging, token), null);
                    break;
            }
        }
    }
}
