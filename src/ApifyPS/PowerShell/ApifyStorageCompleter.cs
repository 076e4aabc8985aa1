using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Tab completion of storage ids: the user's named datasets, key-value stores or request queues (the kind from
    /// the command: Dataset, KeyValueStore/Record, Queue) as username~name, matched on the name, username~name or id
    /// (<see cref="StorageNameCache"/>: one list request, cached; never an exception, never a prompt).
    /// </summary>
    public sealed class ApifyStorageCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var kind = KindOf(commandName ?? "");
                return Complete(wordToComplete ?? "", () => StorageNameCache.Default.Get(ConnectionResolver.Resolve(), kind));
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        internal static ApifyStorageKind KindOf(string commandName) =>
            commandName.IndexOf("Queue", StringComparison.OrdinalIgnoreCase) >= 0 ? ApifyStorageKind.RequestQueue
            : commandName.IndexOf("KeyValueStore", StringComparison.OrdinalIgnoreCase) >= 0 || commandName.IndexOf("Record", StringComparison.OrdinalIgnoreCase) >= 0
                ? ApifyStorageKind.KeyValueStore
                : ApifyStorageKind.Dataset;

        internal static List<CompletionResult> Complete(string wordToComplete, Func<IReadOnlyList<ApifyStorage>> storages)
        {
            var quote = wordToComplete.Length > 0 && (wordToComplete[0] == '\'' || wordToComplete[0] == '"') ? wordToComplete[0].ToString() : "";
            var word = wordToComplete.Trim('\'', '"');
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return storages()
                .Where(s => !string.IsNullOrEmpty(s.Name))
                .Select(s => (Storage: s, FullName: string.IsNullOrEmpty(s.Username) ? s.Name! : s.Username + "~" + s.Name))
                .Where(s => pattern.IsMatch(s.FullName) || pattern.IsMatch(s.Storage.Name!) || pattern.IsMatch(s.Storage.Id))
                .OrderBy(s => s.FullName, StringComparer.OrdinalIgnoreCase)
                .Select(s => new CompletionResult(quote + s.FullName + quote, s.FullName, CompletionResultType.ParameterValue, $"{s.FullName} ({s.Storage.Id})"))
                .ToList();
        }
    }
}
