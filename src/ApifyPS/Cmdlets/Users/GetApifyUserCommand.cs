using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>Get-ApifyUser: the connected account (its plan and e-mail), or with -Id anyone's public profile.</summary>
    [Cmdlet(VerbsCommon.Get, "ApifyUser", DefaultParameterSetName = MeSet)]
    [OutputType(typeof(ApifyUser))]
    public sealed class GetApifyUserCommand : ApifyCmdlet
    {
        private const string MeSet = "Me";
        private const string IdSet = "ById";

        /// <summary>A user id or username: that user's public profile.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId", "Username")]
        [ValidatePathSegment("userId")]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            if (ParameterSetName == MeSet)
            {
                WriteAwaited(token => Client.Users.GetCurrentAsync(token), null);
                return;
            }
            foreach (var id in Id) WriteAwaited(token => Client.Users.GetPublicAsync(id, token), id);
        }
    }
}
