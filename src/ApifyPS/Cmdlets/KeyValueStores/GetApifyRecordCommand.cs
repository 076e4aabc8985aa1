using System.IO;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyRecord: a key-value store record (by default a run's OUTPUT): JSON as objects, text as a string,
    /// anything else as bytes, or written to a file as it is.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRecord", DefaultParameterSetName = StoreSet)]
    [OutputType(typeof(PSObject), typeof(string), typeof(byte[]), typeof(FileInfo))]
    public sealed class GetApifyRecordCommand : ApifyObjectCmdlet
    {
        private const string StoreSet = "ByStore";
        private const string RunSet = "ByRun";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StoreSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DefaultKeyValueStoreId")]
        [ValidatePathSegment("storeId")]
        public string StoreId { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = RunSet, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("runId")]
        public string RunId { get; set; } = "";

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("recordKey")]
        public string Key { get; set; } = "OUTPUT";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (PassThru && OutFile == null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-PassThru needs -OutFile (it writes the file's FileInfo)."),
                    "PassThruWithoutOutFile", ErrorCategory.InvalidArgument, null));
            if (NoClobber && OutFile == null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-NoClobber needs -OutFile (it keeps an existing file)."),
                    "NoClobberWithoutOutFile", ErrorCategory.InvalidArgument, null));
        }

        protected override void ProcessRecord()
        {
            var store = PathTarget(StoreOf);
            if (store == null) return;
            if (OutFile != null)
            {
                Save(store, OutFile);
                return;
            }
            if (TryAwait(token => Client.KeyValueStores.GetRecordAsync(store, Key, token), Key, out var record)) RecordOutput.Write(this, record);
        }

        private void Save(ApifyStorageRef store, string outFile)
        {
            try
            {
                var saved = Await(Client.KeyValueStores.SaveRecordAsync(store, Key, TargetPath(outFile, Key), NoClobber, CancellationToken));
                WriteVerbose($"Wrote record {Key} of {store} ({saved.ContentType}, {saved.Length} bytes) to {saved.Path}.");
                if (PassThru) WriteObject(new FileInfo(saved.Path));
            }
            catch (ApifyOutFileException ex) when (ex.Problem == ApifyOutFileProblem.Exists)
            {
                // Only this record's file: the others (a folder of keys) are still written.
                WriteError(new ErrorRecord(ex, "NoClobber", ErrorCategory.ResourceExists, ex.Path));
            }
            catch (ApifyOutFileException ex)
            {
                // A local problem (a missing folder, a full disk) would only repeat for every record: stop here.
                ThrowTerminatingError(ApifyErrorRecords.For(ex, ex.Path));
            }
            catch (ApifyException ex)
            {
                WriteApifyError(ex, Key);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "OutFileNotWritten", ErrorCategory.WriteError, outFile));
            }
        }

        /// <summary>The store the parameters or the piped run name; null (the error written) for input it cannot use.</summary>
        private ApifyStorageRef? StoreOf()
        {
            switch (ParameterSetName)
            {
                case RunSet:
                    return ApifyStorageRef.RunKeyValueStore(RunId);
                case InputObjectSet:
                    if (!(InputObject is ApifyRun run))
                    {
                        WriteUnsupportedInput(InputObject!, "a run");
                        return null;
                    }
                    return string.IsNullOrEmpty(run.DefaultKeyValueStoreId)
                        ? ApifyStorageRef.RunKeyValueStore(run.Id)
                        : ApifyStorageRef.KeyValueStore(run.DefaultKeyValueStoreId!);
                default:
                    return ApifyStorageRef.KeyValueStore(StoreId);
            }
        }

        /// <summary>The file to write: the path as given (relative to the current location), or the key's name inside an existing folder.</summary>
        private string TargetPath(string outFile, string key)
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(outFile);
            if (!Directory.Exists(path)) return path;
            var invalid = Path.GetInvalidFileNameChars();
            var name = new string(key.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
            return Path.Combine(path, name);
        }
    }
}
