using System.Management.Automation;
using ApifyPS.Client;

namespace ApifyPS.Cmdlets
{
    /// <summary>Maps PowerShell's paging parameters (-First, -Skip, -IncludeTotalCount) onto the core's <see cref="PageRequest"/>.</summary>
    internal static class ApifyPaging
    {
        public static PageRequest From(ApifyCmdlet cmdlet, PagingParameters paging, int pageSize, bool descending)
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
                request.OnTotal = total => cmdlet.PostOutput(paging.NewTotalCount((ulong)total, 1.0));
            return request;
        }
    }
}
