namespace ApifyPS.Client
{
    /// <summary>
    /// The base of every failure ApifyPS reports. <see cref="ErrorType"/> is machine-readable (the API's own type such
    /// as <c>record-not-found</c>, or one of <see cref="ApifyErrorTypes"/>); the cmdlet layer makes it the error
    /// record's FullyQualifiedErrorId and picks the ErrorCategory by the exception's type. Messages never hold a token.
    /// <list type="bullet">
    /// <item><see cref="ApifyApiException"/>: a request was made and failed (an answer, or none).</item>
    /// <item><see cref="ApifyConnectionException"/>: no usable connection (no token, a profile, a vault, http refused).</item>
    /// <item><see cref="ApifyPathException"/>: a value that cannot be part of a path; nothing was sent.</item>
    /// <item><see cref="ApifyJobException"/>: a build or run that ended badly, or a wait that gave up.</item>
    /// <item><see cref="ApifyOutFileException"/>: a file that could not be written.</item>
    /// </list>
    /// </summary>
    public abstract class ApifyException : Exception
    {
        protected ApifyException(string errorType, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorType = errorType;
        }

        /// <summary>The API's error type, or one of ApifyPS's own (<see cref="ApifyErrorTypes"/>).</summary>
        public string ErrorType { get; }

        /// <summary>The id of the object the failure is about, when known (the error record's target).</summary>
        public string? TargetId { get; set; }

        /// <summary>What the user should do next, when ApifyPS knows (plain words; commands are the cmdlet layer's).</summary>
        public string? RecommendedAction { get; internal set; }
    }
}
