using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyDataset: deletes datasets with their items. Asks first unless -Force or -Confirm:$false.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Remove, "ApifyDataset", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyDatasetCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DatasetId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("datasetId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyDataset storage) Remove(storage.Id, storage.Name == null ? storage.Id : $"{storage.Name} ({storage.Id})");
                else WriteUnsupportedInput(InputObject!, "a dataset (Get-ApifyDataset)");
                return;
            }
            foreach (var id in Id) Remove(id, id);
        }

        private void Remove(string id, string target)
        {
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove dataset with its items")) return;
            if (TryAwait(token => Client.Datasets.DeleteAsync(id, token), id))
                StorageNameCache.Default.Invalidate(Client.Connection, ApifyStorageKind.Dataset);
        }
    }
}
