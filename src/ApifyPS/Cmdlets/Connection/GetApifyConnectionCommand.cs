using System.Management.Automation;
using ApifyPS.Client;
using ApifyPS.Models;

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
        /// <summary>A stored profile to show instead of what the order of sources picks.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Profile { get; set; }

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
                    var stored = sources.Store.Load(Profile) ?? throw new ApifyApiException(null, ApifyErrorTypes.ProfileNotFound,
                        $"No profile '{Profile}' is stored in {sources.Store.Directory}. Store it with 'Connect-Apify -Profile {Profile}'.", "", "")
                    { TargetId = Profile };
                    connection = ConnectionResolver.FromStoredProfile(stored, sources);
                    connection.EnsureTransportAllowed();
                }
            }
            catch (ApifyApiException ex)
            {
                WriteCredentialWarnings(sources);
                if (ex.ErrorType == ApifyErrorTypes.NotConnected) ThrowTerminatingError(ToErrorRecord(ex, null));
                WriteApiError(ex, Profile);
                return;
            }

            WriteCredentialWarnings(sources);
            try
            {
                var user = Await(ClientFor(connection).GetCurrentUserAsync(CancellationToken));
                WriteObject(ApifyConnectionInfo.From(connection.WithUser(user.Username, user.Id)));
            }
            catch (ApifyApiException ex)
            {
                var where = connection.Profile != null ? $"{connection.Source} '{connection.Profile}'" : connection.Source.ToString();
                WriteApiError(new ApifyApiException(ex.StatusCode, ex.ErrorType,
                    $"The token from {where} ({connection.Location}) did not work at {connection.BaseUri}: {ex.Message}", ex.Method, ex.Path, ex));
            }
        }
    }
}
