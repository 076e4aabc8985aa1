using System.Globalization;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>An ordered query string. Values are escaped once, here; a token is never added to it.</summary>
    public sealed class ApifyQuery
    {
        private readonly List<KeyValuePair<string, string>> _pairs = new List<KeyValuePair<string, string>>();

        public ApifyQuery Add(string name, string? value)
        {
            if (value != null) _pairs.Add(new KeyValuePair<string, string>(name, value));
            return this;
        }

        public ApifyQuery Add(string name, long? value) =>
            value.HasValue ? Add(name, value.Value.ToString(CultureInfo.InvariantCulture)) : this;

        public ApifyQuery Add(string name, double? value) =>
            value.HasValue ? Add(name, value.Value.ToString("R", CultureInfo.InvariantCulture)) : this;

        /// <summary>Adds <c>name=true</c> only when the flag is set (the API's default for its flags is false).</summary>
        public ApifyQuery AddFlag(string name, bool flag) => flag ? Add(name, "true") : this;

        /// <summary>Timestamps as the API writes them: ISO 8601 in UTC with milliseconds.</summary>
        public ApifyQuery Add(string name, DateTime? value) =>
            value.HasValue ? Add(name, ToApiTime(value.Value)) : this;

        public ApifyQuery Clone()
        {
            var copy = new ApifyQuery();
            copy._pairs.AddRange(_pairs);
            return copy;
        }

        public bool IsEmpty => _pairs.Count == 0;

        public override string ToString()
        {
            if (_pairs.Count == 0) return string.Empty;
            var sb = new StringBuilder();
            foreach (var pair in _pairs)
            {
                sb.Append(sb.Length == 0 ? '?' : '&');
                sb.Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            }
            return sb.ToString();
        }

        /// <summary>A DateTime of unspecified kind is taken as local time, as PowerShell's Get-Date gives it.</summary>
        public static string ToApiTime(DateTime value) =>
            ToUtc(value).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        public static DateTime ToUtc(DateTime value) =>
            value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
    }
}
