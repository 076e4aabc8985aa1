using System.IO;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Set-ApifyRecord: writes a key-value store record. An object becomes JSON, a string text, bytes stay bytes; a
    /// file (-InFile) is streamed as it is, never read whole, with the type its extension suggests unless -ContentType
    /// says otherwise. Writing a record replaces it, so the request is repeated like any write.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "ApifyRecord", DefaultParameterSetName = ValueSet, SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SetApifyRecordCommand : ApifyCmdlet
    {
        private const string ValueSet = "ByValue";
        private const string FileSet = "ByFile";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DefaultKeyValueStoreId")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("storeId")]
        public string StoreId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePathSegment("recordKey")]
        public string Key { get; set; } = "";

        [Parameter(Mandatory = true, Position = 2, ParameterSetName = ValueSet, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyString]
        public object? Value { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = FileSet)]
        [ValidateNotNullOrEmpty]
        public string InFile { get; set; } = "";

        /// <summary>The record's Content-Type; by default from the value (JSON, text, bytes) or the file's extension.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContentType { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ContentType != null && !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(ContentType, out _))
                ThrowTerminatingError(CmdletSupport.ParameterError($"-ContentType '{ContentType}' is not a media type (e.g. 'application/json').",
                    "InvalidContentType"));
        }

        protected override void ProcessRecord()
        {
            var store = PathTarget(() => ApifyStorageRef.KeyValueStore(StoreId));
            if (store == null) return;
            Func<HttpContent> content;
            string contentType;
            string what;
            if (ParameterSetName == FileSet)
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(InFile);
                if (!File.Exists(path))
                {
                    WriteError(new ErrorRecord(new FileNotFoundException($"-InFile: the file {path} does not exist: nothing was sent.", path),
                        "InFileNotFound", ErrorCategory.ObjectNotFound, path));
                    return;
                }
                content = () => new StreamContent(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), 81920);
                contentType = ContentType ?? ContentTypes.ForFile(path);
                what = $"the file {path} ({new FileInfo(path).Length} bytes)";
            }
            else
            {
                var value = Value is PSObject pso ? pso.BaseObject : Value;
                byte[] body;
                switch (value)
                {
                    case string text:
                        body = new System.Text.UTF8Encoding(false).GetBytes(text);
                        contentType = ContentType ?? "text/plain; charset=utf-8";
                        break;
                    case byte[] bytes:
                        body = bytes;
                        contentType = ContentType ?? "application/octet-stream";
                        break;
                    default:
                        try
                        {
                            body = PSJson.ToUtf8(Value);
                        }
                        catch (ArgumentException ex)
                        {
                            WriteError(new ErrorRecord(ex, "InvalidRecordValue", ErrorCategory.InvalidArgument, Value));
                            return;
                        }
                        contentType = ContentType ?? "application/json; charset=utf-8";
                        break;
                }
                content = () => new ByteArrayContent(body);
                what = $"{body.Length} bytes";
            }
            if (!ShouldProcess($"record {Key} of {store}", $"Write {what} as {contentType}")) return;
            TryAwait(token => Client.KeyValueStores.SetRecordAsync(store, Key, content, contentType, token), Key);
        }
    }
}
