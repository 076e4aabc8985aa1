namespace ApifyPS.Client
{
    /// <summary>Why a record could not be written to its file (<see cref="ApifyOutFileException"/>).</summary>
    public enum ApifyOutFileProblem
    {
        /// <summary>The folder the file would go in does not exist (found before any request).</summary>
        FolderMissing,
        /// <summary>The file exists and replacing it was not allowed (-NoClobber; found before any request).</summary>
        Exists,
        /// <summary>Creating, writing or renaming the file failed (permissions, a full disk, ...).</summary>
        NotWritten,
    }
}
