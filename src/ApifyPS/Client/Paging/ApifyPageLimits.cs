namespace ApifyPS.Client
{
    /// <summary>The API's page limits (the OpenAPI document's maxima), for the cmdlets' -PageSize ranges and the sources.</summary>
    public static class ApifyPageLimits
    {
        /// <summary>The largest <c>limit</c> of the offset lists (and the server's default there).</summary>
        public const int MaxPageSize = 1000;

        /// <summary>The largest <c>limit</c> the key lists accept.</summary>
        public const int MaxKeyPageSize = KeyListSource<object>.MaxKeyPageSize;

        /// <summary>Dataset items per request when the caller sets no page size (the items endpoint has no limit of its own).</summary>
        public const int DefaultDatasetPageSize = DatasetItemsSource<object>.DefaultItemsPageSize;
    }
}
