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
}
