using System.Text.RegularExpressions;

namespace ApifyPS.Client
{
    /// <summary>
    /// The shape of a cron expression the schedules API takes, checked before any request: 5 fields (minute hour
    /// day-of-month month day-of-week), 6 with seconds first, or a macro (@yearly, @annually, @monthly, @weekly, @daily,
    /// @midnight, @hourly). Only the shape: the server judges the values.
    /// </summary>
    public static class ApifyCron
    {
        private static readonly string[] s_macros = { "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly" };
        private static readonly Regex s_field = new Regex(@"^[0-9A-Za-z*?/,\-#]+$", RegexOptions.CultureInvariant);

        /// <summary>Why <paramref name="expression"/> is not a cron expression, or null when it has the shape of one.</summary>
        public static string? ProblemOf(string? expression)
        {
            var text = (expression ?? "").Trim();
            if (text.Length == 0) return "it is empty";
            if (text.StartsWith("@", StringComparison.Ordinal))
                return s_macros.Contains(text, StringComparer.OrdinalIgnoreCase) ? null : $"'{text}' is not a macro; use one of {string.Join(", ", s_macros)}";
            var fields = text.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 5 && fields.Length != 6)
                return $"it has {fields.Length} field{(fields.Length == 1 ? "" : "s")}; a cron expression has 5 (minute hour day-of-month month day-of-week), 6 with seconds first, or is a macro such as @daily";
            var bad = fields.FirstOrDefault(f => !s_field.IsMatch(f));
            return bad == null ? null : $"the field '{bad}' is not a number, range, list, step or name";
        }

        /// <summary>Throws an ArgumentException naming <paramref name="parameter"/> when the expression is not one.</summary>
        public static void Check(string? expression, string parameter)
        {
            var problem = ProblemOf(expression);
            if (problem != null) throw new ArgumentException($"{parameter}: '{expression}' is not a cron expression: {problem}.");
        }
    }
}
