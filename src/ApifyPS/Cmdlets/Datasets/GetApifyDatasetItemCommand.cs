using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyDatasetItem: a dataset's items (a run's default dataset from a run object or -RunId), streamed page by
    /// page as PowerShell objects with nested objects and arrays intact.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyDatasetItem", DefaultParameterSetName = DatasetSet, SupportsPaging = true)]
    [OutputType(typeof(PSObject))]
    public sealed class GetApifyDatasetItemCommand : ApifyObjectCmdlet
    {
        private const string DatasetSet = "ByDataset";
        private const string RunSet = "ByRun";

        /// <summary>The most items one request may ask for (the API has no maximum; a page is held in memory).</summary>
        public const int MaxPageSize = 100_000;

        private ApifyDatasetItemOptions _options = new ApifyDatasetItemOptions();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DatasetSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DefaultDatasetId")]
        [ValidatePathSegment("datasetId")]
        public string DatasetId { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = RunSet, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("runId")]
        public string RunId { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Fields { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Omit { get; set; }

        [Parameter]
        public SwitchParameter Clean { get; set; }

        [Parameter]
        public SwitchParameter Descending { get; set; }

        [Parameter]
        [ValidateRange(1, MaxPageSize)]
        public int PageSize { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _options = new ApifyDatasetItemOptions
            {
                Fields = FieldNames(nameof(Fields), Fields),
                Omit = FieldNames(nameof(Omit), Omit),
                Clean = Clean,
            };
        }

        protected override void ProcessRecord()
        {
            var dataset = PathTarget(DatasetOf);
            if (dataset == null) return;
            // With -Clean the server drops empty items, so its total counts more items than will come.
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, Descending, exactTotal: !Clean);
            var reader = new PSJsonReader();
            WriteStream(token => Client.Datasets.ListItemsAsync<object?>(dataset, _options, paging, reader.Read, token), dataset.TargetId);
        }

        /// <summary>The dataset the parameters or the piped run name; null (the error written) for input it cannot use.</summary>
        private ApifyStorageRef? DatasetOf()
        {
            switch (ParameterSetName)
            {
                case RunSet:
                    return ApifyStorageRef.RunDataset(RunId);
                case InputObjectSet:
                    if (!(InputObject is ApifyRun run))
                    {
                        WriteUnsupportedInput(InputObject!, "a run");
                        return null;
                    }
                    return string.IsNullOrEmpty(run.DefaultDatasetId) ? ApifyStorageRef.RunDataset(run.Id) : ApifyStorageRef.Dataset(run.DefaultDatasetId!);
                default:
                    return ApifyStorageRef.Dataset(DatasetId);
            }
        }

        /// <summary>Field names from the parameter, also given comma-separated ("url,title"); an empty name is refused before any request.</summary>
        private string[]? FieldNames(string parameter, string[]? values)
        {
            if (values == null) return null;
            var names = values.SelectMany(v => (v ?? "").Split(',')).Select(n => n.Trim()).ToArray();
            if (names.Any(n => n.Length == 0))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"-{parameter} has an empty field name: '{string.Join(",", values)}'."),
                    "InvalidFieldName", ErrorCategory.InvalidArgument, values));
            return names.Distinct(StringComparer.Ordinal).ToArray();
        }
    }
}
