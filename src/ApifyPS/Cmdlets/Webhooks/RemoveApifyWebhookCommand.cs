using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Remove-ApifyWebhook: deletes webhooks. Asks first unless -Force or -Confirm:$false.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Remove, "ApifyWebhook", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveApifyWebhookCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("WebhookId")]
        [ValidatePathSegment("webhookId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                if (InputObject is ApifyWebhook webhook) Remove(webhook.Id, $"{webhook.Id} ({webhook.RequestUrl})");
                else WriteUnsupportedInput(InputObject!, "a webhook (Get-ApifyWebhook)");
                return;
            }
            foreach (var id in Id) Remove(id, id);
        }

        private void Remove(string id, string target)
        {
            if (!CmdletSupport.ShouldProcess(this, Force, target, "Remove webhook")) return;
            TryAwait(token => Client.Webhooks.DeleteAsync(id, token), id);
        }
    }
}
