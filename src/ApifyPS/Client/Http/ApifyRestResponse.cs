namespace ApifyPS.Client
{
    /// <summary>
    /// What an endpoint answered Invoke-ApifyRestMethod: the status, every header (the response's and its content's),
    /// and the body read whole under its cap. A JSON body was checked to parse inside its request (a body that does not
    /// is a failed attempt there); <see cref="Json"/> is its <c>data</c> when it has one (the API's envelope), else all
    /// of it.
    /// </summary>
    public sealed class ApifyRestResponse
    {
        private readonly int _jsonStart;
        private readonly int _jsonLength;

        internal ApifyRestResponse(int statusCode, IReadOnlyDictionary<string, string[]> headers, string? contentType, byte[] body,
            bool isJson, int jsonStart, int jsonLength, bool hasData, string? savedTo = null, long length = 0)
        {
            StatusCode = statusCode;
            Headers = headers;
            ContentType = contentType;
            Body = body;
            IsJson = isJson;
            _jsonStart = jsonStart;
            _jsonLength = jsonLength;
            HasData = hasData;
            SavedTo = savedTo;
            Length = savedTo != null ? length : body.Length;
        }

        public int StatusCode { get; }

        /// <summary>Every header of the answer, by name (case-insensitive), each with its values.</summary>
        public IReadOnlyDictionary<string, string[]> Headers { get; }

        public string? ContentType { get; }

        /// <summary>The body as received; empty for HEAD, 204, or a body written to a file.</summary>
        public byte[] Body { get; }

        /// <summary>True when the body is JSON (by its Content-Type) and not empty.</summary>
        public bool IsJson { get; }

        /// <summary>True when the JSON body is an object with a <c>data</c> property (the API's envelope).</summary>
        public bool HasData { get; }

        /// <summary>The JSON to hand on: the envelope's <c>data</c>, or the whole body.</summary>
        public ReadOnlyMemory<byte> Json => IsJson ? new ReadOnlyMemory<byte>(Body, _jsonStart, _jsonLength) : ReadOnlyMemory<byte>.Empty;

        /// <summary>The full path of the file the body was written to (-OutFile); null otherwise.</summary>
        public string? SavedTo { get; }

        /// <summary>The body's length in bytes (written to the file, or held).</summary>
        public long Length { get; }
    }
}
