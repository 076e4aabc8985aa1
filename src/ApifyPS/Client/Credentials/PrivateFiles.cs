using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ApifyPS.Client
{
    /// <summary>
    /// Files only their owner may read, written so that no one else can ever read them and a crash never leaves half
    /// a file. On Unix the file is created with mode 0600 by the call that creates it (never chmod-ed afterwards: a
    /// reader who opened it in between would keep its handle) inside a 0700 directory, then renamed over the old one.
    /// netstandard2.0 has no API for modes: on .NET 7+ (PowerShell 7.4+) the runtime's own UnixCreateMode /
    /// SetUnixFileMode are used through reflection, elsewhere libc's open/mkdir/chmod/rename.
    /// </summary>
    internal static class PrivateFiles
    {
        private const int OwnerReadWrite = 0x180; // 0600
        private const int OwnerOnlyDirectory = 0x1C0; // 0700

        private static readonly Assembly s_coreLib = typeof(FileStream).Assembly;
        private static readonly Type? s_unixFileMode = s_coreLib.GetType("System.IO.UnixFileMode");
        private static readonly Type? s_fileStreamOptions = s_coreLib.GetType("System.IO.FileStreamOptions");
        private static readonly ConstructorInfo? s_fileStreamWithOptions =
            s_fileStreamOptions == null ? null : typeof(FileStream).GetConstructor(new[] { typeof(string), s_fileStreamOptions });
        private static readonly MethodInfo? s_setUnixFileMode =
            s_unixFileMode == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), s_unixFileMode });
        private static readonly MethodInfo? s_getUnixFileMode =
            s_unixFileMode == null ? null : typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
        private static readonly MethodInfo? s_moveOverwrite =
            typeof(File).GetMethod("Move", new[] { typeof(string), typeof(string), typeof(bool) });

        public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>True when the runtime's own mode APIs (.NET 7+) are there; false means libc is called instead.</summary>
        internal static bool HasRuntimeModeApi => s_fileStreamWithOptions != null && s_setUnixFileMode != null;

        /// <summary>
        /// Creates the directory (and missing parents) readable by the owner only on Unix. <paramref name="viaLibc"/>
        /// takes the libc path even where the runtime's API exists (the tests prove both paths).
        /// </summary>
        public static void CreatePrivateDirectory(string path, bool viaLibc = false)
        {
            path = Path.GetFullPath(path);
            if (!IsUnix)
            {
                Directory.CreateDirectory(path);
                return;
            }
            var parent = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent)) CreatePrivateDirectory(parent!, viaLibc);
            if (!Directory.Exists(path))
            {
                if (Libc.MkDir(path, OwnerOnlyDirectory) != 0)
                {
                    var errno = Marshal.GetLastWin32Error();
                    if (!Directory.Exists(path)) throw new IOException($"Cannot create the directory {path} (errno {errno}).");
                }
            }
            // Our own directory is always owner-only, even if someone loosened it: the umask can only remove bits.
            SetMode(path, OwnerOnlyDirectory, viaLibc);
        }

        /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically, as an owner-only file.</summary>
        public static void WriteAtomically(string path, byte[] content, bool viaLibc = false)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = CreateNew(temp, viaLibc))
                {
                    stream.Write(content, 0, content.Length);
                    stream.Flush(flushToDisk: true);
                }
                Replace(temp, path, viaLibc);
            }
            catch
            {
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw;
            }
        }

        /// <summary>
        /// The permission bits (0777) of a file or directory on Unix; null on Windows, when it does not exist or cannot
        /// be examined, and on runtimes before .NET 7, which have no API for it (stat's layout differs by platform).
        /// </summary>
        public static int? UnixModeOf(string path)
        {
            if (!IsUnix || s_getUnixFileMode == null) return null;
            try
            {
                return Convert.ToInt32(s_getUnixFileMode.Invoke(null, new object[] { path })) & 0x1FF;
            }
            catch (TargetInvocationException ex) when (ex.InnerException is IOException || ex.InnerException is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>A new file (it must not exist) open for writing; on Unix with mode 0600 from its creation.</summary>
        internal static FileStream CreateNew(string path, bool viaLibc = false)
        {
            if (!IsUnix) return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (s_fileStreamWithOptions != null && s_unixFileMode != null && !viaLibc)
            {
                var options = Activator.CreateInstance(s_fileStreamOptions!);
                s_fileStreamOptions!.GetProperty("Mode")!.SetValue(options, FileMode.CreateNew);
                s_fileStreamOptions.GetProperty("Access")!.SetValue(options, FileAccess.Write);
                s_fileStreamOptions.GetProperty("Share")!.SetValue(options, FileShare.None);
                s_fileStreamOptions.GetProperty("UnixCreateMode")!.SetValue(options, Enum.ToObject(s_unixFileMode, OwnerReadWrite));
                try
                {
                    return (FileStream)s_fileStreamWithOptions.Invoke(new[] { path, options });
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    throw ex.InnerException;
                }
            }
            var fd = Libc.Open(path, Libc.CreateExclusiveWriteFlags(), OwnerReadWrite);
            if (fd < 0) throw new IOException($"Cannot create {path} (errno {Marshal.GetLastWin32Error()}).");
            return new FileStream(new SafeFileHandle((IntPtr)fd, ownsHandle: true), FileAccess.Write);
        }

        internal static void SetMode(string path, int mode, bool viaLibc = false)
        {
            if (s_setUnixFileMode != null && !viaLibc)
            {
                try
                {
                    s_setUnixFileMode.Invoke(null, new[] { path, Enum.ToObject(s_unixFileMode!, mode) });
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    throw ex.InnerException;
                }
                return;
            }
            if (Libc.ChMod(path, mode) != 0) throw new IOException($"Cannot set the mode of {path} (errno {Marshal.GetLastWin32Error()}).");
        }

        /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/> (which may exist), in one step where the system allows.</summary>
        internal static void Replace(string source, string destination, bool viaLibc = false)
        {
            if (IsUnix && (s_moveOverwrite == null || viaLibc))
            {
                if (Libc.Rename(source, destination) != 0)
                    throw new IOException($"Cannot rename {source} to {destination} (errno {Marshal.GetLastWin32Error()}).");
                return;
            }
            if (s_moveOverwrite != null)
            {
                try
                {
                    s_moveOverwrite.Invoke(null, new object[] { source, destination, true });
                }
                catch (TargetInvocationException ex) when (ex.InnerException != null)
                {
                    throw ex.InnerException;
                }
                return;
            }
            // .NET Framework (Windows PowerShell 5.1): Replace needs an existing destination, Move a missing one.
            if (File.Exists(destination)) File.Replace(source, destination, null, ignoreMetadataErrors: true);
            else File.Move(source, destination);
        }

        private static class Libc
        {
            [DllImport("libc", EntryPoint = "open", SetLastError = true)]
            public static extern int Open(string path, int flags, int mode);

            [DllImport("libc", EntryPoint = "mkdir", SetLastError = true)]
            public static extern int MkDir(string path, int mode);

            [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
            public static extern int ChMod(string path, int mode);

            [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
            public static extern int Rename(string oldPath, string newPath);

            /// <summary>O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, whose values differ between Linux and the BSDs/macOS.</summary>
            public static int CreateExclusiveWriteFlags()
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return 0x1 | 0x40 | 0x80 | 0x80000;
                if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return 0x1 | 0x200 | 0x800 | 0x1000000;
                throw new PlatformNotSupportedException("Creating an owner-only file needs .NET 7 or later on this operating system.");
            }
        }
    }
}
