namespace ApifyPS.Client
{
    /// <summary>
    /// A value that cannot be the path segment it was meant for (<see cref="PathSegment"/>): refused before any
    /// request. It names the segment (the API's name for the path parameter) and the value, so the cmdlet layer can
    /// name the parameter the value came from.
    /// </summary>
    public sealed class ApifyPathException : ApifyException
    {
        public ApifyPathException(PathSegment segment, string? value, string problem)
            : base(ApifyErrorTypes.InvalidPathSegment,
                $"'{PathSegment.Show(value)}' is not a valid {segment.Description}: {problem}. Nothing was sent.")
        {
            Segment = segment;
            Value = value;
            Problem = problem;
        }

        /// <summary>Which part of the path the value was for.</summary>
        public PathSegment Segment { get; }

        /// <summary>The value refused, as given.</summary>
        public string? Value { get; }

        /// <summary>Why: "it is empty", "'.' and '..' are not names: ...".</summary>
        public string Problem { get; }
    }
}
