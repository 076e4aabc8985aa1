using System.Net.Http.Headers;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>Classifies content types the way the API's records use them.</summary>
    public static class ContentTypes
    {
        public static string MediaType(string? contentType) =>
            (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

        public static bool IsJson(string? contentType)
        {
            var media = MediaType(contentType);
            return media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal);
        }

        public static bool IsText(string? contentType)
        {
            var media = MediaType(contentType);
            return media.StartsWith("text/", StringComparison.Ordinal) || IsJson(contentType) || media.EndsWith("xml", StringComparison.Ordinal) ||
                   media == "application/javascript" || media == "application/x-ndjson" || media == "application/csv";
        }

        public static string Decode(byte[] body, string? contentType)
        {
            Encoding encoding = new UTF8Encoding(false);
            try
            {
                if (contentType != null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) && !string.IsNullOrEmpty(parsed.CharSet))
                    encoding = Encoding.GetEncoding(parsed.CharSet.Trim('"'));
            }
            catch (ArgumentException) { }
            var text = encoding.GetString(body);
            return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
        }

        /// <summary>A content type for a file sent as input, from its extension.</summary>
        public static string ForFile(string path)
        {
            switch (System.IO.Path.GetExtension(path).ToLowerInvariant())
            {
                case ".json": return "application/json";
                case ".txt": case ".log": return "text/plain; charset=utf-8";
                case ".csv": return "text/csv; charset=utf-8";
                case ".html": case ".htm": return "text/html; charset=utf-8";
                case ".xml": return "application/xml";
                case ".png": return "image/png";
                case ".jpg": case ".jpeg": return "image/jpeg";
                case ".gif": return "image/gif";
                case ".pdf": return "application/pdf";
                case ".zip": return "application/zip";
                default: return "application/octet-stream";
            }
        }
    }
}
