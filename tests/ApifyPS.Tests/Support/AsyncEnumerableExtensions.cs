namespace ApifyPS.Tests.Support;

public static class AsyncEnumerableExtensions
{
    /// <summary>Takes at most <paramref name="take"/> items without asking the source for one more.</summary>
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source, int? take = null)
    {
        var list = new List<T>();
        await using var e = source.GetAsyncEnumerator();
        while ((!take.HasValue || list.Count < take) && await e.MoveNextAsync()) list.Add(e.Current);
        return list;
    }
}
