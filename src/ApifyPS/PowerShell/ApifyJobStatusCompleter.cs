using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ApifyPS.Cmdlets
{
    /// <summary>Tab completion of -Status: the statuses of builds and runs (READY, RUNNING, SUCCEEDED, ...).</summary>
    public sealed class ApifyJobStatusCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var quote = wordToComplete.Length > 0 && (wordToComplete[0] == '\'' || wordToComplete[0] == '"') ? wordToComplete[0].ToString() : "";
            var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return Models.ApifyJobStatus.All
                .Where(s => pattern.IsMatch(s))
                .Select(s => new CompletionResult(quote + s + quote, s, CompletionResultType.ParameterValue, s))
                .ToList();
        }
    }
}
