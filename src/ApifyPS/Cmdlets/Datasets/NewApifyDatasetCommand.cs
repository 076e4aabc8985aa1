using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// New-ApifyDataset: creates a dataset, named or unnamed. With a name the API answers the existing dataset
    /// of that name if there is one (so it is safe to repeat); an unnamed one is new every time (and kept only for the
    /// account's data retention period).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ApifyDataset", SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyDataset))]
    public sealed class NewApifyDatasetCommand : ApifyCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateStorageName]
        public string? Name { get; set; }

        protected override void ProcessRecord()
        {
            var target = Name ?? "an unnamed dataset";
            if (!ShouldProcess(target, "Create dataset")) return;
            if (!TryAwait(token => Client.Datasets.CreateAsync(Name, token), Name, out var created)) return;
            if (Name != null) StorageNameCache.Default.Invalidate(Client.Connection, ApifyStorageKind.Dataset);
            WriteObject(created);
        }
    }
}
