using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Set-ApifyDataset: renames a dataset (or makes it unnamed) and sets who may read it; only what is given is sent.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Set, "ApifyDataset", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyDataset))]
    public sealed class SetApifyDatasetCommand : StorageSetCmdlet<ApifyDataset>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DatasetId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("datasetId")]
        public override string Id { get; set; } = "";

        protected override IStorageClient<ApifyDataset> Storages => Client.Datasets;

        protected override ApifyStorageKind Kind => ApifyStorageKind.Dataset;

        protected override string What => "dataset";

        protected override string AcceptedInput => "a dataset (Get-ApifyDataset)";
    }
}
