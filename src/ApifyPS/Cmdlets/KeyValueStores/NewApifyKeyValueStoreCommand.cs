using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// New-ApifyKeyValueStore: creates a key-value store, named or unnamed. With a name the API answers the existing key-value store
    /// of that name if there is one (so it is safe to repeat); an unnamed one is new every time (and kept only for the
    /// account's data retention period).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ApifyKeyValueStore", SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyKeyValueStore))]
    public sealed class NewApifyKeyValueStoreCommand : ApifyCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateStorageName]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            var target = Name ?? "an unnamed key-value store";
            if (!ShouldProcess(target, "Create key-value store")) return;
            if (!TryAwait(token => Client.KeyValueStores.CreateAsync(Name, token), Name, out var created)) return;
            if (Name != null) StorageNameCache.Default.Invalidate(Client.Connection, ApifyStorageKind.KeyValueStore);
            WriteObject(created);
        }
    }
}
