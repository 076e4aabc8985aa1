using System.Management.Automation;
using System.Security;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Refuses a plain-text token on a SecureString parameter with an error that does not repeat it (PowerShell's own
    /// conversion error would quote the value, putting the token in the error stream, logs and transcripts).
    /// </summary>
    internal sealed class SecureTokenAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value == null || value is SecureString) return value;
            throw new ArgumentTransformationMetadataException(
                $"-Token takes a SecureString, not a {value.GetType().Name} (the value is not shown). Leave -Token out to be " +
                "prompted, or pass (Read-Host -AsSecureString), (Get-Secret <name>) or a PSCredential with -Credential.");
        }
    }
}
