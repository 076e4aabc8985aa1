using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyLimit: the account's limits and its current usage against them, as flat properties.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyLimit")]
    [OutputType(typeof(ApifyLimit))]
    public sealed class GetApifyLimitCommand : ApifyCmdlet
    {
        protected override void ProcessRecord() => WriteAwaited(token => Client.Users.GetLimitsAsync(token), null);
    }
}
