using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyDataset: your datasets (the named ones, or all with -Unnamed), paged lazily, or datasets by id or
    /// username~name, or a run's default one.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyDataset", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ApifyDataset))]
    public sealed class GetApifyDatasetCommand : ApifyObjectCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DatasetId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("datasetId")]
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
                    foreach (var id in Id) WriteAwaited(token => Client.Datasets.GetAsync(id, token), id);
                    break;
                case InputObjectSet:
                    var storageId = InputObject switch
                    {
                        ApifyDataset s => s.Id,
                        ApifyRun run => run.DefaultDatasetId,
                        _ => null,
                    };
                    if (string.IsNullOrEmpty(storageId)) WriteUnsupportedInput(InputObject!, "a dataset or a run");
                    else WriteAwaited(token => Client.Datasets.GetAsync(storageId!, token), storageId);
                    break;
                default:
                    var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending);
                    WriteStream(token => Client.Datasets.ListAsync(Unnamed, paging, token), null);
                    break;
            }
        }
    }
}
