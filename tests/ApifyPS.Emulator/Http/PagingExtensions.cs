namespace ApifyPS.Emulator.Http;

public static class PagingExtensions
{
    /// <summary>The page [offset, offset+limit) of an ordered list, in ascending or descending order.</summary>
    public static List<T> Slice<T>(this Paging paging, IReadOnlyList<T> all)
    {
        var page = new List<T>();
        for (var i = paging.Offset; i < all.Count && page.Count < paging.Limit; i++)
            page.Add(paging.Desc ? all[all.Count - 1 - i] : all[i]);
        return page;
    }
}
