using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyRetryPolicy: how failed requests are retried in this PowerShell process.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyRetryPolicy")]
    [OutputType(typeof(ApifyRetryPolicy))]
    public sealed class GetApifyRetryPolicyCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject(ApifyRetryPolicy.Current);
    }
}
