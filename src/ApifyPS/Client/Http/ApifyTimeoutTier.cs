namespace ApifyPS.Client
{
    /// <summary>How long one attempt of a request may take (the values are <see cref="ApifyClientOptions"/>).</summary>
    public enum ApifyTimeoutTier
    {
        /// <summary><see cref="ApifyClientOptions.RequestTimeout"/> (30 s) for the whole attempt, body included.</summary>
        Request,
        /// <summary>The server holds the answer up to the request's <see cref="ApifyRequest.LongPollSeconds"/>: that plus <see cref="ApifyClientOptions.LongPollMargin"/>.</summary>
        LongPoll,
        /// <summary>A synchronous run: <see cref="ApifyClientOptions.RunSyncTimeout"/> (the API waits up to 300 s; 360 s).</summary>
        RunSync,
        /// <summary><see cref="ApifyClientOptions.RequestTimeout"/> for the headers, then for every pause between bytes of the body (a download to a file), not for the whole body.</summary>
        BetweenBytes,
        /// <summary>No timeout (a followed log lasts as long as its job); Ctrl+C still ends it at once.</summary>
        None,
    }
}
