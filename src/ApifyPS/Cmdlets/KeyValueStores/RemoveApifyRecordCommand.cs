using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyRecord: deletes key-value store records (keys piped from Get-ApifyRecordKey bind by StoreId and Key).</summary>
    [Cmdlet(VerbsCommon.Remove, "ApifyRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyRecordCommand : ApifyCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DefaultKeyValueStoreId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("storeId")]
        public string StoreId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("recordKey")]
        public string[] Key { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var store = PathTarget(() => ApifyStorageRef.KeyValueStore(StoreId));
            if (store == null) return;
            foreach (var key in Key)
            {
                if (!CmdletSupport.ShouldProcess(this, Force, $"record {key} of {store}", "Remove record")) continue;
                TryAwait(token => Client.KeyValueStores.DeleteRecordAsync(store, key, token), key);
            }
        }
    }
}
