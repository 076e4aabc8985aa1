using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyQueueRequest: the requests of a request queue, paged lazily, or one request by id.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyQueueRequest", DefaultParameterSetName = QueueSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyQueueRequest))]
    public sealed class GetApifyQueueRequestCommand : ApifyObjectCmdlet
    {
        private const string QueueSet = "ByQueue";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = QueueSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DefaultRequestQueueId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("queueId")]
        public string QueueId { get; set; } = "";

        /// <summary>One request of the queue by its id.</summary>
        [Parameter(ParameterSetName = QueueSet)]
        [Alias("RequestId")]
        [ValidatePathSegment("requestId")]
        public string[]? Id { get; set; }

        [Parameter]
        [ValidateRange(1, 10000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            string queueId;
            if (ParameterSetName == InputObjectSet)
            {
                var id = InputObject switch
                {
                    ApifyRequestQueue q => q.Id,
                    ApifyRun run => run.DefaultRequestQueueId,
                    _ => null,
                };
                if (string.IsNullOrEmpty(id))
                {
                    WriteUnsupportedInput(InputObject!, "a request queue or a run");
                    return;
                }
                queueId = id!;
            }
            else queueId = QueueId;
            if (Id != null)
            {
                foreach (var requestId in Id) WriteAwaited(token => Client.RequestQueues.GetRequestAsync(queueId, requestId, token), requestId);
                return;
            }
            // The requests list has no total: say so, as PowerShell's paging does for an unknown total.
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            var first = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue);
            var skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue);
            WriteStream(token => Client.RequestQueues.ListRequestsAsync(queueId, skip, first, PageSize > 0 ? PageSize : (int?)null, token), queueId);
        }
    }
}
