using System.Globalization;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>
    /// One variable part of an API path (an id, a name, a key), named as the API's OpenAPI document names the path
    /// parameter, and the one rule every such part obeys: it stays exactly one segment, so the request goes exactly
    /// where it was meant to. A value is refused (an <see cref="ApifyPathException"/>, before any request) when it is
    /// empty; is <c>.</c> or <c>..</c> (which URI resolution removes, moving the request to the parent path); holds
    /// <c>/</c>, <c>\</c> or a control character; is not valid text; or turns into any of these once a server decodes
    /// its percent escapes (<c>%2e%2e</c>) or folds compatibility characters (<c>．．</c>). Anything else is escaped
    /// with <see cref="Uri.EscapeDataString"/> and sent as it is.
    /// </summary>
    public sealed class PathSegment
    {
        private static readonly Dictionary<string, PathSegment> s_byName = new Dictionary<string, PathSegment>(StringComparer.Ordinal);

        public static readonly PathSegment ActorId = new PathSegment("actorId", "Actor id or username~name");
        public static readonly PathSegment VersionNumber = new PathSegment("versionNumber", "version number");
        public static readonly PathSegment EnvVarName = new PathSegment("envVarName", "environment variable name");
        public static readonly PathSegment BuildId = new PathSegment("buildId", "build id");
        public static readonly PathSegment RunId = new PathSegment("runId", "run id");
        public static readonly PathSegment BuildOrRunId = new PathSegment("buildOrRunId", "build or run id");
        public static readonly PathSegment DatasetId = new PathSegment("datasetId", "dataset id or username~name");
        public static readonly PathSegment StoreId = new PathSegment("storeId", "key-value store id or username~name");
        public static readonly PathSegment RecordKey = new PathSegment("recordKey", "record key");
        // Account and alerting.
        public static readonly PathSegment UserId = new PathSegment("userId", "user id or username");
        public static readonly PathSegment WebhookId = new PathSegment("webhookId", "webhook id");
        public static readonly PathSegment DispatchId = new PathSegment("dispatchId", "webhook dispatch id");
        public static readonly PathSegment ActorTaskId = new PathSegment("actorTaskId", "Actor task id or username~name");
        public static readonly PathSegment ScheduleId = new PathSegment("scheduleId", "schedule id");

        // Invoke-ApifyRestMethod: a part of a path the user wrote, whatever the spec names it there.
        public static readonly PathSegment Segment = new PathSegment("segment", "path segment");
        // Storages (issue 15).
        public static readonly PathSegment QueueId = new PathSegment("queueId", "request queue id or username~name");
        public static readonly PathSegment RequestId = new PathSegment("requestId", "request id");

        private PathSegment(string name, string description)
        {
            Name = name;
            Description = description;
            s_byName.Add(name, this);
        }

        /// <summary>The path parameter's name in the API's OpenAPI document (<c>actorId</c>, <c>envVarName</c>).</summary>
        public string Name { get; }

        /// <summary>What the value is, for people: "environment variable name".</summary>
        public string Description { get; }

        /// <summary>The segment of that name (<c>actorId</c>); an ArgumentException for a name there is none of.</summary>
        public static PathSegment Named(string name) =>
            name != null && s_byName.TryGetValue(name, out var segment)
                ? segment
                : throw new ArgumentException($"No path segment is named '{name}'.", nameof(name));

        /// <summary>The value escaped as one segment; an <see cref="ApifyPathException"/> when it cannot be one.</summary>
        public string Escape(string? value)
        {
            Check(value);
            return Uri.EscapeDataString(value!);
        }

        /// <summary>Refuses a value that cannot be this segment (an <see cref="ApifyPathException"/>); nothing else.</summary>
        public void Check(string? value)
        {
            var problem = ProblemOf(value);
            if (problem != null) throw new ApifyPathException(this, value, problem);
        }

        /// <summary>Why <paramref name="value"/> cannot be a path segment, or null when it can.</summary>
        public static string? ProblemOf(string? value)
        {
            if (string.IsNullOrEmpty(value)) return "it is empty";
            if (value == "." || value == "..") return "'.' and '..' are not names: they would send the request to another path";
            var raw = RawProblemOf(value!, "it");
            if (raw != null) return raw;
            // What a server or proxy on the way may make of it: its percent escapes decoded (even more than once), its
            // compatibility characters folded ('．．' is '..', '／' is '/'), in either order. Each must still be one segment.
            var folded = value!.Normalize(NormalizationForm.FormKC);
            foreach (var form in folded == value ? new[] { value! } : new[] { value!, folded })
            {
                var current = form;
                for (var pass = 0; pass <= 3; pass++)
                {
                    if (!ReferenceEquals(current, value))
                    {
                        var problem = ReadAsProblem(current);
                        if (problem != null) return problem;
                    }
                    var refolded = current.Normalize(NormalizationForm.FormKC);
                    if (refolded != current && ReadAsProblem(refolded) is string afterFolding) return afterFolding;
                    if (current.IndexOf('%') < 0) break;
                    var next = Uri.UnescapeDataString(current);
                    if (next == current) break;
                    current = next;
                }
            }
            return null;
        }

        /// <summary>The problem with a form the value may take on the way to the server (decoded, folded), or null.</summary>
        private static string? ReadAsProblem(string form)
        {
            if (form.Length == 0 || form == "." || form == "..")
                return $"a server that decodes or normalizes it reads it as '{Show(form)}'";
            return RawProblemOf(form, $"read as '{Show(form)}' (decoded or normalized), it");
        }

        private static string? RawProblemOf(string value, string subject)
        {
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '/' || c == '\\') return $"{subject} holds '{c}', which would split it into two segments";
                if (char.IsControl(c)) return $"{subject} holds a control character (U+{(int)c:X4})";
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
                if (char.IsSurrogate(c)) return $"{subject} is not valid text (a lone surrogate U+{(int)c:X4})";
            }
            return null;
        }

        /// <summary>A value as messages show it: control characters and lone surrogates as \uXXXX, so a message stays one line.</summary>
        public static string Show(string? value)
        {
            if (value == null) return "";
            var sb = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    sb.Append(c).Append(value[++i]);
                    continue;
                }
                if (char.IsControl(c) || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        public override string ToString() => Name;
    }
}
