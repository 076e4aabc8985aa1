namespace ApifyPS.Client
{
    /// <summary>One page of a list as <see cref="PageWalker"/> walks it, whatever the list's own paging looks like.</summary>
    internal interface IListPage<out T> : IDisposable
    {
        /// <summary>The items of the page (after <see cref="Complete"/>).</summary>
        int Count { get; }

        T Item(int index);

        /// <summary>The number of items the list says it has (a hint for reading ahead, never the stop rule); null when not given.</summary>
        long? Total { get; }

        /// <summary>The <c>limit</c> the server answered with; null when it gave none.</summary>
        long? Limit { get; }

        /// <summary>True when the page can hand out its first item before the rest is deserialized (a walk's first page).</summary>
        bool HasEarlyItem { get; }

        T EarlyItem();

        /// <summary>Makes every item available (deserializes the rest of an early page); a broken page is an <see cref="ApifyApiException"/>.</summary>
        void Complete();
    }
}
