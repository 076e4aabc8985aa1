using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyRecordKey: the keys of a key-value store (a run's default store), paged by key and streamed.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRecordKey", DefaultParameterSetName = StoreSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyKeyValueStoreKey))]
    public sealed class GetApifyRecordKeyCommand : ApifyObjectCmdlet
    {
        private const string StoreSet = "ByStore";
        private const string RunSet = "ByRun";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StoreSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DefaultKeyValueStoreId")]
        [ValidatePathSegment("storeId")]
        public string StoreId { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = RunSet, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("runId")]
        public string RunId { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Prefix { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ExclusiveStartKey { get; set; }

        [Parameter]
        [ValidateRange(1, ApifyPageLimits.MaxKeyPageSize)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            // The keys list has no total to report.
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(0, 0.0));
            var paging = new KeyPageRequest
            {
                ExclusiveStartKey = ExclusiveStartKey,
                Skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue),
                First = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue),
                PageSize = PageSize > 0 ? PageSize : (int?)null,
            };
            switch (ParameterSetName)
            {
                case RunSet:
                    WriteStream(token => Client.KeyValueStores.ListKeysOfRunAsync(RunId, null, paging, Prefix, token), RunId);
                    break;
                case InputObjectSet:
                    if (InputObject is ApifyRun run)
                        WriteStream(token => Client.KeyValueStores.ListKeysOfRunAsync(run.Id, run, paging, Prefix, token), run.Id);
                    else
                        WriteUnsupportedInput(InputObject!, "a run");
                    break;
                default:
                    WriteStream(token => Client.KeyValueStores.ListKeysAsync(StoreId, paging, Prefix, token), StoreId);
                    break;
            }
        }
    }
}
