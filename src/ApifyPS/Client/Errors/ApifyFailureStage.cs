namespace ApifyPS.Client
{
    /// <summary>Where an attempt failed. Whether a start may be repeated depends on it.</summary>
    internal enum ApifyFailureStage
    {
        /// <summary>Not classified (an error of the client itself).</summary>
        Unknown,
        /// <summary>The connection could not be made: the request provably never reached the server.</summary>
        NotSent,
        /// <summary>Sent (or possibly sent), then the connection broke before any answer.</summary>
        NoAnswer,
        /// <summary>No complete answer within the request's timeout.</summary>
        Timeout,
        /// <summary>The server answered with an error status.</summary>
        Answered,
        /// <summary>The server answered with success, but the body broke off (fewer bytes than announced, a reset mid-body).</summary>
        Body,
        /// <summary>
        /// The server answered with success and the body arrived whole (the HTTP answer was complete), but it is not the
        /// JSON expected: an HTML page, JSON of another shape or that stops short, absurd nesting. Asking again most
        /// likely gets the same, so it is asked once more at most.
        /// </summary>
        Unusable,
        /// <summary>The server answered with success, but with more than may be read into memory: the same would come again.</summary>
        TooLarge,
    }
}
