using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyQueueRequest: deletes requests from a request queue (piped requests carry their queue). Asks first unless -Force.</summary>
    // The default set is the -InputObject one: a piped request binds as itself (it knows its queue), never by its Id.
    [Cmdlet(VerbsCommon.Remove, "ApifyQueueRequest", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true,
        ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyQueueRequestCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ApifyStorageCompleter))]
        [ValidatePathSegment("queueId")]
        public string QueueId { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RequestId")]
        [ValidatePathSegment("requestId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyQueueRequest request && request.QueueId.Length > 0) Remove(request.QueueId, request.Id, request.Url);
                else WriteUnsupportedInput(InputObject!, "a queue request (Get-ApifyQueueRequest)");
                return;
            }
            foreach (var id in Id) Remove(QueueId, id, null);
        }

        private void Remove(string queueId, string requestId, string? url)
        {
            var target = url == null ? $"request {requestId} of queue {queueId}" : $"{url} (request {requestId} of queue {queueId})";
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove queue request")) return;
            TryAwait(token => Client.RequestQueues.DeleteRequestAsync(queueId, requestId, token), requestId);
        }
    }
}
