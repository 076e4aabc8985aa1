using System.Text;

namespace ApifyPS.Client
{
    /// <summary>
    /// Splits a text response into lines as its bytes arrive (UTF-8; \n or \r\n; a last line without \n counts),
    /// read through <see cref="ResponseBody"/> (the attempt's token ends any wait at once). A log may be as large as it
    /// likes, since it is handed over line by line; a line longer than <see cref="MaxLineChars"/> is handed over in
    /// pieces of that length, so that nothing (a log without line breaks, a gzip bomb) grows without bound.
    /// </summary>
    internal static class LogLines
    {
        /// <summary>The longest piece of a line held and handed over at once: 1 Mi characters (2 MiB).</summary>
        public const int MaxLineChars = 1024 * 1024;

        public static async Task<long> ReadAsync(HttpResponseMessage response, Action<string> onLine, CancellationToken token)
        {
            using var body = await ResponseBody.OpenAsync(response, token).ConfigureAwait(false);
            var decoder = new UTF8Encoding(false).GetDecoder();
            var bytes = new byte[16 * 1024];
            var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
            var line = new StringBuilder();
            long count = 0;
            var first = true;
            while (true)
            {
                var n = await body.ReadAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                var c = decoder.GetChars(bytes, 0, n, chars, 0, flush: n == 0);
                var start = 0;
                if (first && c > 0)
                {
                    first = false;
                    if (chars[0] == '\uFEFF') start = 1;
                }
                for (var i = start; i < c; i++)
                {
                    if (chars[i] != '\n')
                    {
                        if (line.Length + (i - start) < MaxLineChars) continue;
                        // MaxLineChars without a line break: hand them over as a piece (a surrogate pair stays together).
                        line.Append(chars, start, i - start);
                        start = i;
                        var carry = char.IsHighSurrogate(line[line.Length - 1]) ? line[line.Length - 1] : (char?)null;
                        if (carry.HasValue) line.Length--;
                        onLine(line.ToString());
                        line.Clear();
                        count++;
                        if (carry.HasValue) line.Append(carry.Value);
                        continue;
                    }
                    line.Append(chars, start, i - start);
                    Emit(line, onLine);
                    count++;
                    start = i + 1;
                }
                line.Append(chars, start, c - start);
                if (n == 0) break;
            }
            if (line.Length > 0)
            {
                Emit(line, onLine);
                count++;
            }
            return count;
        }

        private static void Emit(StringBuilder line, Action<string> onLine)
        {
            if (line.Length > 0 && line[line.Length - 1] == '\r') line.Length--;
            onLine(line.ToString());
            line.Clear();
        }
    }
}
