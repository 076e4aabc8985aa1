using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Set-ApifyKeyValueStore: renames a key-value store (or makes it unnamed) and sets who may read it; only what is given is sent.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Set, "ApifyKeyValueStore", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyKeyValueStore))]
    public sealed class SetApifyKeyValueStoreCommand : StorageSetCmdlet<ApifyKeyValueStore>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("StoreId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("storeId")]
        public override string Id { get; set; } = "";

        protected override IStorageClient<ApifyKeyValueStore> Storages => Client.KeyValueStores;

        protected override ApifyStorageKind Kind => ApifyStorageKind.KeyValueStore;

        protected override string What => "key-value store";

        protected override string AcceptedInput => "a key-value store (Get-ApifyKeyValueStore)";
    }
}
