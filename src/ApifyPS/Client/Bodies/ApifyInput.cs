using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>A request body as the API passes it on to an Actor (its INPUT): the bytes and their Content-Type.</summary>
    public sealed class ApifyInput
    {
        public const string JsonContentType = "application/json; charset=utf-8";

        public ApifyInput(byte[] body, string contentType)
        {
            Body = body ?? throw new ArgumentNullException(nameof(body));
            if (string.IsNullOrWhiteSpace(contentType)) throw new ArgumentException("The content type is empty.", nameof(contentType));
            ContentType = contentType;
        }

        public byte[] Body { get; }

        public string ContentType { get; }

        /// <summary>JSON text (or any text) sent as it is, UTF-8 encoded.</summary>
        public static ApifyInput FromText(string text, string? contentType = null) =>
            new ApifyInput(new UTF8Encoding(false).GetBytes(text), contentType ?? JsonContentType);

        internal HttpContent ToContent()
        {
            var content = new ByteArrayContent(Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            return content;
        }
    }

    /// <summary>The options of a run start (POST runs, run-sync); null leaves the Actor's default.</summary>
    public sealed class ApifyRunOptionsRequest
    {
        /// <summary>A build tag (latest, beta) or number (0.1.23).</summary>
        public string? Build { get; set; }

        /// <summary>The run's timeout (the API's <c>timeout</c>); 0 means none.</summary>
        public int? TimeoutSecs { get; set; }

        /// <summary>The run's memory (the API's <c>memory</c>): a power of 2 from 128 to 32768.</summary>
        public int? MemoryMbytes { get; set; }

        public long? MaxItems { get; set; }

        public double? MaxTotalChargeUsd { get; set; }

        /// <summary>Ad-hoc webhooks as a JSON array; sent base64-encoded in the <c>webhooks</c> parameter.</summary>
        public string? WebhooksJson { get; set; }

        /// <summary>
        /// Not sent: when the platform refuses the start for now (<c>actor-memory-limit-exceeded</c>,
        /// <c>concurrent-runs-limit-exceeded</c>), keep trying with backoff for up to this long (see
        /// <see cref="ApifyRequest.CapacityWait"/>). Null: such a refusal is an error at once.
        /// </summary>
        public TimeSpan? CapacityWait { get; set; }

        internal ApifyQuery AddTo(ApifyQuery query)
        {
            query.Add("timeout", TimeoutSecs).Add("memory", MemoryMbytes).Add("maxItems", MaxItems)
                .Add("maxTotalChargeUsd", MaxTotalChargeUsd).Add("build", string.IsNullOrEmpty(Build) ? null : Build);
            if (!string.IsNullOrEmpty(WebhooksJson))
                query.Add("webhooks", Convert.ToBase64String(new UTF8Encoding(false).GetBytes(WebhooksJson)));
            return query;
        }
    }

    /// <summary>
    /// A key-value store record's value: its bytes and Content-Type. What a synchronous run answered (its OUTPUT
    /// record, or the one asked for, or nothing) and what a record read answers.
    /// </summary>
    public sealed class ApifyActorOutput
    {
        public ApifyActorOutput(byte[] body, string? contentType)
        {
            Body = body;
            ContentType = contentType;
        }

        public byte[] Body { get; }

        /// <summary>The record's content type; null when the answer had no body (the Actor stored no such record).</summary>
        public string? ContentType { get; }

        public bool IsEmpty => Body.Length == 0;

        /// <summary>application/json or any +json type.</summary>
        public bool IsJson => ContentTypes.IsJson(ContentType);

        /// <summary>text/*, JSON, XML, JavaScript, CSV: readable as text.</summary>
        public bool IsText => ContentTypes.IsText(ContentType);

        /// <summary>The body decoded with the charset of the content type (UTF-8 by default).</summary>
        public string Text => ContentTypes.Decode(Body, ContentType);
    }

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
