using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Get-ApifyConnection: the connection the next request would use (or a stored profile's), checked with
    /// GET /v2/users/me: account, profile, API root and where the token came from. Never the token.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ApifyConnection")]
    [OutputType(typeof(ApifyConnectionInfo))]
    public sealed class GetApifyConnectionCommand : ApifyCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public new string? Profile { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Profile != null && !CredentialStore.IsValidProfileName(Profile))
                ThrowTerminatingError(new ErrorRecord(new System.ArgumentException(
                    $"'{Profile}' is not a profile name: use 1 to 64 letters, digits, '.', '_' or '-'."), "InvalidArgument", ErrorCategory.InvalidArgument, Profile));
        }

        protected override void ProcessRecord()
        {
            var sources = CurrentSources();
            ApifyConnection connection;
            try
            {
                if (Profile == null)
                {
                    connection = ConnectionResolver.Resolve(sources);
                }
                else
                {
                    var stored = sources.Store.Load(Profile) ?? throw new ApifyConnectionException(ApifyErrorTypes.ProfileNotFound,
                        $"No profile '{Profile}' is stored in {sources.Store.Directory}. Store it with 'Connect-Apify -Profile {Profile}'.")
                    { TargetId = Profile };
                    connection = ConnectionResolver.FromStoredProfile(stored, sources);
                    connection.EnsureTransportAllowed();
                }
            }
            catch (ApifyException ex)
            {
                WriteCredentialWarnings(sources);
                if (ex.ErrorType == ApifyErrorTypes.NotConnected) ThrowTerminatingError(ApifyErrorRecords.For(ex, null));
                WriteApifyError(ex, Profile);
                return;
            }

            WriteCredentialWarnings(sources);
            try
            {
                var user = Await(ClientFor(connection).Users.GetCurrentAsync(CancellationToken));
                WriteObject(ApifyConnectionInfo.From(connection.WithUser(user.Username, user.Id)));
            }
            catch (ApifyApiException ex)
            {
                var where = connection.Profile != null ? $"{connection.Source} '{connection.Profile}'" : connection.Source.ToString();
                WriteApifyError(new ApifyApiException(ex.StatusCode, ex.ErrorType,
                    $"The token from {where} ({connection.Location}) did not work at {connection.BaseUri}: {ex.Message}", ex.Method, ex.Path, ex));
            }
        }
    }
}
