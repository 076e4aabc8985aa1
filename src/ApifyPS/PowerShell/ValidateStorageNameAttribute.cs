using System.Management.Automation;
using System.Text.RegularExpressions;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// A storage name as the API takes it: 1 to 63 letters, digits and hyphens, a hyphen only inside; a parameter
    /// validation error otherwise, before any request.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateStorageNameAttribute : ValidateArgumentsAttribute
    {
        private static readonly Regex s_name = new Regex("^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$", RegexOptions.CultureInvariant);

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var name = arguments is PSObject pso ? pso.BaseObject as string : arguments as string;
            if (name == null || !s_name.IsMatch(name))
                throw new ValidationMetadataException(
                    $"'{name}' is not a storage name: use 1 to 63 letters, digits and hyphens, with a hyphen only inside (e.g. 'my-data-1').");
        }
    }
}
