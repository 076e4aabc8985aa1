using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Tab completion of -Actor (and of Actor ids): the user's Actors as username~name, read from the server and
    /// cached for a short while (<see cref="ActorNameCache"/>). What was typed is a prefix or a wildcard pattern,
    /// matched against username~name, the bare name and the id. Never throws into the console: offline, without a
    /// token or with a wrong one, it offers nothing.
    /// </summary>
    public sealed class ApifyActorCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                // The connection as the cmdlets find it (session, environment, stored profile, CLI login), but without
                // SecretManagement vaults: unlocking one may prompt, and Tab must never prompt.
                return Complete(wordToComplete ?? "", () => ActorNameCache.Default.Get(ConnectionResolver.Resolve()));
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        internal static List<CompletionResult> Complete(string wordToComplete, Func<IReadOnlyList<ActorNameEntry>> actors)
        {
            var quote = wordToComplete.Length > 0 && (wordToComplete[0] == '\'' || wordToComplete[0] == '"') ? wordToComplete[0].ToString() : "";
            var word = wordToComplete.Trim('\'', '"');
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return actors()
                .Where(a => pattern.IsMatch(a.FullName) || pattern.IsMatch(a.Name) || pattern.IsMatch(a.Id))
                .OrderBy(a => a.FullName, StringComparer.OrdinalIgnoreCase)
                .Select(a => new CompletionResult(
                    quote + a.FullName + quote,
                    a.FullName,
                    CompletionResultType.ParameterValue,
                    string.IsNullOrEmpty(a.Title) ? $"{a.FullName} ({a.Id})" : $"{a.Title} ({a.Id})"))
                .ToList();
        }
    }
}
