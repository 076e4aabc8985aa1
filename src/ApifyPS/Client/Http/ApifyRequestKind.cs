namespace ApifyPS.Client
{
    /// <summary>
    /// What kind of work a request does, which decides whether it may be repeated after an ambiguous failure: reads
    /// and idempotent writes may; a request that creates or starts something may not (see <see cref="ApifyResilience"/>).
    /// </summary>
    public enum ApifyRequestKind
    {
        /// <summary>A plain read; safe to repeat.</summary>
        Read,
        /// <summary>A read that the server holds open (<c>waitForFinish</c>); safe to repeat.</summary>
        LongPoll,
        /// <summary>Changes state but is idempotent (update by PUT, delete, abort, a keyed upsert).</summary>
        Write,
        /// <summary>Creates or starts something (a build, a run, run-sync, a metamorph, an Actor, a version): never repeated blindly.</summary>
        Create,
        /// <summary>A response read as it grows (a followed log): repeated only until its body is being handed over.</summary>
        Stream,
    }
}
