using System.Globalization;

namespace ApifyPS.Client
{
    /// <summary>
    /// How much of an answer may be read into memory (<see cref="ResponseBody.ReadAllAsync"/>), what such an answer
    /// is called in the error ("one page of dataset items") and what the user can do instead.
    /// </summary>
    internal sealed class BodyCap
    {
        public BodyCap(long bytes, ApifyBodyKind kind, string what, string? advice = null)
        {
            Bytes = bytes;
            Kind = kind;
            What = what;
            Advice = advice;
        }

        public ApifyBodyKind Kind { get; }

        public long Bytes { get; }

        public string What { get; }

        public string? Advice { get; }

        /// <summary>A size as people read it: 64 MiB, 512 KiB, 1000 bytes.</summary>
        public static string Format(long bytes)
        {
            const long KiB = 1024, MiB = 1024 * 1024;
            if (bytes >= MiB && bytes % MiB == 0) return (bytes / MiB).ToString(CultureInfo.InvariantCulture) + " MiB";
            if (bytes >= KiB && bytes % KiB == 0) return (bytes / KiB).ToString(CultureInfo.InvariantCulture) + " KiB";
            return bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
        }
    }
}
