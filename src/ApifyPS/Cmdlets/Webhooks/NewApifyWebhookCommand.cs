using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// New-ApifyWebhook: a webhook that POSTs to -RequestUrl when an Actor's (or task's, or any -Condition's) runs or
    /// builds reach the event types given. It sends an idempotency key (-IdempotencyKey, or a new one), so a create
    /// whose answer was lost is repeated safely and makes one webhook.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ApifyWebhook", DefaultParameterSetName = ActorSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ApifyWebhook))]
    public sealed class NewApifyWebhookCommand : ActorTargetCmdlet
    {
        private const string TaskSet = "ByTask";
        private const string ConditionSet = "ByCondition";

        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(ApifyWebhookEventTypeCompleter))]
        [ValidateNotNullOrEmpty]
        [ValidateWebhookEventType]
        public string[] EventType { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ValidateHttpUrl]
        public Uri? RequestUrl { get; set; }

        /// <summary>An Actor task (id or username~name) whose runs trigger the webhook.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TaskSet)]
        [Alias("ActorTaskId")]
        [ValidateNotNullOrEmpty]
        public string Task { get; set; } = "";

        /// <summary>The API's condition as a hashtable: @{ actorId = ...; actorTaskId = ...; actorRunId = ... }.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConditionSet)]
        [ValidateNotNull]
        public System.Collections.IDictionary? Condition { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PayloadTemplate { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HeadersTemplate { get; set; }

        [Parameter]
        public string? Description { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IdempotencyKey { get; set; }

        [Parameter]
        public SwitchParameter DoNotRetry { get; set; }

        [Parameter]
        public SwitchParameter IgnoreSslErrors { get; set; }

        [Parameter]
        public SwitchParameter ShouldInterpolateStrings { get; set; }

        protected override void ProcessRecord()
        {
            var condition = new ApifyBody();
            string target;
            switch (ParameterSetName)
            {
                case TaskSet:
                    condition.Set("actorTaskId", Task);
                    target = "task " + Task;
                    break;
                case ConditionSet:
                    foreach (System.Collections.DictionaryEntry e in Condition!) condition.Set(e.Key.ToString()!, PowerShellBody.ToValue(e.Value));
                    target = "condition " + condition;
                    break;
                default:
                    var actor = ActorOf();
                    if (actor == null) return;
                    condition.Set("actorId", actor);
                    target = "Actor " + actor;
                    break;
            }
            var body = new ApifyBody()
                .Set("eventTypes", EventType.Select(t => (object?)ApifyWebhookEventTypes.Normalize(t)).ToList())
                .Set("condition", condition)
                .Set("requestUrl", RequestUrl!.OriginalString)
                .Set("idempotencyKey", IdempotencyKey ?? WebhooksClient.NewIdempotencyKey());
            if (PayloadTemplate != null) body.Set("payloadTemplate", PayloadTemplate);
            if (HeadersTemplate != null) body.Set("headersTemplate", HeadersTemplate);
            if (Description != null) body.Set("description", Description);
            if (DoNotRetry.IsPresent) body.Set("doNotRetry", true);
            if (IgnoreSslErrors.IsPresent) body.Set("ignoreSslErrors", true);
            if (ShouldInterpolateStrings.IsPresent) body.Set("shouldInterpolateStrings", true);
            try
            {
                ApifyWebhookSchema.Check(body, creating: true);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(CmdletSupport.ParameterError(ex.Message, "InvalidWebhook"));
            }
            if (!ShouldProcess(target, $"Create webhook ({string.Join(", ", EventType)} -> {RequestUrl})")) return;
            WriteAwaited(token => Client.Webhooks.CreateAsync(body, token), target);
        }
    }
}
