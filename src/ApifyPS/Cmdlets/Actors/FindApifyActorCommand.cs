using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Find-ApifyActor: searches the Apify Store (public Actors of every user), filtered by the server (-Search,
    /// -Category, -Username, -PricingModel), streamed lazily page by page (-First, -Skip, -IncludeTotalCount).
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "ApifyActor", SupportsPaging = true)]
    [OutputType(typeof(ApifyStoreActor))]
    public sealed class FindApifyActorCommand : ApifyCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Search { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Category { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Username { get; set; }

        [Parameter]
        [ValidateSet("FREE", "FLAT_PRICE_PER_MONTH", "PRICE_PER_DATASET_ITEM", "PAY_PER_EVENT")]
        public string? PricingModel { get; set; }

        [Parameter]
        [ValidateSet("relevance", "popularity", "newest", "lastUpdate")]
        public string? SortBy { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; }

        protected override void ProcessRecord()
        {
            var search = new ApifyStoreSearch
            {
                Search = Search,
                Category = Category,
                Username = Username,
                PricingModel = PricingModel?.ToUpperInvariant(),
                SortBy = SortBy,
            };
            var paging = ApifyPaging.From(this, PagingParameters, PageSize, descending: false);
            WriteStream(token => Client.Store.SearchAsync(search, paging, token), Search);
        }
    }
}
