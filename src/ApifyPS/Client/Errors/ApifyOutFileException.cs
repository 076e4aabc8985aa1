namespace ApifyPS.Client
{
    /// <summary>
    /// A record could not be written to its file: a local problem, not the server's or the network's, so the request
    /// is never repeated for it. No partial file is left behind.
    /// </summary>
    public sealed class ApifyOutFileException : ApifyException
    {
        public ApifyOutFileException(ApifyOutFileProblem problem, string path, string message, Exception? inner = null)
            : base(ApifyErrorTypes.OutFileNotWritten, message, inner)
        {
            Problem = problem;
            Path = path;
        }

        public ApifyOutFileProblem Problem { get; }

        /// <summary>The file that was to be written.</summary>
        public string Path { get; }
    }
}
