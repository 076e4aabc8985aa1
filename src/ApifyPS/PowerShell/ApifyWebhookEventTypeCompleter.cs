using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ApifyPS.Cmdlets
{
    /// <summary>Tab completion of -EventType: the webhook event types (ACTOR.RUN.SUCCEEDED, ACTOR.BUILD.FAILED, ...).</summary>
    public sealed class ApifyWebhookEventTypeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var quote = wordToComplete.Length > 0 && (wordToComplete[0] == '\'' || wordToComplete[0] == '"') ? wordToComplete[0].ToString() : "";
            var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return ApifyWebhookEventTypes.All
                .Where(t => pattern.IsMatch(t))
                .Select(t => new CompletionResult(quote + t + quote, t, CompletionResultType.ParameterValue, t))
                .ToList();
        }
    }
}
