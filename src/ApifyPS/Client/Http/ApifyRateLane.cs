namespace ApifyPS.Client
{
    /// <summary>
    /// Which of the API's rate limits a request counts against, beside its resource (<see cref="ApifyPath.RateResource"/>):
    /// the API limits each resource (60 requests/s by default) and, apart, starting runs, metamorphs and pushing
    /// dataset items (400/s). The limits themselves are learned from <c>X-RateLimit-Limit</c> (<see cref="ApifyRateLimiter"/>).
    /// </summary>
    public enum ApifyRateLane
    {
        /// <summary>The resource's own limit.</summary>
        Resource,
        /// <summary>The limit of starts, metamorphs and item pushes on the resource.</summary>
        Starts,
    }
}
