using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Webhook event types the API knows (ACTOR.RUN.* and ACTOR.BUILD.*, any case), checked at binding: nothing is sent otherwise.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateWebhookEventTypeAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var text = (element is PSObject p ? p.BaseObject : element) as string;
            if (ApifyWebhookEventTypes.Normalize(text) == null)
                throw new ValidationMetadataException($"'{text}' is not a webhook event type. Use one of: {string.Join(", ", ApifyWebhookEventTypes.All)}.");
        }
    }
}
