using System;
using System.IO;

namespace ApifyPS.DesktopHarness
{
    /// <summary>A folder of its own under the temp directory, removed (only it) on Dispose.</summary>
    internal sealed class TemporaryFolder : IDisposable
    {
        public TemporaryFolder(string prefix)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try
            {
                if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp cleaning; nothing outside it is touched.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
