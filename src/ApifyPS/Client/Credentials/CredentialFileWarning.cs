namespace ApifyPS.Client
{
    /// <summary>
    /// A file the token was read from (a stored profile, the Apify CLI's login), or the profiles' folder, that other
    /// users can open, as ssh warns about a private key whose permissions are too open. The file is still used; a
    /// cmdlet shows the warning once per file per session (<see cref="ConnectionSources.TakeWarnings"/>).
    /// </summary>
    public sealed class CredentialFileWarning
    {
        private const int GroupAndOther = 0x3F; // 077
        private const int ReadByOthers = 0x24; // 044
        private const int WrittenByOthers = 0x12; // 022

        private CredentialFileWarning(string path, int mode, bool isDirectory, string message)
        {
            Path = path;
            Mode = mode;
            IsDirectory = isDirectory;
            Message = message;
        }

        /// <summary>The file or folder.</summary>
        public string Path { get; }

        /// <summary>Its permission bits (e.g. 0644 octal).</summary>
        public int Mode { get; }

        public bool IsDirectory { get; }

        /// <summary>What is wrong and the command that fixes it, for people.</summary>
        public string Message { get; }

        /// <summary>The mode as chmod writes it: 0644.</summary>
        public string ModeText => Octal(Mode);

        public override string ToString() => Message;

        /// <summary>
        /// The warnings for a stored profile whose file keeps the token: its file and the profiles' folder. None for a
        /// profile whose token is in a vault or encrypted with DPAPI.
        /// </summary>
        public static IReadOnlyList<CredentialFileWarning> ForProfile(StoredProfile profile)
        {
            var found = new List<CredentialFileWarning>();
            if (profile.Protection != TokenProtection.OwnerOnlyFile) return found;
            var folder = System.IO.Path.GetDirectoryName(profile.Path);
            if (!string.IsNullOrEmpty(folder)) AddIfOpen(found, folder!, true, $"The folder of the stored Apify profiles, {folder},");
            AddIfOpen(found, profile.Path, false, $"The file of the stored Apify profile '{profile.Name}', {profile.Path},");
            return found;
        }

        /// <summary>The warning for the Apify CLI's login file, if others can open it.</summary>
        public static IReadOnlyList<CredentialFileWarning> ForCliLogin(string path)
        {
            var found = new List<CredentialFileWarning>();
            AddIfOpen(found, path, false, $"The Apify CLI's login file, {path},");
            return found;
        }

        private static void AddIfOpen(List<CredentialFileWarning> found, string path, bool isDirectory, string subject)
        {
            var mode = PrivateFiles.UnixModeOf(path);
            if (mode == null || (mode.Value & GroupAndOther) == 0) return;
            var bits = mode.Value;
            var access = (bits & ReadByOthers) != 0 ? (isDirectory ? "can be listed by other users" : "is readable by other users")
                : (bits & WrittenByOthers) != 0 ? "can be changed by other users"
                : "is open to other users";
            var risk = isDirectory
                ? "they can see the profiles in it, or with write access replace them"
                : "whoever can read it can use your Apify token";
            var fix = $"chmod {(isDirectory ? "700" : "600")} '{path.Replace("'", "'\\''")}'";
            found.Add(new CredentialFileWarning(path, bits, isDirectory, $"{subject} {access} (mode {Octal(bits)}): {risk}. Run: {fix}"));
        }

        private static string Octal(int mode) => Convert.ToString(mode, 8).PadLeft(4, '0');
    }
}
