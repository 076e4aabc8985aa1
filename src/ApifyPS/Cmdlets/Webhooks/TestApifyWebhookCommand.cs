using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Test-ApifyWebhook: has the API send a test dispatch (event TEST, a dummy payload) to the webhook's URL and
    /// writes the dispatch; Get-ApifyWebhookDispatch -Id shows how it went.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "ApifyWebhook", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyWebhookDispatch))]
    public sealed class TestApifyWebhookCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("WebhookId")]
        [ValidatePathSegment("webhookId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyWebhook webhook) Send(webhook.Id, $"{webhook.Id} ({webhook.RequestUrl})");
                else WriteUnsupportedInput(InputObject!, "a webhook (Get-ApifyWebhook)");
                return;
            }
            foreach (var id in Id) Send(id, id);
        }

        private void Send(string id, string target)
        {
            if (!ShouldProcess(target, "Send a test dispatch")) return;
            WriteAwaited(token => Client.Webhooks.TestAsync(id, token), id);
        }
    }
}
