using System.Collections;
using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Add-ApifyQueueRequest: adds URLs (or whole requests: url, method, userData, uniqueKey, ...) to a request queue,
    /// 25 per call as the API allows. A request without a uniqueKey gets the one the Apify SDKs make from its URL, so
    /// the same page is queued once: one already there is reported (WasAlreadyPresent), not added again.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "ApifyQueueRequest", DefaultParameterSetName = UrlSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyQueueRequestAdded))]
    public sealed class AddApifyQueueRequestCommand : ApifyCmdlet
    {
        private const string UrlSet = "ByUrl";
        private const string ObjectSet = "ByObject";

        private readonly List<ApifyBody> _pending = new List<ApifyBody>(RequestQueuesClient.MaxBatch);

        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("queueId")]
        public string QueueId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = UrlSet, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public string[] Url { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = ObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object? InputObject { get; set; }

        /// <summary>Puts the requests at the head of the queue (processed next) instead of its end.</summary>
        [Parameter]
        public SwitchParameter Forefront { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == UrlSet)
            {
                foreach (var url in Url)
                {
                    if (!Uri.TryCreate(url, UriKind.Absolute, out _))
                    {
                        WriteError(new ErrorRecord(new ArgumentException($"-Url: '{url}' is not an absolute URL: not added."), "InvalidUrl",
                            ErrorCategory.InvalidArgument, url));
                        continue;
                    }
                    Queue(new ApifyBody().Set("url", url).Set("method", "GET"));
                }
                return;
            }
            var value = InputObject is PSObject pso ? pso.BaseObject : InputObject;
            if (value is string text)
            {
                Queue(new ApifyBody().Set("url", text).Set("method", "GET"));
                return;
            }
            ApifyBody body;
            try
            {
                body = PowerShellBody.ToBody(InputObject, nameof(InputObject));
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, "InvalidQueueRequest", ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            if (!(body.Get("url") is string u) || !Uri.TryCreate(u, UriKind.Absolute, out _))
            {
                WriteError(new ErrorRecord(new ArgumentException("-InputObject: a queue request needs a 'url' that is an absolute URL: not added."),
                    "InvalidQueueRequest", ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            Queue(body);
        }

        protected override void EndProcessing() => Flush();

        private void Queue(ApifyBody request)
        {
            _pending.Add(request);
            if (_pending.Count >= RequestQueuesClient.MaxBatch) Flush();
        }

        private void Flush()
        {
            if (_pending.Count == 0) return;
            var batch = _pending.ToList();
            _pending.Clear();
            var what = batch.Count == 1 ? (string)batch[0].Get("url")! : $"{batch.Count} requests";
            if (!ShouldProcess($"request queue {QueueId}", $"Add {what}{(Forefront ? " at the head" : "")}")) return;
            if (!TryAwait(token => Client.RequestQueues.AddRequestsAsync(QueueId, batch, Forefront, token), QueueId, out var added)) return;
            foreach (var result in added)
            {
                if (result.Unprocessed)
                    WriteError(new ErrorRecord(new InvalidOperationException($"The queue did not take {result.Url} for now: add it again later."),
                        "QueueRequestUnprocessed", ErrorCategory.LimitsExceeded, result));
                else if (result.WasAlreadyPresent)
                    WriteVerbose($"{result.Url} is in the queue already (request {result.RequestId}): not added again.");
                WriteObject(result);
            }
        }
    }
}
