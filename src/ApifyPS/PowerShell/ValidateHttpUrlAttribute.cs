using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>An absolute http or https URL (a webhook's request URL), checked at binding: the error names the parameter.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateHttpUrlAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject p ? p.BaseObject : arguments;
            var uri = value as Uri;
            if (uri == null && value is string text) Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out uri);
            if (uri == null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ValidationMetadataException($"'{value}' is not an absolute http or https URL (e.g. https://hooks.example.com/apify).");
        }
    }
}
