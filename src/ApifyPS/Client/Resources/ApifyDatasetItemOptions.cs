namespace ApifyPS.Client
{
    /// <summary>What the items endpoint does to each item: pick or drop fields, drop hidden fields and empty items.</summary>
    public sealed class ApifyDatasetItemOptions
    {
        /// <summary>Only these fields, in this order (the API's <c>fields</c>).</summary>
        public IList<string>? Fields { get; set; }

        /// <summary>Without these fields (the API's <c>omit</c>).</summary>
        public IList<string>? Omit { get; set; }

        /// <summary>Without fields starting with # and without empty items (the API's <c>clean</c>).</summary>
        public bool Clean { get; set; }

        internal ApifyQuery AddTo(ApifyQuery query) =>
            query.Add("fields", Join(Fields)).Add("omit", Join(Omit)).AddFlag("clean", Clean);

        private static string? Join(IList<string>? names) => names == null || names.Count == 0 ? null : string.Join(",", names);
    }
}
