using System.Management.Automation;
using System.Net;
using System.Security;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Connect-Apify: checks a token with GET /v2/users/me, makes it this session's connection and, unless
    /// -SessionOnly, stores it under a profile (a file only the user can read, or a SecretManagement vault). A profile
    /// other than 'default' is a second account: stored for -Profile, it does not replace the session's connection.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Apify", DefaultParameterSetName = TokenSet)]
    [OutputType(typeof(ApifyConnectionInfo))]
    public sealed class ConnectApifyCommand : ApifyCmdlet
    {
        private const string TokenSet = "Token";
        private const string CredentialSet = "Credential";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TokenSet, ValueFromPipeline = true,
            HelpMessage = "Your Apify API token (Apify Console > Settings > API & Integrations).")]
        [SecureToken]
        [ValidateNotNull]
        public SecureString? Token { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public new string Profile { get; set; } = CredentialStore.DefaultProfile;

        [Parameter]
        public SwitchParameter SessionOnly { get; set; }

        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Vault { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Bad input is refused before any request.
            try
            {
                CredentialStore.ValidateProfileName(Profile);
                if (BaseUri != null) BaseUri = ApifyConnection.NormalizeBaseUri(BaseUri);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidArgument", ErrorCategory.InvalidArgument, null));
            }
            if (SessionOnly && Vault != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-SessionOnly stores nothing, so it cannot be used with -Vault."),
                    "SessionOnlyWithVault", ErrorCategory.InvalidArgument, null));
        }

        protected override void ProcessRecord()
        {
            var plain = ParameterSetName == CredentialSet
                ? Credential!.GetNetworkCredential().Password
                : new NetworkCredential("", Token).Password;
            if (string.IsNullOrWhiteSpace(plain))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("The token is empty."), "EmptyToken", ErrorCategory.InvalidArgument, null));

            try
            {
                var sources = CurrentSources();
                if (Vault != null) ApifyConnector.RequireVault(sources.Vault, Vault);
                var baseUri = BaseUri ?? ConnectionResolver.EnvironmentBaseUri(sources.Environment);
                // Plain http to another machine only when the user said so: here, or for the environment's base URI there.
                var allowUnencrypted = AllowUnencryptedAuthentication.IsPresent ||
                                       (BaseUri == null && ConnectionResolver.EnvironmentAllowsUnencrypted(sources.Environment));
                var candidate = new ApifyConnection(baseUri, plain.Trim(), ApifyConnectionSource.Parameter, SessionOnly ? null : Profile,
                    allowUnencrypted);
                candidate.EnsureTransportAllowed();
                WriteVerbose($"Checking the token with GET /v2/users/me at {candidate.BaseUri}");
                var verified = Await(ApifyConnector.VerifyAsync(candidate, ClientOptions(), CancellationToken));
                WriteVerbose($"The token belongs to {verified.Username} ({verified.UserId}).");

                string? storedIn = null;
                if (!SessionOnly)
                {
                    var stored = ApifyConnector.Save(sources.Store, Profile, verified, sources.Vault, Vault);
                    storedIn = stored.TokenLocation;
                    WriteVerbose(stored.Protection switch
                    {
                        TokenProtection.SecretVault => $"Stored profile '{Profile}': the token in {storedIn}, the profile in {stored.Path}.",
                        TokenProtection.WindowsDpapi => $"Stored profile '{Profile}' in {stored.Path}, the token encrypted with DPAPI for this user.",
                        _ => $"Stored profile '{Profile}' in {stored.Path} (readable by this user only).",
                    });
                }
                // A second account (a profile other than 'default') is stored for -Profile and $env:APIFY_PROFILE; the
                // session keeps the connection it has, so one script can read from one account and write to another.
                if (!SessionOnly && !string.Equals(Profile, CredentialStore.DefaultProfile, StringComparison.OrdinalIgnoreCase))
                {
                    WriteVerbose($"This session's connection is unchanged; use the profile with -Profile {Profile} (or $env:APIFY_PROFILE = '{Profile}').");
                    WriteObject(ApifyConnectionInfo.From(verified, storedIn));
                    return;
                }
                var session = sources.Session.Connect(verified);
                WriteObject(ApifyConnectionInfo.From(session, storedIn));
            }
            catch (ApifyException ex)
            {
                ThrowTerminatingError(ApifyErrorRecords.For(ex, null));
            }
        }
    }
}
