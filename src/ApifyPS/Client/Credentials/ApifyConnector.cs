namespace ApifyPS.Client
{
    /// <summary>
    /// What Connect-Apify and Disconnect-Apify do, without PowerShell: check a token against the API, store it under a
    /// profile (a file or a SecretManagement vault), and forget it. Nothing is stored before the API accepted the token.
    /// </summary>
    public static class ApifyConnector
    {
        /// <summary>The name of a profile's secret in a SecretManagement vault.</summary>
        public static string SecretNameOf(string profile) => "ApifyPS." + profile.ToLowerInvariant();

        /// <summary>
        /// Asks the API who the token belongs to (<c>GET /v2/users/me</c>). A wrong token is an ApifyApiException
        /// (401 invalid-token) whose message says that nothing was saved; the result carries the username and user id.
        /// </summary>
        public static async Task<ApifyConnection> VerifyAsync(ApifyConnection candidate, ApifyClientOptions? options,
            CancellationToken cancellationToken)
        {
            candidate.EnsureTransportAllowed();
            var client = new ApifyClient(candidate, options);
            try
            {
                var user = await client.Users.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
                return candidate.WithUser(user.Username, user.Id);
            }
            catch (ApifyApiException ex)
            {
                var refused = ex.StatusCode == System.Net.HttpStatusCode.Unauthorized || ex.StatusCode == System.Net.HttpStatusCode.Forbidden;
                throw new ApifyApiException(ex.StatusCode, ex.ErrorType,
                    (refused ? $"{candidate.BaseUri} refused the token: " : $"The token could not be checked at {candidate.BaseUri}: ") +
                    ex.Message + " Nothing was saved.", ex.Method, ex.Path, ex);
            }
        }

        /// <summary>
        /// Stores a checked connection under <paramref name="profile"/>: in the store's file, or with
        /// <paramref name="vaultName"/> in that SecretManagement vault (the file then only names the vault and secret).
        /// </summary>
        public static StoredProfile Save(CredentialStore store, string profile, ApifyConnection verified, ISecretVault? vault = null,
            string? vaultName = null)
        {
            CredentialStore.ValidateProfileName(profile);
            if (vaultName == null)
                return store.Save(profile, verified.BaseUri, verified.Username, verified.UserId, verified.Token,
                    allowUnencryptedAuthentication: verified.AllowUnencryptedAuthentication);
            RequireVault(vault, vaultName);
            var secretName = SecretNameOf(profile);
            vault!.SetSecret(vaultName, secretName, verified.Token);
            return store.Save(profile, verified.BaseUri, verified.Username, verified.UserId, null, vaultName, secretName,
                verified.AllowUnencryptedAuthentication);
        }

        /// <summary>
        /// Deletes a stored profile (and its secret, when a vault keeps it). A file that cannot be read is deleted all
        /// the same; a vault that cannot be reached keeps the file, so the secret is never orphaned. False when there
        /// was no such profile.
        /// </summary>
        public static bool Forget(CredentialStore store, string profile, ISecretVault? vault)
        {
            StoredProfile? stored;
            try
            {
                stored = store.Load(profile);
            }
            catch (ApifyConnectionException ex) when (ex.ErrorType == ApifyErrorTypes.CredentialUnreadable)
            {
                return store.Delete(profile);
            }
            if (stored == null) return false;
            if (stored.Protection == TokenProtection.SecretVault)
            {
                RequireVault(vault, stored.Vault!);
                vault!.RemoveSecret(stored.Vault!, stored.SecretName!);
            }
            return store.Delete(profile);
        }

        /// <summary>Throws secret-vault-unavailable unless SecretManagement can be used.</summary>
        public static void RequireVault(ISecretVault? vault, string vaultName)
        {
            if (vault == null || !vault.IsAvailable)
                throw new ApifyConnectionException(ApifyErrorTypes.SecretVaultUnavailable,
                    $"The SecretManagement vault '{vaultName}' cannot be used: the module Microsoft.PowerShell.SecretManagement is " +
                    "not installed. Install it with a vault extension (Install-PSResource Microsoft.PowerShell.SecretManagement, " +
                    "Microsoft.PowerShell.SecretStore; Register-SecretVault), or store the token without -Vault.");
        }
    }
}
