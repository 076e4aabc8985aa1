using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// A schedule as a schedules file describes it (Sync-ApifySchedule): checked, with the defaults the file implies
    /// (time zone UTC, enabled). <see cref="FromEntries"/> checks a whole file and refuses it whole, naming every entry
    /// at fault, so nothing is written from a file with an error.
    /// </summary>
    public sealed class ScheduleDefinition
    {
        /// <summary>The keys an entry may have (any case; JSON files spell them camelCase).</summary>
        public static readonly string[] Keys =
        {
            "Name", "Cron", "Timezone", "Actor", "Task", "Input", "Description", "Title", "Enabled", "Exclusive",
            "Build", "TimeoutSecs", "MemoryMbytes", "MaxItems", "MaxTotalChargeUsd",
        };

        public string Where { get; private set; } = "";
        public string Name { get; private set; } = "";
        public string Cron { get; private set; } = "";
        public string Timezone { get; private set; } = "UTC";
        public string? Actor { get; private set; }
        public string? Task { get; private set; }
        public ApifyBody? Input { get; private set; }
        public string? Description { get; private set; }
        /// <summary>Null: the file leaves the title alone.</summary>
        public string? Title { get; private set; }
        public bool HasTitle { get; private set; }
        public bool Enabled { get; private set; } = true;
        /// <summary>Null: the file leaves it alone.</summary>
        public bool? Exclusive { get; private set; }
        /// <summary>An Actor action's run options; null when the file gives none.</summary>
        public ApifyBody? RunOptions { get; private set; }

        /// <summary>Checks every entry; an ArgumentException listing each problem (entry by entry) when any has one.</summary>
        public static List<ScheduleDefinition> FromEntries(IReadOnlyList<ScheduleFileEntry> entries)
        {
            var problems = new List<string>();
            var definitions = new List<ScheduleDefinition>();
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var before = problems.Count;
                var d = Read(entry, problems);
                if (problems.Count > before) continue;
                if (seen.TryGetValue(d.Name, out var first))
                {
                    problems.Add($"{entry.Where}: the name '{d.Name}' is used twice (also at {first}).");
                    continue;
                }
                seen[d.Name] = entry.Where;
                definitions.Add(d);
            }
            if (problems.Count > 0)
                throw new ArgumentException("The schedules file was not applied (nothing was sent):" + Environment.NewLine + "  " +
                    string.Join(Environment.NewLine + "  ", problems));
            return definitions;
        }

        private static ScheduleDefinition Read(ScheduleFileEntry entry, List<string> problems)
        {
            var d = new ScheduleDefinition { Where = entry.Where };
            var options = new ApifyBody();
            var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            void Problem(string text) => problems.Add($"{entry.Where}: {text}");
            foreach (var pair in entry.Fields)
            {
                var key = Keys.FirstOrDefault(k => string.Equals(k, pair.Key, StringComparison.OrdinalIgnoreCase));
                if (key == null)
                {
                    Problem($"unknown key '{pair.Key}' (the keys are {string.Join(", ", Keys)}).");
                    continue;
                }
                if (!given.Add(key))
                {
                    Problem($"the key '{key}' is given twice.");
                    continue;
                }
                var value = pair.Value;
                switch (key)
                {
                    case "Name": d.Name = Text(value, key, Problem, required: true) ?? ""; break;
                    case "Cron": d.Cron = Text(value, key, Problem, required: true) ?? ""; break;
                    case "Timezone": d.Timezone = Text(value, key, Problem, required: true) ?? "UTC"; break;
                    case "Actor": d.Actor = Text(value, key, Problem, required: true); break;
                    case "Task": d.Task = Text(value, key, Problem, required: true); break;
                    case "Description": d.Description = Text(value, key, Problem, required: false); break;
                    case "Title": d.Title = Text(value, key, Problem, required: false); d.HasTitle = true; break;
                    case "Enabled": d.Enabled = Flag(value, key, Problem) ?? true; break;
                    case "Exclusive": d.Exclusive = Flag(value, key, Problem); break;
                    case "Input":
                        if (value is ApifyBody body) d.Input = body;
                        else if (value != null) Problem("Input must be a hashtable (a JSON object).");
                        break;
                    case "Build":
                        var build = Text(value, key, Problem, required: true);
                        if (build != null) options.Set("build", build);
                        break;
                    case "MaxTotalChargeUsd":
                        if (Number(value) is double charge && charge >= 0) options.Set("maxTotalChargeUsd", charge);
                        else Problem("MaxTotalChargeUsd must be a number of at least 0.");
                        break;
                    default:
                        var n = Number(value);
                        if (n is double whole && whole >= 0 && whole == Math.Floor(whole)) options.Set(char.ToLowerInvariant(key[0]) + key.Substring(1), (long)whole);
                        else Problem($"{key} must be a whole number of at least 0.");
                        break;
                }
            }
            if (!given.Contains("Name")) Problem("Name is missing.");
            var label = d.Name.Length > 0 ? $"'{d.Name}' " : "";
            if (!given.Contains("Cron")) Problem($"{label}Cron is missing.");
            else if (d.Cron.Length > 0 && ApifyCron.ProblemOf(d.Cron) is string cronProblem) Problem($"{label}Cron '{d.Cron}' is not a cron expression: {cronProblem}.");
            if ((d.Actor != null) == (d.Task != null))
                Problem($"{label}needs either Actor or Task{(d.Actor != null ? ", not both" : "")}.");
            if (d.Task != null && options.Count > 0) Problem($"{label}{string.Join(", ", options.Names)}: run options apply to an Actor; a task keeps its own.");
            if (d.Actor != null && PathSegment.ProblemOf(d.Actor) is string actorProblem) Problem($"{label}Actor '{PathSegment.Show(d.Actor)}': {actorProblem}.");
            if (d.Task != null && PathSegment.ProblemOf(d.Task) is string taskProblem) Problem($"{label}Task '{PathSegment.Show(d.Task)}': {taskProblem}.");
            d.RunOptions = options.Count > 0 ? options : null;
            return d;
        }

        private static string? Text(object? value, string key, Action<string> problem, bool required)
        {
            if (value is string s && (!required || s.Trim().Length > 0)) return s;
            if (value == null && !required) return null;
            problem($"{key} must be {(required ? "a non-empty string" : "a string")}.");
            return null;
        }

        private static bool? Flag(object? value, string key, Action<string> problem)
        {
            if (value is bool b) return b;
            problem($"{key} must be $true or $false.");
            return null;
        }

        private static double? Number(object? value) =>
            value is string || value is bool || value == null ? (double?)null
            : value is IConvertible c ? c.ToDouble(CultureInfo.InvariantCulture) : (double?)null;

        /// <summary>
        /// The entries of a JSON schedules file: <c>{"schedules": [{...}, ...]}</c> (the key in any case); each entry's
        /// place names its line. An ArgumentException when the text is not that shape.
        /// </summary>
        public static List<ScheduleFileEntry> EntriesOfJson(string json, string fileName)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"{fileName} is not valid JSON: {ex.Message}");
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new ArgumentException($"{fileName}: expected an object with a 'schedules' array.");
                var unknown = root.EnumerateObject().Where(p => !string.Equals(p.Name, "schedules", StringComparison.OrdinalIgnoreCase)).Select(p => p.Name).ToList();
                if (unknown.Count > 0) throw new ArgumentException($"{fileName}: unknown key '{unknown[0]}' at the top (only 'schedules').");
                var list = root.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, "schedules", StringComparison.OrdinalIgnoreCase));
                if (list.Value.ValueKind != JsonValueKind.Array) throw new ArgumentException($"{fileName}: expected a 'schedules' array.");
                var lines = EntryLines(json);
                var entries = new List<ScheduleFileEntry>();
                var i = 0;
                foreach (var item in list.Value.EnumerateArray())
                {
                    var where = $"{fileName} {(i < lines.Count ? $"line {lines[i]}, " : "")}entry {i + 1}";
                    i++;
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        entries.Add(new ScheduleFileEntry(where, new[] { new KeyValuePair<string, object?>("(not an object)", null) }));
                        continue;
                    }
                    var body = ApifyBody.FromJson(item);
                    entries.Add(new ScheduleFileEntry(where, body.ToList()));
                }
                return entries;
            }
        }

        /// <summary>The line of each object in the top-level schedules array, in order.</summary>
        private static List<int> EntryLines(string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var lines = new List<int>();
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
                {
                    var offset = (int)reader.TokenStartIndex;
                    var line = 1;
                    for (var k = 0; k < offset; k++) if (bytes[k] == (byte)'\n') line++;
                    lines.Add(line);
                }
            }
            return lines;
        }
    }
}
