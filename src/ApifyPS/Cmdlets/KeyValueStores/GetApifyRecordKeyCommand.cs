using System;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyRecordKey: the keys of a key-value store (a run's default store), paged by key and streamed.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRecordKey", DefaultParameterSetName = StoreSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyKeyValueStoreKey))]
    public sealed class GetApifyRecordKeyCommand : ApifyCmdlet
    {
        private const string StoreSet = "ByStore";
        private const string RunSet = "ByRun";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>A key-value store id or username~store-name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StoreSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DefaultKeyValueStoreId")]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("storeId")]
        public string StoreId { get; set; } = "";

        /// <summary>A run id: its default key-value store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RunSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("runId")]
        public string RunId { get; set; } = "";

        /// <summary>A run from the pipeline: its default key-value store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>Only keys that start with this.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Prefix { get; set; }

        /// <summary>Start after this key (keys are in UTF-8 byte order).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ExclusiveStartKey { get; set; }

        /// <summary>Keys per request, 1 to 1000 (default: the server's, 1000).</summary>
        [Parameter]
        [ValidateRange(1, ApifyClient.MaxKeyPageSize)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            string? target = null;
            try
            {
                string storeId;
                switch (ParameterSetName)
                {
                    case RunSet:
                        target = RunId;
                        storeId = StoreOf(RunId, Await(Client.GetRunAsync(RunId, 0, CancellationToken)));
                        break;
                    case InputObjectSet:
                        if (!(InputObject is ApifyRun run))
                        {
                            WriteUnsupportedInput(InputObject!, "a run");
                            return;
                        }
                        target = run.Id;
                        storeId = string.IsNullOrEmpty(run.DefaultKeyValueStoreId) ? StoreOf(run.Id, Await(Client.GetRunAsync(run.Id, 0, CancellationToken))) : run.DefaultKeyValueStoreId!;
                        break;
                    default:
                        storeId = StoreId;
                        break;
                }
                target = storeId;
                // The keys list has no total to report.
                if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(0, 0.0));
                var paging = new KeyPageRequest
                {
                    ExclusiveStartKey = ExclusiveStartKey,
                    Skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue),
                    First = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue),
                    PageSize = PageSize > 0 ? PageSize : (int?)null,
                };
                foreach (var key in Stream(Client.ListKeysAsync(storeId, paging, Prefix, CancellationToken)))
                    WriteObject(key);
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, target);
            }
        }

        /// <summary>A run's default store: key objects carry a store id so they can be piped to Get-ApifyRecord.</summary>
        private static string StoreOf(string runId, ApifyRun run) =>
            !string.IsNullOrEmpty(run.DefaultKeyValueStoreId)
                ? run.DefaultKeyValueStoreId!
                : throw new ApifyApiException(null, ApifyErrorTypes.InvalidResponse, $"Run {runId} has no default key-value store.", "GET",
                    ApifyClient.RunPath(runId).Value) { TargetId = runId };
    }
}
