namespace ApifyPS.Client
{
    /// <summary>
    /// A SecretManagement vault, reached at run time (Microsoft.PowerShell.SecretManagement is not a dependency: the
    /// module layer implements this by running its commands when the module is installed). Failures are
    /// <see cref="ApifyConnectionException"/>s of type secret-vault-unavailable; messages never hold the secret.
    /// </summary>
    public interface ISecretVault
    {
        /// <summary>True when Microsoft.PowerShell.SecretManagement can be used here.</summary>
        bool IsAvailable { get; }

        string GetSecret(string vault, string name);

        void SetSecret(string vault, string name, string secret);

        void RemoveSecret(string vault, string name);
    }
}
