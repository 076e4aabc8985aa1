namespace ApifyPS.Client
{
    /// <summary>How GET /v2/actors sorts (its sortBy).</summary>
    public enum ApifyActorSort
    {
        /// <summary>createdAt (the API's default).</summary>
        CreatedAt,
        /// <summary>stats.lastRunStartedAt: with desc, the most recently run first.</summary>
        LastRunStartedAt,
    }
}
