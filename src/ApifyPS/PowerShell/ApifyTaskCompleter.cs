using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Tab completion of -Task (and of task ids): the user's tasks as username~name, from <see cref="TaskNameCache"/>,
    /// matched like Actor names (<see cref="ApifyActorCompleter"/>). Never throws into the console.
    /// </summary>
    public sealed class ApifyTaskCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return ApifyActorCompleter.Complete(wordToComplete ?? "", () => TaskNameCache.Default.Get(ConnectionResolver.Resolve()));
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
