using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Net.Http.Headers;

namespace ApifyPS.Cmdlets
{
    /// <summary>Memory sizes the platform accepts: a power of 2 from 128 to 32768 megabytes.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateMemoryMbytesAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = Convert.ToInt64(arguments is PSObject p ? p.BaseObject : arguments, System.Globalization.CultureInfo.InvariantCulture);
            if (value < 128 || value > 32768 || (value & (value - 1)) != 0)
                throw new ValidationMetadataException($"{value} is not a power of 2 from 128 to 32768 (e.g. 1024, 4096).");
        }
    }
}
