namespace ApifyPS.Client
{
    /// <summary>What to look for in the Apify Store (GET /v2/store's filters); a null field is not sent.</summary>
    public sealed class ApifyStoreSearch
    {
        /// <summary>Words matched against the Actors' titles, names, descriptions and owners.</summary>
        public string? Search { get; set; }

        /// <summary>A Store category, e.g. AI or LEAD_GENERATION.</summary>
        public string? Category { get; set; }

        /// <summary>Only this user's Actors.</summary>
        public string? Username { get; set; }

        /// <summary>FREE, FLAT_PRICE_PER_MONTH, PRICE_PER_DATASET_ITEM or PAY_PER_EVENT.</summary>
        public string? PricingModel { get; set; }

        /// <summary>relevance, popularity, newest or lastUpdate.</summary>
        public string? SortBy { get; set; }

        internal ApifyQuery AddTo(ApifyQuery query) =>
            query.Add("search", Search).Add("category", Category).Add("username", Username)
                .Add("pricingModel", PricingModel).Add("sortBy", SortBy);
    }
}
