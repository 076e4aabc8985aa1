namespace ApifyPS.Client
{
    /// <summary>The arithmetic of walking an offset-paged list, kept apart so it is tested on its own.</summary>
    public static class PagePlanner
    {
        /// <summary>
        /// The <c>limit</c> to ask for: no more than is still wanted, no more than the page size; null (let the server
        /// choose) when neither bounds it. 1000 is never assumed: the server says what its limit is.
        /// </summary>
        public static long? NextLimit(long? remaining, int? pageSize)
        {
            if (remaining.HasValue && pageSize.HasValue) return Math.Min(remaining.Value, pageSize.Value);
            if (remaining.HasValue) return remaining.Value;
            if (pageSize.HasValue) return pageSize.Value;
            return null;
        }

        /// <summary>
        /// True when no further page can hold items: an empty page, or a short one (fewer items than the limit the
        /// server answered with, or, when it answered none, than was asked for). <c>total</c> is not trusted for
        /// this: it can change while walking.
        /// </summary>
        public static bool IsLastPage(long count, long answeredLimit, long? requestedLimit)
        {
            if (count == 0) return true;
            var limit = answeredLimit > 0 ? answeredLimit : requestedLimit ?? 0;
            return limit > 0 && count < limit;
        }
    }
}
