using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyDataset: your datasets (the named ones, or all with -Unnamed), paged lazily, or datasets by id or
    /// username~name, or a run's default one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyDataset", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyDataset))]
    public sealed class GetApifyDatasetCommand : StorageGetCmdlet<ApifyDataset>
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DatasetId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("datasetId")]
        public override string[] Id { get; set; } = Array.Empty<string>();

        protected override IStorageClient<ApifyDataset> Storages => Client.Datasets;

        protected override string? DefaultStorageOf(ApifyRun run) => run.DefaultDatasetId;

        protected override string AcceptedInput => "a dataset or a run";
    }
}
