using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Add-ApifyDatasetItem: appends objects from the pipeline to a dataset, in order, in as few pushes as the API's
    /// payload limit allows (each push under 5 MB); only the batch being filled is held, never the whole pipeline. A
    /// push adds items, so it is sent once: if its outcome is unknown, the cmdlet stops and says which items were
    /// stored, which may have been and which were not sent.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ApifyDatasetItem", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class AddApifyDatasetItemCommand : ApifyCmdlet
    {
        private const int ProgressActivity = 0x4151;

        private DatasetItemBatch? _batch;
        private PSJsonWriter? _json;
        private long _given;
        private long _stored;
        private long _skipped;
        private int _pushes;

        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("datasetId")]
        public string DatasetId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        /// <summary>The most bytes one push may carry (default: under the API's 5 MB); lower it for a proxy with a smaller limit.</summary>
        [Parameter]
        [ValidateRange(1024, DatasetItemBatch.DefaultMaxBytes)]
        public int MaxBatchBytes { get; set; } = DatasetItemBatch.DefaultMaxBytes;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _batch = new DatasetItemBatch(MaxBatchBytes);
            _json = new PSJsonWriter();
        }

        protected override void ProcessRecord()
        {
            var value = InputObject is PSObject pso ? pso.BaseObject : InputObject;
            if (value is IEnumerable list && !(value is string) && !(value is IDictionary))
                foreach (var item in list) Add(item);
            else
                Add(InputObject);
        }

        protected override void EndProcessing()
        {
            Push();
            var record = new ProgressRecord(ProgressActivity, $"Pushing items to dataset {DatasetId}", "Done") { RecordType = ProgressRecordType.Completed };
            WriteProgress(record);
            WriteVerbose($"Pushed {_stored} item(s) to dataset {DatasetId} in {_pushes} request(s)" + (_skipped > 0 ? $"; {_skipped} refused before sending." : "."));
        }

        private void Add(object? item)
        {
            _given++;
            ArraySegment<byte> json;
            try
            {
                json = _json!.Write(item);
            }
            catch (ArgumentException ex)
            {
                Refuse(item, ex.Message);
                return;
            }
            if (json.Count == 0 || json.Array![json.Offset] != (byte)'{')
            {
                Refuse(item, "a dataset item must be an object (a hashtable, a PSCustomObject or a .NET object), not a single value or null");
                return;
            }
            if (!_batch!.CanHold(json.Count))
            {
                Refuse(item, $"it is {json.Count} bytes of JSON, more than one push may carry ({_batch.MaxBytes} bytes)");
                return;
            }
            if (!_batch.Fits(json.Count)) Push();
            _batch.Add(json);
        }

        private void Refuse(object? item, string why)
        {
            _skipped++;
            WriteError(new ErrorRecord(new ArgumentException($"Item {_given} of the pipeline was not pushed: {why}."), "InvalidDatasetItem",
                ErrorCategory.InvalidData, item));
        }

        /// <summary>Sends the batch being filled (once), or drops it under -WhatIf; a failure stops the cmdlet.</summary>
        private void Push()
        {
            var batch = _batch!;
            if (batch.Count == 0) return;
            var range = batch.Count == 1 ? $"item {_stored + 1}" : $"items {_stored + 1}-{_stored + batch.Count}";
            if (!ShouldProcess($"dataset {DatasetId}", $"Push {range} ({batch.Bytes} bytes)"))
            {
                batch.Clear();
                return;
            }
            int pushed;
            try
            {
                pushed = Await(Client.Datasets.PushItemsAsync(DatasetId, batch, _stored, CancellationToken));
            }
            catch (ApifyException ex)
            {
                ThrowTerminatingError(ErrorRecordFor(ex, DatasetId));
                return;
            }
            _stored += pushed;
            _pushes++;
            WriteProgress(new ProgressRecord(ProgressActivity, $"Pushing items to dataset {DatasetId}",
                $"{_stored} item(s) pushed in {_pushes} request(s)"));
        }
    }
}
