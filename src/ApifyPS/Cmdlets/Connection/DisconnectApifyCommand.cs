using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Disconnect-Apify: ends this session's connection; with -Forget also deletes the stored profile (and its
    /// secret in a vault). The environment and the Apify CLI's login are not touched.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Apify", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class DisconnectApifyCommand : ApifyCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public new string? Profile { get; set; }

        [Parameter]
        public SwitchParameter Forget { get; set; }

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
            var session = sources.Session.Connection;
            var profile = Profile ?? session?.Profile ?? EnvironmentProfile(sources) ?? CredentialStore.DefaultProfile;
            if (Forget && !CredentialStore.IsValidProfileName(profile))
                ThrowTerminatingError(new ErrorRecord(new System.ArgumentException(
                    $"{ConnectionResolver.ProfileVariable} ('{profile}') is not a profile name; name the profile with -Profile."),
                    "InvalidArgument", ErrorCategory.InvalidArgument, profile));

            // Without -Profile the session ends whatever it is; with it, only when it is that profile's.
            var endsSession = session != null &&
                              (Profile == null || string.Equals(session.Profile, Profile, System.StringComparison.OrdinalIgnoreCase));
            if (endsSession)
            {
                if (ShouldProcess($"{session!.Username ?? "the session's connection"} at {session.BaseUri}", "End the session's Apify connection"))
                {
                    sources.Session.Disconnect();
                    WriteVerbose($"Ended the session's connection ({session.Username} at {session.BaseUri}).");
                }
            }
            else if (!Forget)
            {
                WriteVerbose(session == null ? "This session has no connection to end." : $"The session's connection is not profile '{Profile}'; it was kept.");
            }

            if (!Forget) return;
            var path = sources.Store.PathOf(profile);
            if (!ShouldProcess($"profile '{profile}' ({path})", "Delete the stored Apify credential")) return;
            try
            {
                if (ApifyConnector.Forget(sources.Store, profile, sources.Vault))
                    WriteVerbose($"Deleted the stored profile '{profile}' ({path}).");
                else
                    WriteWarning($"No profile '{profile}' is stored in {sources.Store.Directory}; nothing was deleted.");
            }
            catch (ApifyException ex)
            {
                WriteApifyError(ex, profile);
            }
            catch (System.Exception ex) when (ex is System.IO.IOException || ex is System.UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, "ProfileNotDeleted", ErrorCategory.WriteError, profile));
            }
        }

        private static string? EnvironmentProfile(ConnectionSources sources)
        {
            var named = sources.Environment(ConnectionResolver.ProfileVariable);
            return string.IsNullOrWhiteSpace(named) ? null : named!.Trim();
        }
    }
}
