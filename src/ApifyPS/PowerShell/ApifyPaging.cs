using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Maps PowerShell's paging parameters (-First, -Skip, -IncludeTotalCount) onto the core's <see cref="PageRequest"/>.</summary>
    internal static class ApifyPaging
    {
        /// <param name="exactTotal">False when the client filters the list: the server's total is then written as unknown.</param>
        public static PageRequest From(ApifyCmdlet cmdlet, PagingParameters paging, int pageSize, bool descending, bool exactTotal = true)
        {
            var request = new PageRequest
            {
                Skip = (long)System.Math.Min(paging.Skip, long.MaxValue),
                First = paging.First == ulong.MaxValue ? (long?)null : (long)System.Math.Min(paging.First, long.MaxValue),
                PageSize = pageSize > 0 ? pageSize : (int?)null,
                Descending = descending,
            };
            if (paging.IncludeTotalCount)
                // Runs inside the core's continuation: post it so the count is written on the pipeline thread,
                // before the first item.
                request.OnTotal = total => cmdlet.PostOutput(paging.NewTotalCount((ulong)total, exactTotal ? 1.0 : 0.0));
            return request;
        }
    }
}
