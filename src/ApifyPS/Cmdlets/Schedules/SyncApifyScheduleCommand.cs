using System.IO;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Sync-ApifySchedule: schedules as code. Reads a .psd1 or .json file of schedules, matches them with yours by name
    /// and emits one plan row per schedule (Create, Update with the fields that differ, Unchanged; with -Prune, Remove
    /// for yours the file does not name), applying each under ShouldProcess: -WhatIf sends no write, and a second run
    /// is all Unchanged. A file with an error (unknown key, duplicate name, bad cron, an Actor or task that does not
    /// exist) is refused whole, naming the line or entry, before any write.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "ApifySchedule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApifyScheduleSyncRow))]
    public sealed class SyncApifyScheduleCommand : ApifyCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        public SwitchParameter Prune { get; set; }

        protected override void ProcessRecord()
        {
            string file;
            try
            {
                file = SessionState.Path.GetResolvedProviderPathFromPSPath(Path, out var provider).Single();
                if (provider.Name != "FileSystem" || !File.Exists(file)) throw new ItemNotFoundException();
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is InvalidOperationException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
            {
                ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"-Path '{Path}' is not an existing file."), "ScheduleFileNotFound",
                    ErrorCategory.ObjectNotFound, Path));
                return;
            }
            List<ScheduleDefinition> definitions;
            try
            {
                var name = System.IO.Path.GetFileName(file);
                var entries = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    ? ScheduleDefinition.EntriesOfJson(File.ReadAllText(file), name)
                    : EntriesOfPsd1(file, name);
                definitions = ScheduleDefinition.FromEntries(entries);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidScheduleFile", ErrorCategory.InvalidData, file));
                return;
            }
            var sync = new ScheduleSync(Client);
            List<ApifyScheduleSyncRow> plan;
            try
            {
                if (!TryAwait(token => sync.PlanAsync(definitions, Prune, token), file, out plan)) return;
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidScheduleFile", ErrorCategory.InvalidData, file));
                return;
            }
            foreach (var row in plan)
            {
                if (row.Action == "Unchanged")
                {
                    WriteObject(row);
                    continue;
                }
                var what = row.Changes.Length > 0 ? $"{row.Action} schedule ({string.Join("; ", row.Changes)})" : $"{row.Action} schedule";
                if (!ShouldProcess(row.ScheduleId == null ? row.Name : $"{row.Name} ({row.ScheduleId})", what))
                {
                    WriteObject(row);
                    continue;
                }
                if (TryAwait(token => sync.ApplyAsync(row, token), row.Name)) WriteObject(row);
            }
        }

        /// <summary>
        /// The entries of a .psd1 file, <c>@{ Schedules = @( @{...}, ... ) }</c>, read from its syntax tree (no code runs:
        /// values must be constants, as in any data file); each entry's place names its line.
        /// </summary>
        private static List<ScheduleFileEntry> EntriesOfPsd1(string file, string name)
        {
            var ast = Parser.ParseFile(file, out _, out var errors);
            if (errors.Length > 0)
                throw new ArgumentException($"{name} line {errors[0].Extent.StartLineNumber}: {errors[0].Message}");
            var root = ast.Find(a => a is HashtableAst, false) as HashtableAst
                ?? throw new ArgumentException($"{name}: expected @{{ Schedules = @( @{{ Name = ...; Cron = ...; Actor = ... }} ) }}.");
            var entries = new List<ScheduleFileEntry>();
            foreach (var pair in root.KeyValuePairs)
            {
                var key = (pair.Item1 as StringConstantExpressionAst)?.Value;
                if (!string.Equals(key, "Schedules", StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"{name} line {pair.Item1.Extent.StartLineNumber}: unknown key '{pair.Item1.Extent.Text}' at the top (only Schedules).");
                var items = pair.Item2.FindAll(a => a is HashtableAst h && NearestHashtable(h.Parent) == root, true).Cast<HashtableAst>().ToList();
                for (var i = 0; i < items.Count; i++)
                {
                    var where = $"{name} line {items[i].Extent.StartLineNumber}, entry {i + 1}";
                    var fields = new List<KeyValuePair<string, object?>>();
                    foreach (var field in items[i].KeyValuePairs)
                    {
                        var fieldName = (field.Item1 as StringConstantExpressionAst)?.Value ?? field.Item1.Extent.Text;
                        object? value;
                        try
                        {
                            value = PowerShellBody.ToValue(field.Item2.SafeGetValue());
                        }
                        catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is ParseException)
                        {
                            throw new ArgumentException($"{name} line {field.Item2.Extent.StartLineNumber}: the value of {fieldName} is not a constant: {ex.Message}");
                        }
                        fields.Add(new KeyValuePair<string, object?>(fieldName, value));
                    }
                    entries.Add(new ScheduleFileEntry(where, fields));
                }
            }
            return entries;
        }

        private static HashtableAst? NearestHashtable(Ast? ast)
        {
            while (ast != null && !(ast is HashtableAst)) ast = ast.Parent;
            return ast as HashtableAst;
        }
    }
}
