using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ApifyPS.Cmdlets
{
    /// <summary>Tab completion of -Profile: the names of the profiles stored for this user (never an exception).</summary>
    public sealed class ApifyProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var quote = wordToComplete.Length > 0 && (wordToComplete[0] == '\'' || wordToComplete[0] == '"') ? wordToComplete[0].ToString() : "";
            IReadOnlyList<string> names;
            try
            {
                names = CredentialStore.ForCurrentUser(Environment.GetEnvironmentVariable).List();
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                return Array.Empty<CompletionResult>();
            }
            var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return names
                .Where(n => pattern.IsMatch(n))
                .Select(n => new CompletionResult(quote + n + quote, n, CompletionResultType.ParameterValue, "Stored profile " + n))
                .ToList();
        }
    }
}
