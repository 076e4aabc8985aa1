using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyRecord: a key-value store record (by default a run's OUTPUT): JSON as objects, text as a string,
    /// anything else as bytes, or written to a file as it is.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRecord", DefaultParameterSetName = StoreSet)]
    [OutputType(typeof(PSObject), typeof(string), typeof(byte[]), typeof(FileInfo))]
    public sealed class GetApifyRecordCommand : ApifyCmdlet
    {
        private const string StoreSet = "ByStore";
        private const string RunSet = "ByRun";
        private const string InputObjectSet = "ByInputObject";

        /// <summary>A key-value store id or username~store-name; keys from Get-ApifyRecordKey bind here by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StoreSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("DefaultKeyValueStoreId")]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("storeId")]
        public string StoreId { get; set; } = "";

        /// <summary>A run id: its default key-value store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RunSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("runId")]
        public string RunId { get; set; } = "";

        /// <summary>A run from the pipeline: its default key-value store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        public ApifyResource? InputObject { get; set; }

        /// <summary>The record's key (default OUTPUT).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidatePathSegment("recordKey")]
        public string Key { get; set; } = "OUTPUT";

        /// <summary>Write the record to this file, byte for byte; an existing folder gets a file named after the key.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>With -OutFile: write the file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>With -OutFile: never replace an existing file (an error for that record, before its request), as Out-File -NoClobber.</summary>
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
            try
            {
                if (OutFile != null)
                {
                    var path = TargetPath(OutFile, Key);
                    var saved = Await(Client.SaveRecordAsync(store, Key, path, NoClobber, CancellationToken));
                    WriteVerbose($"Wrote record {Key} of {store} ({saved.ContentType}, {saved.Length} bytes) to {saved.Path}.");
                    if (PassThru) WriteObject(new FileInfo(saved.Path));
                    return;
                }
                RecordOutput.Write(this, Await(Client.GetRecordAsync(store, Key, CancellationToken)));
            }
            catch (ApifyApiException ex)
            {
                WriteApiError(ex, Key);
            }
            catch (ApifyOutFileException ex) when (ex.Problem == ApifyOutFileProblem.Exists)
            {
                // Only this record's file: the others (a folder of keys) are still written.
                WriteError(new ErrorRecord(ex, "NoClobber", ErrorCategory.ResourceExists, ex.Path));
            }
            catch (ApifyOutFileException ex)
            {
                // A local problem (a missing folder, a full disk) would only repeat for every record: stop here.
                ThrowTerminatingError(new ErrorRecord(ex, "OutFileNotWritten", ErrorCategory.WriteError, ex.Path));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "OutFileNotWritten", ErrorCategory.WriteError, OutFile));
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
