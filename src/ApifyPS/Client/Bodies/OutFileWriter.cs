using System.IO;
using System.Runtime.InteropServices;

namespace ApifyPS.Client
{
    /// <summary>
    /// Writes a downloaded body to a file the way Out-File would, but safely: into a temporary file beside the target,
    /// renamed over it only once complete, so a failure or Ctrl+C leaves no partial file. Everything that can be known
    /// before the request is checked before it (the folder exists, -NoClobber, the temporary file can be created); a
    /// replaced file keeps its Unix permission bits (the temporary file is owner-only until then, so the bytes are never
    /// readable by more people than before), and on Windows its ACL (File.Replace). Every failure is an
    /// <see cref="ApifyOutFileException"/>.
    /// </summary>
    internal sealed class OutFileWriter : IDisposable
    {
        private readonly string _temp;
        private readonly bool _noClobber;
        private readonly bool _replacing;
        private readonly int? _mode;
        private FileStream? _stream;
        private bool _committed;

        private OutFileWriter(string path, string temp, bool noClobber, bool replacing, int? mode, FileStream stream)
        {
            Path = path;
            _temp = temp;
            _noClobber = noClobber;
            _replacing = replacing;
            _mode = mode;
            _stream = stream;
        }

        /// <summary>The full path of the file to write.</summary>
        public string Path { get; }

        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Checks the target and creates the temporary file beside it; nothing is sent before this succeeds.</summary>
        public static OutFileWriter Create(string path, bool noClobber)
        {
            string full;
            try
            {
                full = System.IO.Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw new ApifyOutFileException(ApifyOutFileProblem.NotWritten, path, $"The file {path} cannot be written: {ex.Message}", ex);
            }
            var folder = System.IO.Path.GetDirectoryName(full);
            if (Directory.Exists(full))
                throw new ApifyOutFileException(ApifyOutFileProblem.NotWritten, full, $"{full} is a folder, not a file: nothing was downloaded.");
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                throw new ApifyOutFileException(ApifyOutFileProblem.FolderMissing, full,
                    $"The folder {folder} does not exist: nothing was downloaded to {full}.");
            var exists = File.Exists(full);
            if (exists && noClobber)
                throw new ApifyOutFileException(ApifyOutFileProblem.Exists, full,
                    $"The file {full} already exists, and -NoClobber does not replace it: nothing was downloaded.");
            var name = System.IO.Path.GetFileName(full);
            // Short enough for any file system, whatever the target's name.
            var temp = System.IO.Path.Combine(folder, "." + (name.Length > 100 ? name.Substring(0, 100) : name) + "." +
                                                      Guid.NewGuid().ToString("N").Substring(0, 8) + ".part");
            try
            {
                var replacingOnUnix = exists && PrivateFiles.IsUnix;
                var mode = replacingOnUnix ? PrivateFiles.UnixModeOf(full) : null;
                var stream = replacingOnUnix
                    ? PrivateFiles.CreateNew(temp)
                    : new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                return new OutFileWriter(full, temp, noClobber, exists, mode, stream);
            }
            catch (Exception ex) when (IsFileError(ex) || ex is ArgumentException)
            {
                throw new ApifyOutFileException(ApifyOutFileProblem.NotWritten, full, $"The file {full} cannot be written: {ex.Message}", ex);
            }
        }

        /// <summary>Writes the body into the temporary file, from its start (an attempt repeated after a stall starts over).</summary>
        public async Task<long> WriteAsync(HttpResponseMessage response, TimeSpan timeoutBetweenBytes, CancellationToken token,
            Action<long>? progress = null)
        {
            var stream = _stream ?? throw new ObjectDisposedException(nameof(OutFileWriter));
            try
            {
                stream.SetLength(0);
                stream.Position = 0;
            }
            catch (Exception ex) when (IsFileError(ex))
            {
                throw NotWritten(ex);
            }
            var target = progress == null ? (Stream)stream : new CountingWriteStream(stream, progress);
            var length = await ResponseBody.CopyToAsync(response, target, Path, timeoutBetweenBytes, token).ConfigureAwait(false);
            try
            {
                await stream.FlushAsync(token).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            catch (Exception ex) when (IsFileError(ex))
            {
                throw NotWritten(ex);
            }
            return length;
        }

        /// <summary>Puts the complete file in place: the replaced file's mode, then one rename.</summary>
        public void Commit()
        {
            try
            {
                _stream?.Dispose();
                _stream = null;
                if (_mode.HasValue) PrivateFiles.SetMode(_temp, _mode.Value);
                if (_noClobber)
                    File.Move(_temp, Path); // fails if the file appeared meanwhile
                else if (_replacing && IsWindows)
                    File.Replace(_temp, Path, null, ignoreMetadataErrors: true);
                else
                    PrivateFiles.Replace(_temp, Path);
                _committed = true;
            }
            catch (IOException ex) when (_noClobber && File.Exists(Path))
            {
                throw new ApifyOutFileException(ApifyOutFileProblem.Exists, Path,
                    $"The file {Path} appeared while the record was downloaded, and -NoClobber does not replace it.", ex);
            }
            catch (Exception ex) when (IsFileError(ex))
            {
                throw NotWritten(ex);
            }
        }

        public void Dispose()
        {
            _stream?.Dispose();
            _stream = null;
            if (_committed) return;
            try
            {
                File.Delete(_temp);
            }
            catch (Exception ex) when (IsFileError(ex))
            {
                // Best effort: the download already failed, and that is the error to report.
            }
        }

        private ApifyOutFileException NotWritten(Exception ex) =>
            new ApifyOutFileException(ApifyOutFileProblem.NotWritten, Path, $"The file {Path} could not be written: {ex.Message}", ex);

        private static bool IsFileError(Exception ex) =>
            ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is System.Security.SecurityException;
    }
}
