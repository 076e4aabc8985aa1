namespace ApifyPS.Client
{
    /// <summary>
    /// An answer larger than its <see cref="BodyCap"/>: thrown by the reader, turned by the request into an
    /// <see cref="ApifyErrorTypes.InvalidResponse"/> error that names the cap (and is not retried: the same answer
    /// would come again).
    /// </summary>
    internal sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(BodyCap cap, long? announced)
            : base($"more than {BodyCap.Format(cap.Bytes)}, the most ApifyPS reads into memory for {cap.What}")
        {
            Cap = cap;
            Announced = announced;
        }

        public BodyCap Cap { get; }

        /// <summary>The Content-Length the answer announced, when it did.</summary>
        public long? Announced { get; }
    }
}
