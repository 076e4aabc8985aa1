namespace ApifyPS.Client
{
    /// <summary>
    /// How one kind of list pages (<typeparamref name="TCursor"/> says where a page starts: an offset, a key): how a
    /// page is requested and what says there is another. <see cref="PageWalker"/> does the walking, the same for all.
    /// </summary>
    internal abstract class PageSource<T, TCursor>
    {
        /// <summary>The largest <c>limit</c> the endpoint accepts, when the spec sets one the client must keep to.</summary>
        public virtual long? MaxLimit => null;

        /// <summary>The <c>limit</c> sent when the caller sets no page size; null lets the server choose.</summary>
        public virtual int? DefaultPageSize => null;

        /// <summary>Requests the page at <paramref name="cursor"/> (<paramref name="first"/>: the walk's first page).</summary>
        public abstract Task<IListPage<T>> FetchAsync(TCursor cursor, long? limit, bool first, CancellationToken cancellationToken);

        /// <summary>The stop rule: whether another page can hold items after <paramref name="page"/>, and where it starts.</summary>
        public abstract bool TryAdvance(IListPage<T> page, TCursor cursor, long? limit, out TCursor next);

        /// <summary>True when the list announced that the page at <paramref name="next"/> is past its end (a hint: it is not read ahead).</summary>
        public virtual bool EndAnnounced(IListPage<T> page, TCursor next) => false;
    }
}
