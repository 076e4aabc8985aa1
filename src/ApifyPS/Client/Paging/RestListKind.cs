namespace ApifyPS.Client
{
    /// <summary>How a list answered by an arbitrary endpoint pages (<see cref="RestListSource{T}"/> tells from its first answer).</summary>
    internal enum RestListKind
    {
        /// <summary><c>{"data":{"total","offset","limit","count","items"}}</c>: by offset.</summary>
        Envelope,

        /// <summary>A bare JSON array with X-Apify-Pagination-* headers (dataset items): by offset.</summary>
        Array,

        /// <summary><c>{"data":{"items","isTruncated","nextExclusiveStartKey"}}</c>: by key.</summary>
        Keys,
    }
}
