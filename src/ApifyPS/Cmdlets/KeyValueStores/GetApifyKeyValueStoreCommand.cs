using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyKeyValueStore: your key-value stores (the named ones, or all with -Unnamed), paged lazily, or key-value stores by id or
    /// username~name, or a run's default one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyKeyValueStore", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyKeyValueStore))]
    public sealed class GetApifyKeyValueStoreCommand : StorageGetCmdlet<ApifyKeyValueStore>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("StoreId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("storeId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        protected override IStorageClient<ApifyKeyValueStore> Storages => Client.KeyValueStores;

        protected override string? DefaultStorageOf(ApifyRun run) => run.DefaultKeyValueStoreId;

        protected override string AcceptedInput => "a key-value store or a run";
    }
}
