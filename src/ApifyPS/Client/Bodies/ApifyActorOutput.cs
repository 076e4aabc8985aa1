using System.Net.Http.Headers;
using System.Text;

namespace ApifyPS.Client
{
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
}
