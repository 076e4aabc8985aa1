using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ApifyPS.Client
{
    /// <summary>
    /// DPAPI for the current user (Windows only): what a stored profile's token is encrypted with on Windows, so the
    /// file is useless to another account or machine. The calls into System.Security.Cryptography.ProtectedData sit
    /// in methods of their own (not inlined), so nothing of it is touched on Linux or macOS.
    /// </summary>
    internal static class WindowsDataProtection
    {
        /// <summary>Binds the ciphertext to ApifyPS: another program of the same user cannot decrypt it by accident.</summary>
        private static readonly byte[] s_entropy = Encoding.UTF8.GetBytes("ApifyPS stored profile token v1");

        public static bool IsAvailable => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static string Protect(string token)
        {
            if (!IsAvailable) throw new PlatformNotSupportedException("DPAPI exists on Windows only.");
            return Convert.ToBase64String(ProtectCore(Encoding.UTF8.GetBytes(token)));
        }

        /// <summary>The token, or an exception saying why it cannot be decrypted (another user, another machine).</summary>
        public static string Unprotect(string protectedBase64)
        {
            if (!IsAvailable) throw new PlatformNotSupportedException("DPAPI exists on Windows only.");
            return Encoding.UTF8.GetString(UnprotectCore(Convert.FromBase64String(protectedBase64)));
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static byte[] ProtectCore(byte[] data) => ProtectedData.Protect(data, s_entropy, DataProtectionScope.CurrentUser);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static byte[] UnprotectCore(byte[] data) => ProtectedData.Unprotect(data, s_entropy, DataProtectionScope.CurrentUser);
    }
}
