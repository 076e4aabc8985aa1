namespace ApifyPS.Client
{
    /// <summary>
    /// A body streamed under a timeout between bytes (<see cref="ApifyRequest.TimeoutBetweenBytes"/>) that sent nothing
    /// for that long; the request turns it into a <see cref="ApifyErrorTypes.RequestTimeout"/> error.
    /// </summary>
    internal sealed class ResponseBodyStalledException : Exception
    {
        public ResponseBodyStalledException(TimeSpan timeout, TimeSpan waited, long bytesBefore)
            : base($"no byte came for {waited.TotalSeconds:0.0} s")
        {
            Timeout = timeout;
            Waited = waited;
            BytesBefore = bytesBefore;
        }

        /// <summary>The longest pause allowed.</summary>
        public TimeSpan Timeout { get; }

        /// <summary>How long the last read really waited (measured).</summary>
        public TimeSpan Waited { get; }

        /// <summary>The bytes that had come before the pause.</summary>
        public long BytesBefore { get; }
    }
}
