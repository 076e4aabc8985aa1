namespace ApifyPS.Client
{
    /// <summary>What part of an offset-paged list the caller wants (PowerShell's -Skip/-First, -PageSize, -Descending).</summary>
    public sealed class PageRequest
    {
        /// <summary>Items to skip at the start: sent as the first request's <c>offset</c>.</summary>
        public long Skip { get; set; }

        /// <summary>At most this many items in all; null for all of them.</summary>
        public long? First { get; set; }

        /// <summary>Items per request; null lets the server choose (its default, which is also its maximum).</summary>
        public int? PageSize { get; set; }

        public bool Descending { get; set; }

        /// <summary>Called once with the server's <c>total</c> from the first page (for -IncludeTotalCount).</summary>
        public Action<long>? OnTotal { get; set; }
    }
}
