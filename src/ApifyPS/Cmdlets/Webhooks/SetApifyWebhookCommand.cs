using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Set-ApifyWebhook: changes only the settings given (the API's partial update), for one webhook or many piped in.</summary>
    // The default set is the -InputObject one: PowerShell binds pipeline input in the default set first, so an
    // ApifyPS object piped in binds as itself, never by its Id property.
    [Cmdlet(VerbsCommon.Set, "ApifyWebhook", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyWebhook))]
    public sealed class SetApifyWebhookCommand : ApifyObjectCmdlet
    {
        private const string IdSet = "ById";

        private ApifyBody? _changes;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("WebhookId")]
        [ValidatePathSegment("webhookId")]
        public string Id { get; set; } = "";

        [Parameter]
        [ArgumentCompleter(typeof(ApifyWebhookEventTypeCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateWebhookEventType]
        public string[]? EventType { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateHttpUrl]
        public Uri? RequestUrl { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? PayloadTemplate { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? HeadersTemplate { get; set; }

        [Parameter]
        [AllowNull]
        [AllowEmptyString]
        public string? Description { get; set; }

        [Parameter]
        public SwitchParameter DoNotRetry { get; set; }

        [Parameter]
        public SwitchParameter IgnoreSslErrors { get; set; }

        [Parameter]
        public SwitchParameter ShouldInterpolateStrings { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var given = MyInvocation.BoundParameters;
            var body = new ApifyBody();
            if (EventType != null) body.Set("eventTypes", EventType.Select(t => (object?)ApifyWebhookEventTypes.Normalize(t)).ToList());
            if (RequestUrl != null) body.Set("requestUrl", RequestUrl.OriginalString);
            if (given.ContainsKey(nameof(PayloadTemplate))) body.Set("payloadTemplate", NullIfEmpty(PayloadTemplate));
            if (given.ContainsKey(nameof(HeadersTemplate))) body.Set("headersTemplate", NullIfEmpty(HeadersTemplate));
            if (given.ContainsKey(nameof(Description))) body.Set("description", NullIfEmpty(Description));
            if (given.ContainsKey(nameof(DoNotRetry))) body.Set("doNotRetry", DoNotRetry.IsPresent);
            if (given.ContainsKey(nameof(IgnoreSslErrors))) body.Set("ignoreSslErrors", IgnoreSslErrors.IsPresent);
            if (given.ContainsKey(nameof(ShouldInterpolateStrings))) body.Set("shouldInterpolateStrings", ShouldInterpolateStrings.IsPresent);
            if (body.Count == 0)
                ThrowTerminatingError(CmdletSupport.ParameterError(
                    "Nothing to change: give -EventType, -RequestUrl, -PayloadTemplate, -HeadersTemplate, -Description, -DoNotRetry, -IgnoreSslErrors or -ShouldInterpolateStrings.",
                    "NothingToChange"));
            try
            {
                ApifyWebhookSchema.Check(body, creating: false);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(CmdletSupport.ParameterError(ex.Message, "InvalidWebhook"));
            }
            _changes = body;
        }

        protected override void ProcessRecord()
        {
            string id;
            if (ParameterSetName == InputObjectSet)
            {
                if (!(InputObject is ApifyWebhook webhook))
                {
                    WriteUnsupportedInput(InputObject!, "a webhook (Get-ApifyWebhook)");
                    return;
                }
                id = webhook.Id;
            }
            else id = Id;
            if (!ShouldProcess(id, $"Update webhook ({string.Join(", ", _changes!.Names)})")) return;
            if (!TryAwait(token => Client.Webhooks.UpdateAsync(id, _changes!, token), id, out var updated)) return;
            if (PassThru) WriteObject(updated);
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
