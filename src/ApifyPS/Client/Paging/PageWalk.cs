namespace ApifyPS.Client
{
    /// <summary>What one walk of a list wants: how many items, skipped how, and the read-ahead rule to use.</summary>
    internal sealed class PageWalk<T>
    {
        /// <summary>Items to read and drop at the start (lists that cannot skip by offset); 0 for offset lists, which skip by their first offset.</summary>
        public long SkipItems { get; set; }

        /// <summary>At most this many items in all; null for all of them.</summary>
        public long? First { get; set; }

        /// <summary>Items per request; null for the source's default.</summary>
        public int? PageSize { get; set; }

        /// <summary>Called once with the list's total, when it gives one (for -IncludeTotalCount).</summary>
        public Action<long>? OnTotal { get; set; }

        /// <summary>
        /// A consumer that stops on its own at the first item for which this is true (and true for every item after it,
        /// as a time window passed): a page whose last item ends the walk is not read ahead of.
        /// </summary>
        public Func<T, bool>? EndsWalk { get; set; }

        /// <summary>See <see cref="ApifyClientOptions.ReadAheadAt"/>; null: no read-ahead.</summary>
        public double? ReadAheadAt { get; set; }

        /// <summary>See <see cref="ApifyClientOptions.ReadAheadMinItems"/>.</summary>
        public int ReadAheadMinItems { get; set; }

        public static PageWalk<T> From(PageRequest paging, ApifyClientOptions options, Func<T, bool>? endsWalk = null) =>
            new PageWalk<T>
            {
                First = paging.First,
                PageSize = paging.PageSize,
                OnTotal = paging.OnTotal,
                EndsWalk = endsWalk,
                ReadAheadAt = options.ReadAheadAt,
                ReadAheadMinItems = options.ReadAheadMinItems,
            };
    }
}
