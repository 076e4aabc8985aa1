using System.IO;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Export-ApifyDataset: a dataset (or a run's default one) in the server's own format (csv, json, jsonl, xlsx,
    /// xml, html) streamed to a file at the speed of the download: written to a temporary file beside it and renamed
    /// once complete, so a failure leaves no partial file; an existing file is replaced only with -Force.
    /// </summary>
    [Cmdlet(VerbsData.Export, "ApifyDataset", DefaultParameterSetName = DatasetSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportApifyDatasetCommand : ApifyObjectCmdlet
    {
        private const string DatasetSet = "ByDataset";
        private const string RunSet = "ByRun";
        private const int ProgressActivity = 0x4152;

        private ApifyDatasetItemOptions _options = new ApifyDatasetItemOptions();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DatasetSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DefaultDatasetId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("datasetId")]
        public string DatasetId { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = RunSet, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("runId")]
        public string RunId { get; set; } = "";

        [Parameter(Mandatory = true)]
        [ValidateSet("csv", "json", "jsonl", "xlsx", "xml", "html")]
        public string Format { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

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

        /// <summary>Replaces an existing file (it is never touched otherwise).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _options = new ApifyDatasetItemOptions { Fields = Names(nameof(Fields), Fields), Omit = Names(nameof(Omit), Omit), Clean = Clean };
        }

        protected override void ProcessRecord()
        {
            var dataset = PathTarget(DatasetOf);
            if (dataset == null) return;
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(path, $"Export {dataset} as {Format}")) return;
            var title = $"Exporting {dataset} as {Format}";
            try
            {
                var file = Await(Client.Datasets.ExportAsync(dataset, Format, _options, path, Force, new PostedExportProgress(this, title), Descending,
                    CancellationToken));
                WriteVerbose($"Wrote {dataset} as {file.Format} ({file.Length} bytes{(file.TotalItems is long n ? $", {n} items" : "")}) to {file.Path}.");
                if (PassThru) WriteObject(new FileInfo(file.Path));
            }
            catch (ApifyOutFileException ex) when (ex.Problem == ApifyOutFileProblem.Exists)
            {
                WriteError(new ErrorRecord(ex, "ExportFileExists", ErrorCategory.ResourceExists, ex.Path)
                {
                    ErrorDetails = new ErrorDetails($"The file {ex.Path} already exists: nothing was downloaded. Use -Force to replace it.")
                    {
                        RecommendedAction = "Add -Force to replace the file, or choose another -Path.",
                    },
                });
            }
            catch (ApifyException ex)
            {
                WriteApifyError(ex, dataset.TargetId);
            }
            finally
            {
                WriteProgress(new ProgressRecord(ProgressActivity, title, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private ApifyStorageRef? DatasetOf()
        {
            switch (ParameterSetName)
            {
                case RunSet:
                    return ApifyStorageRef.RunDataset(RunId);
                case InputObjectSet:
                    switch (InputObject)
                    {
                        case ApifyDataset d:
                            return ApifyStorageRef.Dataset(d.Id);
                        case ApifyRun run:
                            return string.IsNullOrEmpty(run.DefaultDatasetId) ? ApifyStorageRef.RunDataset(run.Id) : ApifyStorageRef.Dataset(run.DefaultDatasetId!);
                        default:
                            WriteUnsupportedInput(InputObject!, "a dataset or a run");
                            return null;
                    }
                default:
                    return ApifyStorageRef.Dataset(DatasetId);
            }
        }

        private string[]? Names(string parameter, string[]? values)
        {
            if (values == null) return null;
            var names = values.SelectMany(v => (v ?? "").Split(',')).Select(n => n.Trim()).ToArray();
            if (names.Any(n => n.Length == 0))
                ThrowTerminatingError(CmdletSupport.ParameterError($"-{parameter} has an empty field name: '{string.Join(",", values)}'.", "InvalidFieldName"));
            return names.Distinct(StringComparer.Ordinal).ToArray();
        }

        private void WriteExportProgress(string title, ApifyExportProgress p)
        {
            var status = $"{p.Bytes:N0} bytes written" + (p.Items is long n ? $" ({n:N0} items)" : "");
            WriteProgress(new ProgressRecord(ProgressActivity, title, status));
        }

        /// <summary>The core's reports, on any thread, posted to the pipeline thread.</summary>
        private sealed class PostedExportProgress : IProgress<ApifyExportProgress>
        {
            private readonly ExportApifyDatasetCommand _cmdlet;
            private readonly string _title;

            public PostedExportProgress(ExportApifyDatasetCommand cmdlet, string title)
            {
                _cmdlet = cmdlet;
                _title = title;
            }

            public void Report(ApifyExportProgress value) => _cmdlet.Post(() => _cmdlet.WriteExportProgress(_title, value));
        }
    }
}
