using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyKeyValueStore: your key-value stores (the named ones, or all with -Unnamed), paged lazily, or key-value stores by id or
    /// username~name, or a run's default one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyKeyValueStore", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyKeyValueStore))]
    public sealed class GetApifyKeyValueStoreCommand : ApifyObjectCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("StoreId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("storeId")]
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
                    foreach (var id in Id) WriteAwaited(token => Client.KeyValueStores.GetAsync(id, token), id);
                    break;
                case InputObjectSet:
                    var storageId = InputObject switch
                    {
                        ApifyKeyValueStore s => s.Id,
                        ApifyRun run => run.DefaultKeyValueStoreId,
                        _ => null,
                    };
                    if (string.IsNullOrEmpty(storageId)) WriteUnsupportedInput(InputObject!, "a key-value store or a run");
                    else WriteAwaited(token => Client.KeyValueStores.GetAsync(storageId!, token), storageId);
                    break;
                default:
                    var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
                    WriteStream(token => Client.KeyValueStores.ListAsync(Unnamed, paging, token), null);
                    break;
            }
        }
    }
}
