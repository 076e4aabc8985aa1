namespace ApifyPS.Client
{
    /// <summary>
    /// A list paged by <c>offset</c> and <c>limit</c> (the API's lists and dataset items). The walk advances by the
    /// items received and stops on an empty or short page (short against the limit the server answered, never a
    /// larger one than was asked for; 1000 is never assumed) — or, for a list whose server drops items from inside a
    /// page's window (dataset items with <c>clean</c>), advances by the window and stops at the list's total.
    /// </summary>
    internal abstract class OffsetPageSource<T> : PageSource<T, long>
    {
        protected OffsetPageSource(bool advanceByWindow)
        {
            AdvanceByWindow = advanceByWindow;
        }

        /// <summary>True when pages may hold fewer items than their window without being the last one.</summary>
        public bool AdvanceByWindow { get; }

        public override bool TryAdvance(IListPage<T> page, long offset, long? limit, out long next)
        {
            var window = page.Limit is long answered && answered > 0 ? (limit.HasValue ? System.Math.Min(answered, limit.Value) : answered) : limit;
            if (AdvanceByWindow)
            {
                next = offset + System.Math.Max(window ?? 0, page.Count);
                return page.Total.HasValue ? next < page.Total.Value : page.Count > 0;
            }
            next = offset + page.Count;
            return !PagePlanner.IsLastPage(page.Count, window ?? 0, limit);
        }

        public override bool EndAnnounced(IListPage<T> page, long next) => page.Total > 0 && next >= page.Total;
    }
}
