using System.IO;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>A JSON array of bodies as one request's content (a queue's batch of requests).</summary>
    internal sealed class ApifyBodyList
    {
        private readonly IReadOnlyList<ApifyBody> _bodies;

        public ApifyBodyList(IReadOnlyList<ApifyBody> bodies)
        {
            _bodies = bodies;
        }

        public HttpContent ToContent()
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartArray();
                foreach (var body in _bodies) body.WriteTo(writer);
                writer.WriteEndArray();
            }
            return new ByteArrayContent(stream.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };
        }
    }
}
